"""`blocking_reasons` against the independent checker: a slot is free of reasons exactly when moving the
meeting there keeps the schedule valid, and the reasons name the same constraints the checker reports."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from missionmatch.scheduling import Instance, Meeting, Participant, blocking_reasons, check
from missionmatch.scheduling.solution import Solution

SLOTS = 4


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n_people = draw(st.integers(2, 5))
    people = tuple(
        Participant(forbidden=frozenset(draw(st.sets(st.integers(0, SLOTS - 1), max_size=2))))
        for _ in range(n_people)
    )
    meetings = []
    n_meetings = draw(st.integers(1, 7))
    for m in range(n_meetings):
        who = draw(st.lists(st.integers(0, n_people - 1), min_size=2, max_size=3, unique=True))
        meetings.append(
            Meeting(
                tuple(who),
                session=draw(st.sampled_from([None, None, "morning", "afternoon"])),
                fixed_slot=draw(st.one_of(st.none(), st.none(), st.integers(0, SLOTS - 1))),
                after=tuple(draw(st.sets(st.integers(0, m - 1), max_size=1))) if m else (),
                optional=True,
                interpreter=draw(st.sampled_from([None, None, "fr-ja"])),
                window=draw(st.one_of(st.none(), st.frozensets(st.integers(0, SLOTS - 1), min_size=1))),
            )
        )
    return Instance(
        "explain",
        SLOTS,
        draw(st.integers(1, 3)),
        people,
        tuple(meetings),
        n_morning_slots=2,
        interpreters={"fr-ja": tuple(draw(st.integers(0, 1)) for _ in range(SLOTS))},
        seats_per_slot=tuple(draw(st.integers(2, 3)) for _ in range(SLOTS)),
    )


def _valid(inst: Instance, slots: list[int | None]) -> list[str]:
    return check(inst, Solution(inst.name, "feasible", None, slots))


def _greedy(inst: Instance, seed: int) -> list[int | None]:
    """A valid schedule of a random part of the meetings (every meeting is optional)."""
    rng = random.Random(seed)
    slots: list[int | None] = [None] * inst.n_meetings
    for m in rng.sample(range(inst.n_meetings), inst.n_meetings):
        for t in rng.sample(range(SLOTS), SLOTS):
            slots[m] = t
            if not _valid(inst, slots):
                break
            slots[m] = None
    return slots


def _labels(lines: list[str]) -> set[str]:
    """ "clash: ..." (a reason) and "[clash] ..." (a violation) both give "clash"."""
    return {line[1 : line.index("]")] if line.startswith("[") else line.split(":", 1)[0] for line in lines}


@settings(max_examples=150, deadline=None)
@given(instances(), st.integers(0, 10**6), st.data())
def test_a_slot_has_no_reason_exactly_when_the_move_keeps_the_schedule_valid(
    inst: Instance, seed: int, data: st.DataObject
) -> None:
    slots = _greedy(inst, seed)
    assert _valid(inst, slots) == []
    m = data.draw(st.integers(0, inst.n_meetings - 1))
    slots[m] = None
    reasons = blocking_reasons(inst, slots, m)
    assert sorted(reasons) == list(range(SLOTS))
    for t, why in reasons.items():
        moved = [*slots]
        moved[m] = t
        violations = _valid(inst, moved)
        assert (why == []) == (violations == []), (t, why, violations)
        assert _labels(why) == _labels(violations), (t, why, violations)


def test_every_reason_of_one_slot_is_named() -> None:
    # meeting 2 wants slot 0: 0 is away, the only table is taken, no interpreter, it is afternoon-only,
    # and meeting 0 (slot 0) must come first
    inst = Instance(
        "one",
        2,
        1,
        (Participant(frozenset({0})), Participant(), Participant()),
        (
            Meeting((1, 2)),
            Meeting((1, 2), optional=True),
            Meeting((0, 1), session="afternoon", after=(0,), interpreter="fr-ja", optional=True),
        ),
        n_morning_slots=1,
        interpreters={"fr-ja": (0, 1)},
    )
    assert blocking_reasons(inst, [0, None, None], 2) == {
        0: [
            "session: meeting is afternoon",
            "availability: participant 0 unavailable",
            "clash: participant 1 already in meeting 0",
            "capacity: all 1 tables taken",
            "interpreter: no fr-ja interpreter left",
            "precedence: meeting 0 (slot 0) must come first",
        ],
        1: [],
    }
