import typer

from missionmatch.commands._common import database_work, session_factory
from missionmatch.commands.schedule import format_report
from missionmatch.services.demo import MAIN_DEMO_SLUG, load_demo
from missionmatch.services.matching_run import run_matching
from missionmatch.services.missions import get_mission, list_missions
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.services.summary import format_summary, summarise

demo_app = typer.Typer(help="The demo campaign Luxembourg–Japan 2025.", no_args_is_help=True)


@demo_app.command("load")
def load() -> None:
    """Load (or reload) the four demo missions into the database."""
    with database_work() as session:
        missions = load_demo(session)
        typer.echo(f"Loaded {len(missions)} demo missions: " + ", ".join(m.slug for m in missions))


@demo_app.command("run")
def run(time_limit: float = typer.Option(20.0, help="Solver seconds per B2B session.")) -> None:
    """Load the demo, recommend partners and schedule the main demo mission, then print the results."""
    load()
    with database_work() as session:
        mission = get_mission(session, MAIN_DEMO_SLUG)
        matching = run_matching(session, mission)
        typer.echo(
            f"Matcher ({matching.embedder}): {matching.recommendations} recommendations for "
            f"{matching.profiles} profiles, {matching.suggested_meetings} suggested meetings "
            f"({matching.skipped_empty} empty profiles skipped)"
        )
        mission_id = mission.id
    typer.echo(format_report(run_scheduling(session_factory(), mission_id, time_limit=time_limit)))
    with database_work() as session:
        for mission in list_missions(session):
            typer.echo(format_summary(summarise(session, mission)))


def register(app: typer.Typer) -> None:
    app.add_typer(demo_app, name="demo")
