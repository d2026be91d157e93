"""Where a page's time goes: pyinstrument over repeated GETs of one page through the app in process, with the
number of SQL statements per request. Sync routes run inline on the profiled thread (FastAPI would run them
on its thread pool, which pyinstrument does not see). The demo database is prepared once and kept.

    .venv/bin/pip install pyinstrument  # optional: without it, cProfile's top functions
    .venv/bin/python benchmarks/web/profile_page.py /me/agenda --database /tmp/mm-profile.db
"""

import argparse
import asyncio
import cProfile
import datetime as dt
import json
import pstats
import sys
import time
from pathlib import Path

import fastapi.dependencies.utils
import fastapi.routing
import httpx
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).parent))

from load_client import CSRF
from prepare import prepare

import missionmatch.web.deps
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Participant
from missionmatch.services.accounts import create_login_link
from missionmatch.settings import WebSettings
from missionmatch.web.app import create_app


async def _inline(func, *args, **kwargs):  # type: ignore[no-untyped-def]
    return func(*args, **kwargs)


def inline_threadpool() -> None:
    """Sync routes and dependencies on the calling thread, where the profilers see them."""
    for module in (fastapi.routing, fastapi.dependencies.utils, missionmatch.web.deps):
        module.run_in_threadpool = _inline  # type: ignore[attr-defined]


async def _sign_in(client: httpx.AsyncClient, fixture: dict, page: str) -> None:
    if page.startswith("/missions"):
        csrf = CSRF.search((await client.get("/login")).text).group(1)  # type: ignore[union-attr]
        email, password = fixture["organiser_email"], fixture["organiser_password"]
        form = {"csrf_token": csrf, "email": email, "password": password}
        await client.post("/login", data=form)
    else:
        path = f"/login/link/{fixture['fresh_link']}"
        csrf = CSRF.search((await client.get(path)).text).group(1)  # type: ignore[union-attr]
        await client.post(path, data={"csrf_token": csrf})


async def _run(app, fixture: dict, page: str, repeat: int, statements: list) -> None:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        await _sign_in(client, fixture, page)
        assert (await client.get(page)).status_code == 200
        statements.clear()
        await client.get(page)
        print(f"{len(statements)} SQL statements per request of {page}")
        for statement in statements:
            print("   ", " ".join(statement.split())[:150])
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(repeat):
            await client.get(page)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"without the profiler: {1000 * cpu / repeat:.1f} ms CPU, "
            f"{1000 * wall / repeat:.1f} ms per request"
        )
        await _profiled(client, page, repeat)


async def _profiled(client: httpx.AsyncClient, page: str, repeat: int) -> None:
    """pyinstrument's call tree where it is installed, else cProfile's top functions (standard library)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(repeat):
            await client.get(page)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
        return
    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    for _ in range(repeat):
        await client.get(page)
    profiler.stop()
    print(profiler.output_text(unicode=True, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--database", type=Path, default=Path("/tmp/mm-profile.db"))
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    fixture_file = args.database.with_suffix(".json")
    url = f"sqlite:///{args.database}"
    if not fixture_file.exists():
        fixture_file.write_text(json.dumps(prepare(url, time_limit=5)))
    fixture = json.loads(fixture_file.read_text())
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as session:  # links are one-time: a fresh one per run
        participant = session.get(Participant, fixture["requesters"][0])
        fixture["fresh_link"] = create_login_link(session, participant, dt.timedelta(hours=1))
    statements: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    inline_threadpool()
    app = create_app(make_session_factory(engine), WebSettings(secret_key="profile"))
    asyncio.run(_run(app, fixture, args.page, args.repeat, statements))


if __name__ == "__main__":
    main()
