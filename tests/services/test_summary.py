"""The dashboard's counts, made in SQL, equal the same counts made row by row in Python from the ORM objects,
on SQLite and PostgreSQL, including profiles whose texts are only whitespace (a full-width space, a tab)."""

from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission
from missionmatch.services.mission_import import import_mission
from missionmatch.services.summary import MissionSummary, summarise
from tests.factories import small_mission


def _counted_in_python(mission: Mission) -> MissionSummary:
    sides = ["delegation", "host"]
    organisations = Counter(o.side.value for o in mission.organisations)
    participants = Counter(p.organisation.side.value for p in mission.participants)
    profiles = [p.profile for p in mission.participants if p.profile is not None]
    return MissionSummary(
        name=mission.name,
        dates=f"{mission.start_date.isoformat()} – {mission.end_date.isoformat()}",
        cities=list(mission.cities),
        organisations={side: organisations[side] for side in sides},
        participants={side: participants[side] for side in sides},
        sectors=dict(
            sorted(
                Counter(s for o in mission.organisations for s in o.sectors).items(),
                key=lambda i: (-i[1], i[0]),
            )
        ),
        profile_languages=dict(sorted(Counter(p.language for p in profiles).items())),
        empty_profiles=len(mission.participants) - sum(1 for p in profiles if not p.is_empty),
        programme_items=len(mission.programme_items),
        b2b_capacity=sum(s.slot_count * s.tables for s in mission.b2b_sessions),
        requests=dict(sorted(Counter(r.status.value for r in mission.meeting_requests).items())),
        meetings=dict(sorted(Counter(m.status.value for m in mission.meetings).items())),
        scheduled_meetings=sum(1 for m in mission.meetings if m.slot is not None),
        agreements=len(mission.agreements),
    )


def test_the_counts_in_sql_equal_the_counts_row_by_row(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        with_profiles = [p for p in mission.participants if p.profile is not None]
        assert len(with_profiles) >= 3
        with_profiles[0].profile.offers, with_profiles[0].profile.needs = "\u3000\n", " \t"
        with_profiles[1].profile.offers, with_profiles[1].profile.needs = "", "\u3000装置"
        session.flush()
        in_sql = summarise(session, mission)
        assert in_sql == _counted_in_python(mission)
        assert in_sql.empty_profiles == len(mission.participants) - len(with_profiles) + 1 + sum(
            1 for p in with_profiles[2:] if p.profile.is_empty
        )


def test_a_mission_with_nothing_yet_counts_zeros(session_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    for part in (
        "participants",
        "organisations",
        "programme",
        "b2b_sessions",
        "meeting_requests",
        "meetings",
    ):
        document.pop(part, None)
    for part in ("agreements", "feedback"):
        document.pop(part, None)
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        summary = summarise(session, mission)
        assert summary == _counted_in_python(mission)
        assert (summary.participants, summary.b2b_capacity, summary.meetings) == (
            {"delegation": 0, "host": 0},
            0,
            {},
        )
