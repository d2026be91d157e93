import json
from pathlib import Path

import typer

from missionmatch.commands._common import database_work
from missionmatch.commands._import_preview import preview_lines
from missionmatch.services.import_apply import apply_import
from missionmatch.services.mission_import import import_mission
from missionmatch.services.missions import get_mission
from missionmatch.services.participant_columns import KEY_FIELDS, parse_map_option
from missionmatch.services.participant_import import choose_columns, preview_sheet
from missionmatch.services.problems import InputRejected
from missionmatch.services.tabular import read_sheet

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
    key: str = typer.Option(
        "email", "--key", help="The field that finds a registered participant: email or key."
    ),
    add_only: bool = typer.Option(
        False, "--add-only", help="Refuse rows about registered participants instead of updating them."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print what would be added, updated and left unchanged; write nothing."
    ),
) -> None:
    """Register participants and their organisations, or update those already registered (found by e-mail
    or --key); one bad row and nothing is written."""
    if key not in KEY_FIELDS:
        typer.echo(f"Error: --key must be one of {', '.join(KEY_FIELDS)}", err=True)
        raise typer.Exit(2)
    with database_work() as session:
        found = get_mission(session, mission)
        sheet = read_sheet(file)
        choice = choose_columns(
            session, found, sheet, parse_map_option(column_map), key_field=key, update=not add_only
        )
        if dry_run:
            plan = preview_sheet(session, found, sheet, choice)
            if plan.problems:
                raise InputRejected(plan.problems)
            typer.echo("\n".join(preview_lines(plan, file.name)))
            typer.echo("Nothing was written (--dry-run).")
            return
        report = apply_import(session, found, sheet, choice)
    typer.echo(
        f"Imported {report.created_participants} participant(s), {report.created_organisations} new "
        f"organisation(s) from {file.name}"
        + (f" ({report.encoding})" if report.encoding else "")
        + f"; {report.updated_participants} updated, {report.unchanged_participants} unchanged"
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
