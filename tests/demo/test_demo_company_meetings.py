"""`missionmatch demo run` on Osaka 1: the draft meets each (company, host company) pair once (issue 11)."""

from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.demo import MAIN_DEMO_SLUG, load_demo
from missionmatch.services.matching_run import run_matching
from missionmatch.services.missions import get_mission
from missionmatch.services.scheduling_run import run_scheduling


def test_the_scheduled_demo_has_one_meeting_per_pair_of_organisations(
    sqlite_factory: sessionmaker[Session],
) -> None:
    with transaction(sqlite_factory) as session:
        load_demo(session)
        mission = get_mission(session, MAIN_DEMO_SLUG)
        run_matching(session, mission)
        mission_id = mission.id
    report = run_scheduling(sqlite_factory, mission_id, time_limit=4.0)
    with sqlite_factory() as session:
        mission = get_mission(session, MAIN_DEMO_SLUG)
        meetings = [m for m in mission.meetings if m.status != MeetingStatus.CANCELLED]
        pairs = Counter(frozenset(p.organisation_id for p in m.participants) for m in meetings)
        sizes = Counter(len(m.participants) for m in meetings)
    assert report.placed == len(meetings) == report.wanted
    assert {len(pair) for pair in pairs} == {2}
    assert [pair for pair, count in pairs.items() if count > 1] == []
    # companies with several representatives meet their hosts together: 3, 4 or 5 at a table of 6
    assert sum(n for size, n in sizes.items() if size > 2) >= 30
    assert max(sizes) <= 6
