"""The replanner's objective and bookkeeping: a meeting that must move stays on its own day when it can,
and moved, kept, added and removed keys are exact."""

from dataclasses import replace

from missionmatch.scheduling import Instance, Meeting, Participant
from missionmatch.scheduling.replanner import Move, replan


def _two_days() -> Instance:
    # two sessions of three slots (a day each), one table, two meetings
    meetings = (
        Meeting((0, 1), optional=True, weight=10, key="a"),
        Meeting((2, 3), optional=True, weight=10, key="b"),
    )
    return Instance("days", 6, 1, tuple(Participant() for _ in range(4)), meetings, session_starts=(3,))


def test_a_moved_meeting_stays_on_its_own_day():
    inst = _two_days()
    published = {"a": 2, "b": 1}
    # person 0 can no longer meet in slot 2; slot 0 (same day) and the whole second day are free
    people = list(inst.participants)
    people[0] = Participant(frozenset({2}))
    result = replan(replace(inst, participants=tuple(people)), published, time_limit=10)
    assert result.moved == [Move("a", 2, 0)]
    assert result.kept == ["b"]


def test_staying_on_the_day_outweighs_a_break():
    # days of four slots; a (0-1) in slot 1 and d (1-4) in slot 3; person 0 can no longer meet in 1 or 2.
    # Slot 0 gives person 1 a break (slots 0 and 3); the second day would give none, but changes a's day.
    meetings = (
        Meeting((0, 1), optional=True, weight=10, key="a"),
        Meeting((1, 4), optional=True, weight=10, key="d"),
    )
    people = (Participant(frozenset({1, 2})), *(Participant() for _ in range(4)))
    inst = Instance("days", 8, 2, people, meetings, session_starts=(4,))
    result = replan(inst, {"a": 1, "d": 3}, time_limit=10)
    assert result.moved == [Move("a", 1, 0)]
    assert result.kept == ["d"]


def test_a_meeting_goes_to_the_other_day_only_when_its_own_cannot_take_it():
    inst = _two_days()
    published = {"a": 2, "b": 1}
    people = list(inst.participants)
    people[0] = Participant(frozenset({0, 2}))  # slot 1 holds b, the only table: a must change day
    result = replan(replace(inst, participants=tuple(people)), published, time_limit=10)
    assert [move.key for move in result.moved] == ["a"]
    assert result.moved[0].new_slot in (3, 4, 5)
    assert result.kept == ["b"]


def test_a_meeting_that_no_longer_fits_is_dropped_and_reported():
    inst = replace(_two_days(), n_slots=3, session_starts=())
    people = list(inst.participants)
    # slot 1 is the only one left to either meeting and there is one table: the heavier b keeps it
    people[0] = people[2] = Participant(frozenset({0, 2}))
    meetings = (replace(inst.meetings[0], weight=1), replace(inst.meetings[1], weight=5))
    result = replan(
        replace(inst, participants=tuple(people), meetings=meetings), {"a": 2, "b": 1}, time_limit=10
    )
    assert result.moved == [Move("a", 2, None)]
    assert (result.kept, result.added, result.removed) == (["b"], [], [])


def test_keys_no_longer_in_the_instance_are_removed_in_order():
    inst = _two_days()
    result = replan(replace(inst, meetings=inst.meetings[:1]), {"a": 0, "z": 1, "b": 2}, time_limit=10)
    assert result.removed == ["b", "z"]
    assert result.kept == ["a"]
