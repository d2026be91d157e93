import os
import signal
import subprocess
import sys

import typer

from missionmatch.commands._common import session_factory
from missionmatch.tasks.queue import IMMEDIATE


def worker(
    workers: int = typer.Option(1, help="Jobs run at once (threads; each solver uses its own processes)."),
    queue_url: str = typer.Option(
        "",
        help="sqlite:///FILE or redis://HOST:PORT/DB (default: MISSIONMATCH_QUEUE_URL, else var/queue.db).",
    ),
) -> None:
    """Run the jobs that pages, the API and the CLI queue: scheduler and replanning runs, the matcher,
    publication mails; and the hourly clean-up of expired rows. Stops after the running jobs on Ctrl-C
    (SIGINT); SIGTERM stops at once."""
    import logging

    from missionmatch.tasks.queue import build_queue
    from missionmatch.web.config import load_web_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # the same environment as the web processes: SMTP settings and the base URL of links in mails
    queue = build_queue(session_factory(), queue_url or None, mail=load_web_settings().mail)
    if queue.immediate:
        raise typer.BadParameter("an immediate queue has nothing to consume", param_hint="--queue-url")
    # a short poll: a job is picked up within half a second even on SQLite storage (Redis blocks instead);
    # periodic: the hourly clean-up of expired rows (tasks/cleanup.py)
    consumer = queue.huey.create_consumer(workers=workers, worker_type="thread", periodic=True, max_delay=0.5)
    typer.echo(f"missionmatch worker: {workers} worker(s) on {type(queue.huey).__name__}")
    consumer.run()


def start_worker_process() -> subprocess.Popen | None:
    """`missionmatch worker` as a child of `serve --worker` (`make demo`): one command starts everything.
    None when the queue runs jobs in place (MISSIONMATCH_QUEUE_URL=immediate:)."""
    if os.environ.get("MISSIONMATCH_QUEUE_URL") == IMMEDIATE:
        return None
    typer.echo("missionmatch worker started (scheduler runs, matcher, publication mails)")
    return subprocess.Popen([sys.executable, "-m", "missionmatch.cli", "worker"])


def stop_worker_process(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # finishes the job it runs (its result is written), then exits
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
