"""All B2B sessions of a mission as one instance: global slot numbers, per-slot tables and interpreters, the
published meetings fixed in their slot, on SQLite and PostgreSQL."""

from missionmatch.db import transaction
from missionmatch.services.mission_import import import_mission
from missionmatch.services.mission_instance import build_mission_instance
from missionmatch.services.scheduling_candidates import Candidate, forbidden_slots
from tests.factories import small_mission

SECOND_DAY = {
    "key": "b2b-2",
    "name": "B2B second day",
    "city": "Kyoto",
    "venue": "Hall",
    "starts_at": "2025-05-29T09:00",
    "slot_minutes": 30,
    "slot_count": 4,
    "breaks": [],
    "tables": 2,
    "interpreters": [],
}


def _joint(session):
    document = small_mission()
    # Anne's call now also covers 14:40-15:00, the slot of her published meeting m-1
    document["participants"][0]["unavailability"][0]["starts_at"] = "2025-05-27T14:40"
    # listed first, held later: the sessions are put in time order
    document["b2b_sessions"].insert(0, SECOND_DAY)
    mission = import_mission(session, document)
    people = {p.key: p for p in mission.participants}
    published = next(m for m in mission.meetings if m.key == "m-1")
    fixed = [Candidate("m-1", tuple(published.participants), 3, published.request, published, "published")]
    open_ = [
        Candidate("anne-kenji", (people["p-1"], people["p-3"]), 2),  # French and Japanese only
        Candidate("max-yuki", (people["p-2"], people["p-4"]), 1),  # English in common
    ]
    return mission, people, build_mission_instance(list(mission.b2b_sessions), fixed, open_)


def test_sessions_are_numbered_in_time_order(session_factory):
    with transaction(session_factory) as session:
        _mission, _people, joint = _joint(session)
        assert [b2b.key for b2b in joint.sessions] == ["b2b-1", "b2b-2"]
        assert joint.offsets == [0, 6]
        inst = joint.instance
        assert (inst.name, inst.n_slots, inst.n_tables, inst.session_starts) == ("b2b-1+b2b-2", 10, 4, (6,))
        assert inst.tables_per_slot == (4,) * 6 + (2,) * 4
        assert inst.cover_everyone
        first, second = joint.sessions
        assert joint.locate(5) == (first, 5)
        assert joint.locate(6) == (second, 0)
        assert joint.locate(9) == (second, 3)
        assert joint.session_slots(second) == range(6, 10)


def test_published_meetings_are_fixed_and_open_ones_optional(session_factory):
    with transaction(session_factory) as session:
        _mission, _people, joint = _joint(session)
        inst = joint.instance
        assert [inst.meeting_key(m) for m in range(inst.n_meetings)] == ["m-1", "anne-kenji", "max-yuki"]
        fixed, anne_kenji, max_yuki = inst.meetings
        assert (fixed.fixed_slot, fixed.optional, fixed.interpreter) == (2, False, "fr-ja")
        assert (anne_kenji.optional, anne_kenji.weight, anne_kenji.interpreter) == (True, 2, "fr-ja")
        assert (max_yuki.optional, max_yuki.weight, max_yuki.interpreter) == (True, 1, None)
        assert joint.pairs == ["fr-ja", "fr-ja", None]
        assert [c.key for c in joint.held] == ["m-1", "anne-kenji", "max-yuki"]
        # the only interpreter works on the first day
        assert inst.interpreters == {"fr-ja": (1,) * 6 + (0,) * 4}


def test_availability_in_global_slots_and_the_published_slot_kept(session_factory):
    with transaction(session_factory) as session:
        _mission, people, joint = _joint(session)
        anne = people["p-1"]
        first, second = joint.sessions
        blocked = set(forbidden_slots(anne, first)) | {6 + t for t in forbidden_slots(anne, second)}
        assert 2 in blocked and len(blocked) > 1  # her call covers slot 2 and more
        index = joint.instance.meetings[0].participants[0]
        kept = joint.instance.meetings[0].fixed_slot
        # her published meeting's slot stays hers even if she became unavailable then
        assert joint.instance.participants[index].forbidden == frozenset(blocked - {kept})
        assert joint.instance.participants[index].max_meetings == 5


def test_a_pair_never_free_together_is_left_out(session_factory):
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        people = {p.key: p for p in mission.participants}
        b2b = mission.b2b_sessions[0]
        anne = people["p-1"]
        # Anne is away for the whole session (she arrives after it)
        anne.arrives_at = b2b.starts_at.replace(year=b2b.starts_at.year + 1)
        session.flush()
        joint = build_mission_instance([b2b], [], [Candidate("anne-max", (anne, people["p-2"]), 2)])
        assert (joint.instance.n_meetings, joint.held) == (0, [])
