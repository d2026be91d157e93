"""How long ordinary writes wait while a scheduler run solves (issue 9 target: no write waits more than 2 s).

The demo mission osaka-1 is loaded into a fresh database (SQLite file, or a database on a throwaway
PostgreSQL cluster), the matcher run, the requests accepted so far scheduled and published. Then a scheduler
run of everything (accepted requests and the matcher's suggestions, `--time-limit` seconds per session) runs
in another process, `missionmatch schedule`, as a worker would, while this process writes in a loop:
participants send meeting requests, hosts accept them, the welcome desk checks people in, organisers record
outcomes. Each write is one transaction, timed from begin to commit. Before the fix the scheduler held the
write lock for the whole solve.

    .venv/bin/python benchmarks/scheduling/writes_during_solve.py --database sqlite --time-limit 15
    .venv/bin/python benchmarks/scheduling/writes_during_solve.py --database postgresql --time-limit 15
"""

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.postgres_cluster

from missionmatch import migrate
from missionmatch.clock import now
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus, Side
from missionmatch.services import meeting_requests as requests
from missionmatch.services import on_the_day
from missionmatch.services.demo import MAIN_DEMO_SLUG, load_demo
from missionmatch.services.matching_run import run_matching
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.settings import MailSettings

MAIL = MailSettings()  # mails stay in the outbox, as on the embedded default


def _prepare(url: str, publish_first: bool) -> tuple[sessionmaker[Session], int]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        load_demo(session)
        mission = session.scalar(select(Mission).where(Mission.slug == MAIN_DEMO_SLUG))
        assert mission is not None
        run_matching(session, mission)
        mission_id = mission.id
    if publish_first:
        run_scheduling(factory, mission_id, time_limit=5)
        with transaction(factory) as session:
            publish_schedule(session, session.get(Mission, mission_id), mail=MAIL)
    return factory, mission_id


def _publish_some(factory: sessionmaker[Session], mission_id: int) -> list[int]:
    """A quick schedule (accepted requests and suggestions), published: outcomes to record, and meetings
    the scheduler run must keep."""
    run_scheduling(factory, mission_id, time_limit=2, include_suggested=True)
    with transaction(factory) as session:
        publication = publish_schedule(session, session.get(Mission, mission_id), mail=MAIL)
        return [
            m.id for m in session.get(Mission, mission_id).meetings if m.key in publication.version.snapshot
        ]


def _writes(factory: sessionmaker[Session], mission_id: int) -> list[tuple[str, Callable[[Session], object]]]:
    """An endless mix of the writes of a mission day, each a function of a session."""
    with factory() as session:
        mission = session.get(Mission, mission_id)
        assert mission is not None
        delegates = [p.id for p in mission.participants if p.organisation.side == Side.DELEGATION]
        hosts = [p.id for p in mission.participants if p.organisation.side == Side.HOST]
        published = [m.id for m in mission.meetings if m.status == MeetingStatus.PUBLISHED]
    published = published or _publish_some(factory, mission_id)
    pairs = itertools.cycle(itertools.product(delegates, hosts))
    people = itertools.cycle(delegates + hosts)
    meetings = itertools.cycle(published)

    def send(session: Session) -> object:
        sender, recipient = next(pairs)
        try:
            return requests.send_request(
                session, session.get(Participant, sender), session.get(Participant, recipient), mail=MAIL
            )
        except requests.RequestRefused:
            return None

    def accept(session: Session) -> object:
        from missionmatch.models import MeetingRequest

        pending = session.scalar(
            select(MeetingRequest).where(
                MeetingRequest.mission_id == mission_id, MeetingRequest.status == RequestStatus.PENDING
            )
        )
        return pending and requests.accept_request(session, pending, pending.recipient, mail=MAIL)

    def check_in(session: Session) -> object:
        return on_the_day.toggle_check_in(session.get(Participant, next(people)), now())

    def outcome(session: Session) -> object:
        return on_the_day.record_outcome(session, session.get(Meeting, next(meetings)), "held")

    return [("request", send), ("accept", accept), ("check-in", check_in), ("outcome", outcome)]


def _run(url: str, time_limit: float) -> None:
    factory, mission_id = _prepare(url, publish_first=False)
    env = dict(os.environ, MISSIONMATCH_DATABASE_URL=url)
    missionmatch = Path(sys.executable).parent / "missionmatch"
    command = [str(missionmatch), "schedule", MAIN_DEMO_SLUG, "--time-limit", str(time_limit)]
    started = time.monotonic()
    solver = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    waits: dict[str, list[float]] = {}
    errors: list[str] = []
    kinds = itertools.cycle(_writes(factory, mission_id))
    while solver.poll() is None:
        name, write = next(kinds)
        begin = time.monotonic()
        try:
            with transaction(factory) as session:
                write(session)
        except Exception as error:
            errors.append(f"{name}: {error!r}"[:200])
        waits.setdefault(name, []).append(time.monotonic() - begin)
        time.sleep(0.05)
    output = solver.stdout.read() if solver.stdout else ""
    elapsed = time.monotonic() - started
    print(
        f"database: {make_engine(url).dialect.name}; scheduler run {elapsed:.1f} s, exit {solver.returncode}"
    )
    print(output.strip().splitlines()[0] if output.strip() else "(no scheduler output)")
    print("| write | count | p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    for name, values in waits.items():
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | {p95 * 1000:.0f} "
            f"| {max(values) * 1000:.0f} |"
        )
    print(f"errors: {len(errors)}" + ("".join(f"\n  {e}" for e in errors[:10])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--time-limit", type=float, default=15.0)
    args = parser.parse_args()
    if args.database == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            _run(f"sqlite:///{folder}/bench.db", args.time_limit)
        return
    from tests import postgres_cluster

    cluster = postgres_cluster.start()
    try:
        _run(cluster.url(), args.time_limit)
    finally:
        postgres_cluster.stop(cluster)


if __name__ == "__main__":
    main()
