import typer

from missionmatch.commands._common import database_work
from missionmatch.services.cleanup import clean_up


def cleanup() -> None:
    """Delete expired rows now (web sessions, sign-in counters, sign-in links); the worker does it hourly."""
    with database_work() as session:
        deleted = clean_up(session)
    for name, count in deleted.items():
        typer.echo(f"{name}: {count} deleted")


def register(app: typer.Typer) -> None:
    app.command("cleanup")(cleanup)
