import json
from enum import StrEnum
from pathlib import Path

import typer

from missionmatch.commands._common import database_work
from missionmatch.commands._progress import progress_display
from missionmatch.exports.agenda_files import AgendaFormat, write_agendas
from missionmatch.exports.day_files import DayFormat, write_day_documents
from missionmatch.exports.excel import mission_workbook
from missionmatch.i18n import LANGUAGES, Translator
from missionmatch.services.agenda_document import mission_agenda_documents
from missionmatch.services.day_documents import SessionNotFound, day_documents, find_session
from missionmatch.services.mission_export import export_mission
from missionmatch.services.missions import get_mission

export_app = typer.Typer(help="Export missions.", no_args_is_help=True)


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    JSON = "json"


class WorkbookLanguage(StrEnum):
    EN = "en"
    FR = "fr"
    JA = "ja"


@export_app.command("mission")
def mission(
    name: str = typer.Argument(..., help="Mission name or slug."),
    format: ExportFormat = typer.Option(ExportFormat.JSON, "--format", "-f"),
    out: Path = typer.Option(None, "--out", "-o", help="File to write (default: <slug>.<format>)."),
    language: WorkbookLanguage = typer.Option(
        WorkbookLanguage.EN, "--language", "-l", help="Language of the workbook's headers and statuses."
    ),
) -> None:
    """Write a mission as JSON (re-importable, lossless) or as an Excel workbook a person reads (one sheet
    per B2B session; keys in the last column; its Participants sheet imports back)."""
    with progress_display(f"export {name}") as progress:
        progress(stage="reading")
        with database_work() as session:
            found = get_mission(session, name)
            document = export_mission(session, found)
            target = out or Path(f"{found.slug}.{format.value}")
        progress(stage="writing")
        if format is ExportFormat.JSON:
            target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        else:
            target.write_bytes(mission_workbook(document, language=language.value))
    typer.echo(f"Wrote {target}")


@export_app.command("agendas")
def agendas(
    name: str = typer.Argument(..., help="Mission name or slug."),
    format: AgendaFormat = typer.Option(AgendaFormat.PDF, "--format", "-f"),
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write into (created if missing)."),
) -> None:
    """Write every participant's agenda, one file per participant named by their key (PDF: also all.pdf),
    each in the participant's language."""
    with database_work() as session:
        documents = mission_agenda_documents(session, get_mission(session, name))
    written = write_agendas(documents, format, out)
    typer.echo(f"Wrote {len(written)} files to {out}")


@export_app.command("day-documents")
def day_documents_command(
    name: str = typer.Argument(..., help="Mission name or slug."),
    session: str = typer.Option(..., "--session", "-s", help="The B2B session's key or id."),
    format: DayFormat = typer.Option(DayFormat.PDF, "--format", "-f"),
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write into (created if missing)."),
    draft: bool = typer.Option(False, "--draft", help="The draft schedule instead of the published one."),
    language: str = typer.Option("en", "--language", "-l", help="en, fr or ja."),
) -> None:
    """Write the table plan, the door lists, the check-in sheet, the interpreter rota and the table cards of
    one B2B session (plan, doors, checkin, rota and cards .pdf or .xlsx)."""
    if language not in LANGUAGES:
        raise typer.BadParameter(
            f"{language!r} is not one of {', '.join(LANGUAGES)}", param_hint="--language"
        )
    with database_work() as db:
        found = get_mission(db, name)
        try:
            documents = day_documents(db, find_session(db, found, session), draft)
        except SessionNotFound as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None
        written = write_day_documents(
            Translator(language), documents, format, out, found.name, found.timezone
        )
    typer.echo(f"Wrote {len(written)} files to {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
