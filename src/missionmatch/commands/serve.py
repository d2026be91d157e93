import shutil

import typer

from missionmatch.commands._common import database_work, session_factory
from missionmatch.commands.worker import start_worker_process, stop_worker_process

APP_FACTORY = "missionmatch.web.app:create_app_from_environment"
WORKER_STARTUP_SECONDS = 60


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
    workers: int = typer.Option(
        None,
        min=1,
        help="Web worker processes (default: MISSIONMATCH_WEB_WORKERS, else 1). Each has its own pool of "
        "MISSIONMATCH_DB_POOL_SIZE connections.",
    ),
    demo: bool = typer.Option(False, "--demo", help="Load the demo missions and print demo sign-ins first."),
    worker: bool = typer.Option(False, "--worker", help="Also run the job worker (implied by --demo)."),
) -> None:
    """Run the web application (pages for organisers and participants, and /api/v1)."""
    import os

    import uvicorn

    from missionmatch.settings import load_settings, load_web_settings
    from missionmatch.web.proxies import SERVER_OPTIONS

    base_url = f"http://{host}:{port}"
    os.environ.setdefault("MISSIONMATCH_BASE_URL", base_url)  # links in mails point at this server
    session_factory()  # migrates once, before any worker starts
    load_web_settings()  # creates var/secret.key once, so that every worker signs sessions with the same key
    if demo:
        _prepare_demo(base_url)
    workers = workers or load_settings().web_workers
    typer.echo(f"missionmatch at {base_url}/ ({workers} worker process{'es' if workers > 1 else ''})")
    jobs = start_worker_process() if worker or demo else None
    shared = _shared_page_directory(workers)
    try:
        uvicorn.run(
            APP_FACTORY,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            # a worker imports the solvers before it answers the parent's health check: seconds on a busy
            # machine
            timeout_worker_healthcheck=WORKER_STARTUP_SECONDS,
            **SERVER_OPTIONS,
        )
    finally:
        stop_worker_process(jobs)
        if shared is not None:
            shutil.rmtree(shared, ignore_errors=True)


def _shared_page_directory(workers: int) -> str | None:
    """Several processes share their rendered pages (web/shared_bodies.py): in MISSIONMATCH_PAGE_CACHE_DIR,
    else in a directory of this server's own, removed when it stops."""
    import os
    import tempfile

    from missionmatch.settings import load_settings

    if workers < 2 or load_settings().page_cache_dir is not None:
        return None
    directory = tempfile.mkdtemp(prefix="missionmatch-pages-")  # mode 0700
    os.environ.setdefault("MISSIONMATCH_PAGE_CACHE_DIR", directory)  # the worker processes inherit it
    return directory


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
