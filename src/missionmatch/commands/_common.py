"""What every database command needs: a migrated database and readable failures."""

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.services.missions import MissionNotFound
from missionmatch.services.problems import InputRejected
from missionmatch.services.tabular import UnreadableFile


def session_factory() -> sessionmaker[Session]:
    engine = make_engine()
    # idempotent, and a fresh SQLite file just works; the organiser is told when the schema changed
    if migrated := migrate.upgrade(engine):
        typer.echo(migrated.describe(engine), err=True)
    return make_session_factory(engine)


@contextmanager
def database_work() -> Iterator[Session]:
    """One transaction; bad input is reported on stderr with every problem, and nothing is written."""
    try:
        with transaction(session_factory()) as session:
            yield session
    except InputRejected as rejected:
        typer.echo(f"Nothing was written: {len(rejected.problems)} problem(s) found.", err=True)
        for problem in rejected.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(1) from None
    except (MissionNotFound, UnreadableFile) as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
