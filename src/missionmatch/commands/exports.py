import json
from enum import StrEnum
from pathlib import Path

import typer

from missionmatch.commands._common import database_work
from missionmatch.commands._progress import progress_display
from missionmatch.exports.excel import mission_workbook
from missionmatch.services.mission_export import export_mission
from missionmatch.services.missions import get_mission

export_app = typer.Typer(help="Export missions.", no_args_is_help=True)


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    JSON = "json"


@export_app.command("mission")
def mission(
    name: str = typer.Argument(..., help="Mission name or slug."),
    format: ExportFormat = typer.Option(ExportFormat.JSON, "--format", "-f"),
    out: Path = typer.Option(None, "--out", "-o", help="File to write (default: <slug>.<format>)."),
) -> None:
    """Write a mission as JSON (re-importable, lossless) or as an Excel workbook."""
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
            target.write_bytes(mission_workbook(document))
    typer.echo(f"Wrote {target}")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
