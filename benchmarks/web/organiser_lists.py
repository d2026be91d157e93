"""The organisers' participant and organisation lists at 3,000 participants (issue 14): time per page and SQL
statements per page for the default list, a text search, filters, a sort and a deep page, beside the same
pages at 300 participants (the peer: a page should cost the same whatever the mission's size).

Pages are fetched through the app in process (FastAPI's TestClient: real routing, sessions, CSRF, templates),
after one warm-up GET each; the page cache is off, so every GET renders.

    .venv/bin/python benchmarks/web/organiser_lists.py [--repeat 40] [--postgres | --database-url URL]

--postgres starts a throwaway PostgreSQL cluster as the test suite does (tests/postgres_cluster.py).
"""

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import postgres_cluster
from tests.factories import small_mission

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Mission
from missionmatch.services.accounts import create_organiser
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_search import parse_query, search_participants
from missionmatch.settings import WebSettings
from missionmatch.web.app import create_app

PASSWORD = "benchmark password"
SECTORS = ["space", "ai", "health", "logistics", "fintech", "materials"]
PAGES = {
    "participants, default (name)": "/participants",
    "participants, q=orbital": "/participants?q=orbital",
    "participants, side + sector": "/participants?side=host&sector=ai",
    "participants, status=empty, by organisation desc": (
        "/participants?status=empty&sort=organisation&dir=desc"
    ),
    "participants, page 30": "/participants?page=30",
    "organisations, default": "/organisations",
    "organisations, by participants desc": "/organisations?sort=participants&dir=desc",
    "audit log, default": "/audit",
    "audit log, q=orbital": "/audit?q=orbital",
    "audit log, entity=profile, page 10": "/audit?entity=profile&page=10",
    "dashboard (peer page)": "",
}


def mission_document(people: int, slug: str) -> dict:
    """`people` participants: the four of the test mission (its meetings, requests and agreements kept) and
    the others in organisations of ten, half on each side, four in five with a profile."""
    document = small_mission(name=f"Benchmark {people}", slug=slug)
    template = copy.deepcopy(document["participants"][0])
    organisations, participants = document["organisations"], document["participants"]
    for n in range(-(-(people - 4) // 10)):
        side = "host" if n % 2 else "delegation"
        organisations.append(
            {
                **copy.deepcopy(document["organisations"][0]),
                "key": f"o-{n}",
                "name": f"{'Orbital' if n % 7 == 0 else 'Company'} {n:04d} {'KK' if n % 2 else 'SA'}",
                "side": side,
                "country": "JP" if side == "host" else "LU",
                "sectors": [SECTORS[n % len(SECTORS)]],
            }
        )
    for n in range(people - 4):
        person = copy.deepcopy(template)
        person.update(
            key=f"b-{n}",
            email=f"person{n:05d}@company{n // 10}.example",
            first_name=f"Given{n:05d}",
            last_name=f"Family{(n * 7919) % people:05d}",
            organisation=f"o-{n // 10}",
            unavailability=[],
            programme=[],
            min_meetings=None,
            max_meetings=None,
        )
        if n % 5 == 0:
            person["profile"] = None  # one in five has an empty profile
        participants.append(person)
    return document


def prepare(engine: Engine, sizes: list[int]) -> None:
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        missions = [import_mission(session, mission_document(n, f"bench-{n}")) for n in sizes]
        create_organiser(session, "orga@bench.example", PASSWORD, missions)


def measure(engine: Engine, slug: str, repeat: int) -> dict[str, dict[str, float]]:
    app = create_app(make_session_factory(engine), WebSettings(secret_key="bench", base_url="http://bench"))
    client = TestClient(app)
    page = client.get("/login").text
    csrf = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"csrf_token": csrf, "email": "orga@bench.example", "password": PASSWORD}
    signed = client.post("/login", data=form)
    assert signed.status_code in (200, 303), signed.status_code
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    results = {}
    for label, suffix in PAGES.items():
        path = f"/missions/{slug}{suffix}"
        assert client.get(path).status_code == 200, path
        times, counts = [], []
        for _ in range(repeat):
            statements.clear()
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            counts.append(len(statements))
        times.sort()
        results[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "statements": max(counts),
        }
    return results


def measure_queries(engine: Engine, slug: str, repeat: int) -> dict[str, float]:
    """The database's share: the search service alone (counts and rows, no HTTP, no template), median ms."""
    factory = make_session_factory(engine)
    results = {}
    with factory() as session:
        mission_id = session.scalars(select(Mission.id).where(Mission.slug == slug)).one()
        for label, suffix in PAGES.items():
            if not suffix.startswith("/participants"):
                continue
            params = dict(parse_qsl(suffix.partition("?")[2]))
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                search_participants(session, mission_id, parse_query(params))
                times.append((time.perf_counter() - started) * 1000)
                session.expunge_all()
            results[label] = round(statistics.median(times), 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--sizes", default="300,3000")
    args = parser.parse_args()
    os.environ["MISSIONMATCH_PAGE_CACHE"] = "0"  # every GET renders
    sizes = [int(n) for n in args.sizes.split(",")]
    cluster = postgres_cluster.start() if args.postgres else None
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='mm-lists-')}/lists.db"
    engine = make_engine(cluster.url() if cluster else url)
    try:
        run(engine, sizes, args.repeat)
    finally:
        engine.dispose()
        if cluster:
            postgres_cluster.stop(cluster)


def run(engine: Engine, sizes: list[int], repeat: int) -> None:
    started = time.perf_counter()
    prepare(engine, sizes)
    print(f"prepared {sizes} participants in {time.perf_counter() - started:.1f} s ({engine.dialect.name})")
    report = {n: measure(engine, f"bench-{n}", repeat) for n in sizes}
    queries = {n: measure_queries(engine, f"bench-{n}", repeat) for n in sizes}
    print(json.dumps({"pages": report, "queries": queries}, indent=1))
    small, large = sizes[0], sizes[-1]
    print(f"\n| page | {small}: median / p95 ms | {large}: median / p95 ms | statements |", end="")
    print(f" ratio {large}/{small} |")
    print("|---|---|---|---|---|")
    for label in PAGES:
        a, b = report[small][label], report[large][label]
        print(
            f"| {label} | {a['median_ms']} / {a['p95_ms']} | {b['median_ms']} / {b['p95_ms']} | "
            f"{a['statements']} / {b['statements']} | {b['median_ms'] / a['median_ms']:.2f} |"
        )
    print(f"\n| search service alone | {small}: median ms | {large}: median ms | ratio |\n|---|---|---|---|")
    for label, ms in queries[small].items():
        print(f"| {label} | {ms} | {queries[large][label]} | {queries[large][label] / ms:.2f} |")


if __name__ == "__main__":
    main()
