"""The scheduling instance's own rules: which slots a meeting may take, sessions, tables per slot, and the
participants whose breaks are zero in any schedule."""

from missionmatch.scheduling import Instance, Meeting, Participant


def _instance(meetings: list[Meeting], people: tuple[Participant, ...], **kw) -> Instance:
    return Instance("t", kw.pop("n_slots", 6), kw.pop("n_tables", 3), people, tuple(meetings), **kw)


def test_allowed_slots_combine_window_half_day_availability_and_fixing():
    people = (Participant(frozenset({1})), Participant(), Participant(host_table=2))
    meetings = [
        Meeting((0, 1)),
        Meeting((0, 1), window=frozenset({0, 1, 4})),
        Meeting((0, 1), session="morning"),
        Meeting((0, 1), session="afternoon"),
        Meeting((0, 1), fixed_slot=1),
        Meeting((1, 2)),
    ]
    inst = _instance(meetings, people, n_morning_slots=3, tables_per_slot=(3, 3, 2, 3, 3, 2))
    assert inst.allowed_slots(0) == [0, 2, 3, 4, 5]
    assert inst.allowed_slots(1) == [0, 4]
    assert inst.allowed_slots(2) == [0, 2]
    assert inst.allowed_slots(3) == [3, 4, 5]
    assert inst.allowed_slots(4) == []  # fixed where person 0 is away
    # the host's table 2 (the third) does not exist where a slot has two tables
    assert inst.allowed_slots(5) == [0, 1, 3, 4]
    assert [inst.tables_at(t) for t in (0, 2)] == [3, 2]


def test_session_ranges_ignore_starts_outside_the_slots():
    people = (Participant(),)
    assert _instance([], people).session_ranges() == [range(0, 6)]
    assert _instance([], people, session_starts=(4, 2, 0, 6, 9)).session_ranges() == [
        range(0, 2),
        range(2, 4),
        range(4, 6),
    ]


def test_meetings_of_and_keys():
    meetings = [Meeting((0, 1), key="a"), Meeting((1, 2)), Meeting((0, 1, 2), key="c")]
    inst = _instance(meetings, tuple(Participant() for _ in range(4)))
    assert inst.meetings_of == ((0, 2), (0, 1, 2), (1, 2), ())
    assert [inst.meeting_key(m) for m in range(3)] == ["a", "1", "c"]


def test_trivially_break_free_participants():
    # 0: one meeting; 1: three meetings in three slots; 2: two of three slots; 3: an optional meeting; 4: none
    meetings = [
        Meeting((0, 1)),
        Meeting((1, 2)),
        Meeting((1, 2)),
        Meeting((3, 5), optional=True),
        Meeting((3, 5), optional=True),
    ]
    inst = _instance(meetings, tuple(Participant() for _ in range(6)), n_slots=3)
    assert inst.trivially_break_free() == [0, 1, 4]


def test_the_benchmark_model_uses_no_mission_feature():
    people = (Participant(), Participant())
    assert _instance([Meeting((0, 1))], people).is_benchmark_model
    assert not _instance([Meeting((0, 1), optional=True)], people).is_benchmark_model
    assert not _instance([Meeting((0, 1))], people, session_starts=(3,)).is_benchmark_model
    assert not _instance([Meeting((0, 1))], (Participant(max_meetings=2), Participant())).is_benchmark_model
