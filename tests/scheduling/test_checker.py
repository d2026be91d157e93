"""The checker must catch every kind of violation; hypothesis drives random schedules."""

from hypothesis import given, settings
from hypothesis import strategies as st

from missionmatch.scheduling import Instance, Meeting, Participant, check
from missionmatch.scheduling.checker import count_breaks
from missionmatch.scheduling.solution import Solution, breaks_per_participant


def _inst(pairs: list[tuple[int, int]], n_p: int, n_t: int, tables: int, **kw) -> Instance:
    return Instance(
        "h",
        n_t,
        tables,
        tuple(Participant() for _ in range(n_p)),
        tuple(Meeting(tuple(p)) for p in pairs),
        **kw,
    )


def test_breaks_count_idle_runs_not_idle_slots() -> None:
    inst = _inst([(0, 1), (0, 2), (0, 3)], 4, 8, 4)
    assert breaks_per_participant(inst, [0, 3, 4]) == [1, 0, 0, 0]
    assert breaks_per_participant(inst, [0, 2, 6]) == [2, 0, 0, 0]
    assert breaks_per_participant(inst, [1, 2, 3]) == [0, 0, 0, 0]


def test_the_checker_counts_breaks_on_its_own() -> None:
    inst = _inst([(0, 1), (0, 2), (0, 3)], 4, 8, 4, session_starts=(4,))
    assert count_breaks(inst, [0, 2, 6]) == [1, 0, 0, 0]  # slot 3 -> 6 crosses into the second session
    assert count_breaks(inst, [0, 2, 3]) == [1, 0, 0, 0]
    assert count_breaks(inst, [4, 5, 7]) == [1, 0, 0, 0]
    assert count_breaks(inst, [1, 2, 3]) == [0, 0, 0, 0]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_two_break_counts_agree(data: st.DataObject) -> None:
    # written apart (the engines report with one, the checker recounts with the other)
    n_t = data.draw(st.integers(1, 9))
    n_m = data.draw(st.integers(1, 8))
    starts = tuple(data.draw(st.sets(st.integers(1, max(1, n_t - 1)), max_size=2)))
    inst = _inst([(0, i + 1) for i in range(n_m)], n_m + 1, n_t, n_m, session_starts=starts)
    slots = data.draw(st.lists(st.one_of(st.none(), st.integers(0, n_t - 1)), min_size=n_m, max_size=n_m))
    assert count_breaks(inst, slots) == breaks_per_participant(inst, slots)


def test_each_constraint_has_its_label() -> None:
    inst = Instance(
        "c",
        4,
        1,
        (Participant(frozenset({3})), Participant(), Participant()),
        (Meeting((0, 1), session="morning"), Meeting((0, 2), fixed_slot=0), Meeting((1, 2), after=(0,))),
        n_morning_slots=2,
    )
    v = check(inst, Solution("c", "feasible", 0, [3, 1, 1]))
    labels = {x.split("]")[0] + "]" for x in v}
    assert labels == {"[session]", "[availability]", "[fixed]", "[precedence]", "[clash]", "[capacity]"}


def test_objective_and_fairness_claims_are_recomputed() -> None:
    inst = _inst([(0, 1), (0, 2), (0, 3)], 4, 8, 4)
    assert check(inst, Solution("h", "feasible", 0, [0, 3, 6])) == [
        "[objective] claimed 0 breaks, recomputed 2"
    ]
    assert check(inst, Solution("h", "feasible", 2, [0, 3, 6]), fairness=1)[0].startswith("[fairness]")
    assert check(inst, Solution("h", "feasible", 2, [0, 3, 6]), fairness=2) == []


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_checker_catches_double_booking(data: st.DataObject) -> None:
    n_p = data.draw(st.integers(3, 8))
    n_t = data.draw(st.integers(1, 6))
    pairs = data.draw(
        st.lists(
            st.tuples(st.integers(0, n_p - 1), st.integers(0, n_p - 1)).filter(lambda x: x[0] != x[1]),
            min_size=1,
            max_size=12,
        )
    )
    inst = _inst(pairs, n_p, n_t, tables=len(pairs))
    slots = data.draw(st.lists(st.integers(0, n_t - 1), min_size=len(pairs), max_size=len(pairs)))
    clash = any(
        slots[a] == slots[b] and set(pairs[a]) & set(pairs[b])
        for a in range(len(pairs))
        for b in range(a + 1, len(pairs))
    )
    obj = sum(breaks_per_participant(inst, list(slots)))
    found = [v for v in check(inst, Solution("h", "feasible", obj, list(slots))) if v.startswith("[clash]")]
    assert bool(found) == clash


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=5, max_size=5), st.integers(1, 5))
def test_checker_catches_over_capacity(slots: list[int], tables: int) -> None:
    inst = _inst([(2 * i, 2 * i + 1) for i in range(5)], 10, 4, tables)
    over = max(slots.count(t) for t in range(4)) > tables
    violations = check(inst, Solution("h", "feasible", None, slots))
    assert any(v.startswith("[capacity]") for v in violations) == over
