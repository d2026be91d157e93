import json
from pathlib import Path

import typer

from missionmatch.commands._common import database_work
from missionmatch.services.mission_import import import_mission
from missionmatch.services.missions import get_mission
from missionmatch.services.participant_columns import parse_map_option
from missionmatch.services.participant_import import import_participants

import_app = typer.Typer(
    help="Import participants (Excel/CSV) or whole missions (JSON).", no_args_is_help=True
)


@import_app.command("participants")
def participants(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help=".xlsx or .csv (any common encoding)."
    ),
    mission: str = typer.Option(..., "--mission", "-m", help="Mission name or slug."),
    column_map: list[str] = typer.Option(
        [], "--map", help="FIELD=COLUMN when a header is not recognised, e.g. --map email=Contact."
    ),
) -> None:
    """Register participants and their organisations; one bad row and nothing is written."""
    with database_work() as session:
        report = import_participants(
            session, get_mission(session, mission), file, parse_map_option(column_map)
        )
    typer.echo(
        f"Imported {report.created_participants} participant(s), {report.created_organisations} new "
        f"organisation(s) from {file.name}" + (f" ({report.encoding})" if report.encoding else "")
    )


@import_app.command("mission")
def mission_document(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="A missionmatch/mission-v1 JSON file."
    ),
    replace: bool = typer.Option(False, help="Replace a mission of the same name."),
) -> None:
    """Create a whole mission from a JSON mission document (as written by `export mission`)."""
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        typer.echo(f"Error: {file.name} is not a JSON document ({error})", err=True)
        raise typer.Exit(1) from None
    with database_work() as session:
        mission = import_mission(session, document, replace=replace)
        typer.echo(f"Imported mission {mission.name!r}: {len(mission.participants)} participants")


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
