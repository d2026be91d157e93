import typer

from missionmatch import migrate
from missionmatch.db import make_engine

db_app = typer.Typer(help="Database schema: migrations.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    engine = make_engine()
    migrate.upgrade(engine, revision)
    typer.echo(f"database at revision {migrate.current_revision(engine)}")


@db_app.command("current")
def current() -> None:
    """Show the database's revision and the newest one."""
    engine = make_engine()
    typer.echo(f"current: {migrate.current_revision(engine)}  head: {migrate.head_revision()}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
