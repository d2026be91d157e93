"""A real uvicorn server on a free loopback port (in a thread), on its own temporary SQLite database holding
the demo mission osaka-1 with a published schedule, and an API token for its organiser and for one of its
delegation participants. For the API fuzz test and `scripts/fuzz_api.py`; nothing else is touched."""

import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import select

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Mission
from missionmatch.models.enums import Side
from missionmatch.services.accounts import create_api_token, create_organiser
from missionmatch.services.demo import MAIN_DEMO_SLUG, demo_documents
from missionmatch.services.matching_run import run_matching
from missionmatch.services.mission_import import import_mission
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.settings import MailSettings, WebSettings
from missionmatch.web.app import create_app

ORGANISER = "organiser@fuzz.missionmatch"
SOLVER_SECONDS = 2.0  # per session: enough for a draft to publish, so that agendas and feedback have content
START_TIMEOUT = 15.0


class StatusCounter:
    """Counts the responses the server sends by status code (an ASGI wrapper around the application)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.counts: Counter[int] = Counter()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def counting(message: dict) -> None:
            if message["type"] == "http.response.start":
                self.counts[message["status"]] += 1
            await send(message)

        await self.app(scope, receive, counting)

    def total(self) -> int:
        return sum(self.counts.values())

    def server_errors(self) -> int:
        return sum(n for status, n in self.counts.items() if status >= 500)


@dataclass(frozen=True)
class LiveServer:
    base_url: str  # e.g. http://127.0.0.1:41234
    organiser_token: str
    participant_token: str
    participant_id: int
    statuses: StatusCounter

    @property
    def schema_url(self) -> str:
        return f"{self.base_url}/api/v1/openapi.json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prepare(database: Path) -> tuple[str, str, int]:
    """osaka-1 matched, scheduled and published (version 1); the two tokens and the participant's id."""
    engine = make_engine(f"sqlite:///{database}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    document = next(d for d in demo_documents() if d["mission"]["slug"] == MAIN_DEMO_SLUG)
    with transaction(factory) as session:
        mission = import_mission(session, document)
        mission_id = mission.id
        organiser = create_organiser(session, ORGANISER, secrets.token_urlsafe(12), [mission])
        organiser_token = create_api_token(session, organiser=organiser, label="fuzz")
    with transaction(factory) as session:
        run_matching(session, session.get(Mission, mission_id))
    run_scheduling(factory, mission_id, time_limit=SOLVER_SECONDS, include_suggested=True)
    with transaction(factory) as session:
        mission = session.scalar(select(Mission).where(Mission.id == mission_id))
        publish_schedule(session, mission, by=ORGANISER, comment="fuzz baseline", mail=MailSettings())
        delegate = next(p for p in mission.participants if p.organisation.side == Side.DELEGATION)
        participant_token = create_api_token(session, participant=delegate, label="fuzz")
        participant_id = delegate.id
    engine.dispose()
    return organiser_token, participant_token, participant_id


@contextmanager
def live_server(folder: Path) -> Iterator[LiveServer]:
    """Serves until the block ends; the database lives in `folder` (a temporary directory)."""
    database = folder / "live.db"
    organiser_token, participant_token, participant_id = _prepare(database)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    engine = make_engine(f"sqlite:///{database}")
    settings = WebSettings(secret_key=secrets.token_urlsafe(32), base_url=base_url)
    statuses = StatusCounter(create_app(make_session_factory(engine), settings))
    server = uvicorn.Server(uvicorn.Config(statuses, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(base_url, organiser_token, participant_token, participant_id, statuses)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()
