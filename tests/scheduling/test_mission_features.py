"""Joint multi-session instances: tables per slot, session boundaries, nobody left out."""

from missionmatch.scheduling import Instance, Meeting, Participant, check, solve
from missionmatch.scheduling.solution import Solution, breaks_per_participant


def _people(n: int) -> tuple[Participant, ...]:
    return tuple(Participant() for _ in range(n))


def test_the_time_between_two_sessions_is_not_a_break() -> None:
    inst = Instance("s", 6, 2, _people(3), (Meeting((0, 1)), Meeting((0, 2))), session_starts=(3,))
    assert breaks_per_participant(inst, [1, 4]) == [0, 0, 0]  # last slot of day 1 ... second of day 2
    assert breaks_per_participant(inst, [0, 2]) == [1, 0, 0]  # an idle slot inside day 1


def test_solver_and_checker_count_breaks_per_session() -> None:
    # participant 0 can only meet in slots 0 and 4; slot 3 starts the second session: no break possible
    inst = Instance(
        "s",
        5,
        1,
        (Participant(frozenset({1, 2, 3})), Participant(), Participant()),
        (Meeting((0, 1)), Meeting((0, 2))),
        session_starts=(3,),
    )
    sol = solve(inst, fairness=0, time_limit=10, workers=1)
    assert (sol.status, sol.objective, sorted(sol.meeting_slots)) == ("optimal", 0, [0, 4])
    assert check(inst, sol, fairness=0) == []
    one_day = Instance("s", 5, 1, inst.participants, inst.meetings)
    assert solve(one_day, fairness=None, time_limit=10, workers=1).objective == 1


def test_a_session_with_fewer_tables_holds_fewer_meetings() -> None:
    meetings = tuple(Meeting((2 * i, 2 * i + 1), optional=True) for i in range(3))
    inst = Instance("t", 2, 3, _people(6), meetings, tables_per_slot=(1, 2), session_starts=(1,))
    sol = solve(inst, fairness=None, time_limit=10, workers=1)
    assert sol.meeting_slots is not None and sol.tables is not None
    assert sorted(sol.meeting_slots) == [0, 1, 1]
    assert sorted(sol.tables) == [0, 0, 1]
    overfull = Solution("t", "feasible", 0, [0, 0, 1], tables=[0, 1, 0])
    assert check(inst, overfull) == [
        "[capacity] slot 0 holds 2 meetings > 1 tables",
        "[table] meeting 1 has no valid table (1)",
    ]


def test_nobody_left_out_comes_before_weight_when_asked() -> None:
    # one table, two slots: the two heavy meetings of person 0 would leave persons 3 and 4 with nothing
    meetings = (
        Meeting((0, 1), optional=True, weight=10),
        Meeting((0, 2), optional=True, weight=10),
        Meeting((3, 4), optional=True, weight=1),
    )
    greedy = Instance("c", 2, 1, _people(5), meetings)
    fair = Instance("c", 2, 1, _people(5), meetings, cover_everyone=True)
    by_weight = solve(greedy, fairness=None, time_limit=10, workers=1)
    assert (by_weight.scheduled_weight, by_weight.meeting_slots[2]) == (20, None)
    covered = solve(fair, fairness=None, time_limit=10, workers=1)
    assert covered.scheduled_weight == 11
    assert covered.meeting_slots[2] is not None
    assert [covered.meeting_slots[0], covered.meeting_slots[1]].count(None) == 1


def test_a_meeting_window_keeps_it_in_its_slots_and_the_checker_says_so() -> None:
    inst = Instance("w", 4, 1, _people(2), (Meeting((0, 1), optional=True, window=frozenset({2, 3})),))
    sol = solve(inst, fairness=None, time_limit=10, workers=1)
    assert sol.meeting_slots is not None and sol.meeting_slots[0] in (2, 3)
    outside = Solution("w", "feasible", 0, [0])
    assert check(inst, outside) == ["[window] meeting 0 in slot 0, outside its slots [2, 3]"]
