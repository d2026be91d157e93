import typer

from missionmatch.commands._common import database_work
from missionmatch.services.demo import load_demo
from missionmatch.services.missions import list_missions
from missionmatch.services.summary import format_summary, summarise

demo_app = typer.Typer(help="The demo campaign Luxembourg–Japan 2025.", no_args_is_help=True)


@demo_app.command("load")
def load() -> None:
    """Load (or reload) the four demo missions into the database."""
    with database_work() as session:
        missions = load_demo(session)
        typer.echo(f"Loaded {len(missions)} demo missions: " + ", ".join(m.slug for m in missions))


@demo_app.command("run")
def run() -> None:
    """Load the demo, run the engines on it and print what came out (the `make demo` job)."""
    load()
    with database_work() as session:
        for mission in list_missions(session):
            typer.echo(format_summary(summarise(mission)))


def register(app: typer.Typer) -> None:
    app.add_typer(demo_app, name="demo")
