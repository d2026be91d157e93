import typer

from missionmatch.commands._common import database_work
from missionmatch.services.cleanup import clean_up
from missionmatch.services.request_reminders import send_reminders
from missionmatch.settings import load_mail_settings


def cleanup() -> None:
    """Delete expired rows now (web sessions, sign-in counters, sign-in links) and mail the reminders of
    unanswered meeting requests; the worker does it hourly."""
    with database_work() as session:
        deleted = clean_up(session)
    with database_work() as session:
        deleted["request reminders sent"] = send_reminders(session, load_mail_settings())
    for name, count in deleted.items():
        typer.echo(f"{name}: {count}")


def register(app: typer.Typer) -> None:
    app.command("cleanup")(cleanup)
