import typer

from missionmatch.commands._common import database_work
from missionmatch.services.missions import get_mission, list_missions
from missionmatch.services.summary import format_summary, summarise


def summary(
    mission: str = typer.Argument(None, help="Mission name or slug; all missions when omitted."),
) -> None:
    """Print counts per mission, side and sector, and what is planned."""
    with database_work() as session:
        missions = [get_mission(session, mission)] if mission else list_missions(session)
        if not missions:
            typer.echo("No mission yet: `missionmatch demo load` or `missionmatch import mission FILE`.")
        for item in missions:
            typer.echo(format_summary(summarise(session, item)))


def register(app: typer.Typer) -> None:
    app.command("summary")(summary)
