"""The in-process passes before the portfolio: the Glucose ladder's optimum against exhaustive search, and
which pass answers which instance (real solvers, no spawned process)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missionmatch.scheduling import Instance, Meeting, Participant, check
from missionmatch.scheduling.first_passes import first_passes
from missionmatch.scheduling.glucose_ladder import glucose_ladder
from missionmatch.scheduling.solution import OPTIMAL
from tests.scheduling.exhaustive import fewest_breaks

PEOPLE = tuple(Participant() for _ in range(5))
# 0-1, 1-2, 2-3, 3-0, 0-2 in five slots at one table: two breaks are unavoidable (exhaustive search)
FORCED = Instance("forced", 5, 1, PEOPLE, tuple(Meeting(p) for p in ((0, 1), (1, 2), (2, 3), (3, 0), (0, 2))))
# the same with a three-person meeting: outside the break-free encoding, inside the MaxSAT one
GROUP = Instance("group", 5, 1, PEOPLE, (*FORCED.meetings[:4], Meeting((0, 2, 4))))


def test_the_ladder_climbs_to_the_optimum_and_proves_it() -> None:
    assert fewest_breaks(FORCED) == 2
    result = glucose_ladder(FORCED, None, budget=600)
    assert result.solution is not None and result.bound == 2
    sol = result.solution
    assert (sol.status, sol.objective, sol.bound, sol.engine) == (OPTIMAL, 2, 2, "glucose-ladder")
    assert check(FORCED, sol) == []


def test_the_ladder_starts_at_the_bound_it_is_given() -> None:
    # told "at least 2", it asks for 2 at once and the answer is still an exact, checked optimum
    result = glucose_ladder(FORCED, None, budget=600, lower=2)
    assert result.solution is not None and (result.solution.objective, result.bound) == (2, 2)
    assert check(FORCED, result.solution) == []


def test_a_refuted_break_free_pass_sends_the_instance_to_cp_sat_in_process() -> None:
    lines: list[str] = []
    first = first_passes(FORCED, None, time_limit=120, progress=lines.append)
    assert first.solution is not None
    assert (first.solution.status, first.solution.objective, first.solution.engine) == (OPTIMAL, 2, "cp-sat")
    assert (first.bound, len(lines)) == (2, 2)
    assert lines[0].startswith("[zero-break-sat] none: at least 1 break after ")
    assert lines[1] == "[cp-sat] in-process: optimal objective=2 bound=2"
    assert check(FORCED, first.solution) == []


def test_without_a_break_free_answer_the_glucose_ladder_goes_first() -> None:
    # the three-person meeting is outside the break-free encoding: that pass gives no answer
    assert fewest_breaks(GROUP) == 2
    lines: list[str] = []
    first = first_passes(GROUP, None, time_limit=120, progress=lines.append)
    assert first.solution is not None
    assert (first.solution.objective, first.solution.engine, first.bound) == (2, "glucose-ladder", 2)
    assert lines[1].startswith("[glucose-ladder] objective=2 after ")
    assert check(GROUP, first.solution) == []


@st.composite
def mandatory_instances(draw: st.DrawFn) -> Instance:
    n_p = draw(st.integers(2, 5))
    n_t = draw(st.integers(2, 4))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n_p - 1), st.integers(0, n_p - 1)).filter(lambda x: x[0] != x[1]),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    forb = [frozenset(draw(st.sets(st.integers(0, n_t - 1), max_size=1))) for _ in range(n_p)]
    return Instance(
        "h", n_t, draw(st.integers(1, 2)), tuple(Participant(f) for f in forb), tuple(map(Meeting, pairs))
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mandatory_instances())
def test_the_ladder_agrees_with_exhaustive_search(inst: Instance) -> None:
    optimum = fewest_breaks(inst)
    result = glucose_ladder(inst, None, budget=600)
    if optimum is None:  # no schedule: no claim, whatever bound the refutations reached
        assert result.solution is None
        return
    assert result.bound <= optimum  # a proven bound never exceeds the optimum
    if optimum > 4:  # above the ladder's rungs: left to the portfolio
        assert result.solution is None or result.solution.objective == optimum
        return
    assert result.solution is not None
    assert (result.solution.objective, result.bound) == (optimum, optimum)
    assert check(inst, result.solution) == []
