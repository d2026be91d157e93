import typer

from missionmatch.commands._common import database_work, session_factory
from missionmatch.commands.worker import start_worker_process, stop_worker_process


def _prepare_demo(base_url: str) -> None:
    """Loads the demo missions unless present (so `make demo` keeps the schedule `demo run` made) and prints
    the demo sign-ins (a fresh organiser password each run)."""
    from missionmatch.services.demo import DEMO_SLUGS, MAIN_DEMO_SLUG, load_demo
    from missionmatch.services.demo_accounts import create_demo_accounts
    from missionmatch.services.missions import list_missions

    with database_work() as session:
        missions = [m for m in list_missions(session) if m.slug in DEMO_SLUGS]
        if len(missions) != len(DEMO_SLUGS):
            missions = load_demo(session)
        main = next((m for m in missions if m.slug == MAIN_DEMO_SLUG), missions[0])
        logins = create_demo_accounts(session, missions, main)
    typer.echo(
        f"Organiser: {logins.organiser_email}  password: {logins.organiser_password}  ({base_url}/login)"
    )
    for person, path in logins.links:
        typer.echo(f"Participant {person}: {base_url}{path}")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    demo: bool = typer.Option(False, "--demo", help="Load the demo missions and print demo sign-ins first."),
    worker: bool = typer.Option(False, "--worker", help="Also run the job worker (implied by --demo)."),
) -> None:
    """Run the web application (pages for organisers and participants, and /api/v1)."""
    import os

    import uvicorn

    from missionmatch.web.app import create_app

    base_url = f"http://{host}:{port}"
    os.environ.setdefault("MISSIONMATCH_BASE_URL", base_url)  # links in mails point at this server
    if demo:
        _prepare_demo(base_url)
    typer.echo(f"missionmatch at {base_url}/")
    jobs = start_worker_process() if worker or demo else None
    try:
        uvicorn.run(create_app(session_factory()), host=host, port=port)
    finally:
        stop_worker_process(jobs)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
