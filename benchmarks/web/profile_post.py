"""Where a meeting-request POST's time goes: the page's form (`POST /me/requests`) sent through the app in
process, each time a new pair, with the CPU time and the SQL statements per request, then cProfile's top
functions (pyinstrument's tree where it is installed). The demo database of profile_page.py is reused; each
run asks pairs no earlier run asked.

    .venv/bin/python benchmarks/web/profile_post.py --database /tmp/mm-profile.db --repeat 100
"""

import argparse
import asyncio
import datetime as dt
import json
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import event, select

sys.path.insert(0, str(Path(__file__).parent))

from load_client import CSRF
from prepare import prepare
from profile_page import inline_threadpool

from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import MeetingRequest, Participant
from missionmatch.services.accounts import create_login_link
from missionmatch.settings import WebSettings
from missionmatch.web.app import create_app

SORT = "cumulative"
TRACE = False


def _unasked_pairs(factory, fixture: dict, count: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        sent = select(MeetingRequest.requester_id, MeetingRequest.recipient_id)
        asked = {frozenset(pair) for pair in session.execute(sent)}
    return [tuple(p) for p in fixture["pairs"] if frozenset(p) not in asked][:count]  # type: ignore[misc]


def _links(factory, people: set[int]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        return {
            pid: create_login_link(session, session.get(Participant, pid), dt.timedelta(hours=1))
            for pid in people
        }


async def _sign_in(app, link: str) -> tuple[httpx.AsyncClient, str]:  # type: ignore[no-untyped-def]
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
    path = f"/login/link/{link}"
    csrf = CSRF.search((await client.get(path)).text).group(1)  # type: ignore[union-attr]
    assert (await client.post(path, data={"csrf_token": csrf})).status_code == 303
    page = (await client.get("/me/requests")).text
    return client, CSRF.search(page).group(1)  # type: ignore[union-attr]


async def _post(clients: dict, requester: int, recipient: int) -> None:  # type: ignore[no-untyped-def]
    client, csrf = clients[requester]
    form = {"csrf_token": csrf, "recipient_id": str(recipient), "message": "Shall we meet?"}
    response = await client.post("/me/requests", data=form)
    assert response.status_code == 303, response.text[:300]


async def _run(app, pairs, links, statements: list, profile: bool) -> None:  # type: ignore[no-untyped-def]
    clients = {pid: await _sign_in(app, link) for pid, link in links.items()}
    warm, measured = pairs[:5], pairs[5:]
    for pair in warm:
        await _post(clients, *pair)
    statements.clear()
    global TRACE
    TRACE = "--trace" in sys.argv
    await _post(clients, *measured[0])
    TRACE = False
    print(f"{len(statements)} SQL statements per meeting-request POST")
    for statement in statements:
        print("   ", " ".join(statement.split())[:150])
    half = len(measured) // 2 if profile else len(measured)
    cpu, wall = time.process_time(), time.perf_counter()
    for pair in measured[1:half]:
        await _post(clients, *pair)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    count = max(1, half - 1)
    print(f"without the profiler: {1000 * cpu / count:.1f} ms CPU, {1000 * wall / count:.1f} ms per POST")
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for pair in measured[half:]:
            await _post(clients, *pair)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(SORT).print_stats(40)
    for client, _csrf in clients.values():
        await client.aclose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", type=Path, default=Path("/tmp/mm-profile.db"))
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--trace", action="store_true", help="where each statement of one POST comes from")
    args = parser.parse_args()
    fixture_file = args.database.with_suffix(".json")
    url = f"sqlite:///{args.database}"
    if not fixture_file.exists():
        fixture_file.write_text(json.dumps(prepare(url, time_limit=5)))
    fixture = json.loads(fixture_file.read_text())
    inline_threadpool()
    engine = make_engine(url)
    factory = make_session_factory(engine)
    pairs = _unasked_pairs(factory, fixture, args.repeat + 6)
    links = _links(factory, {requester for requester, _ in pairs})
    statements: list = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    app = create_app(factory, WebSettings(secret_key="profile"))
    asyncio.run(_run(app, pairs, links, statements, not args.no_profile))


if __name__ == "__main__":
    main()
