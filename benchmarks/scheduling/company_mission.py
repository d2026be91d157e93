"""The demo's Osaka 1 with its company meetings as a solver instance (issue 11): the joint instance the
scheduler solves (accepted requests, with the colleagues either side brings, and the matcher's suggestions,
colleagues joining one meeting with the same person), written in the project's instance format
(`scheduling.io`, with `meeting_participants` groups and `seats_per_slot`), then solved by
`missionmatch solve` like the benchmark instances.

    .venv/bin/missionmatch db upgrade && .venv/bin/missionmatch demo run      # matcher + a draft
    .venv/bin/python benchmarks/scheduling/company_mission.py --out osaka-1-company.json
    .venv/bin/missionmatch solve osaka-1-company.json --time-limit 60
"""

import argparse
import json
from collections import Counter

from sqlalchemy import select

from missionmatch.db import make_engine, make_session_factory
from missionmatch.models import Mission
from missionmatch.scheduling.io import instance_to_dict
from missionmatch.services.demo import MAIN_DEMO_SLUG
from missionmatch.services.scheduling_run import _snapshot
from missionmatch.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mission", default=MAIN_DEMO_SLUG)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    factory = make_session_factory(make_engine(load_settings().database_url))
    with factory() as session:
        mission = session.scalar(select(Mission).where(Mission.slug == args.mission))
        assert mission is not None, f"no mission {args.mission!r}: run `missionmatch demo run` first"
        joint, _, _ = _snapshot(session, mission, include_suggested=True)
    instance = joint.instance
    sizes = Counter(len(m.participants) for m in instance.meetings)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump(instance_to_dict(instance), out)
    print(
        f"{instance.name}: {instance.n_participants} participants, {instance.n_meetings} meetings "
        f"(by attendees: {dict(sorted(sizes.items()))}), {instance.n_slots} slots"
    )


if __name__ == "__main__":
    main()
