"""Seating after slotting (scheduling/tables.py): hosts keep their table, kept tables come first, the rest
fill the free tables in order, and a session with fewer tables is respected."""

from __future__ import annotations

from missionmatch.scheduling import Instance, Meeting, Participant, Solution, check
from missionmatch.scheduling.tables import assign_tables


def _instance(people: tuple[Participant, ...], meetings: tuple[Meeting, ...], **fields: object) -> Instance:
    return Instance("tables", 2, 3, people, meetings, **fields)  # type: ignore[arg-type]


def _pairs(n: int) -> tuple[tuple[Participant, ...], tuple[Meeting, ...]]:
    """n meetings of two people each, nobody in two of them."""
    return tuple(Participant() for _ in range(2 * n)), tuple(Meeting((2 * k, 2 * k + 1)) for k in range(n))


def test_free_tables_are_handed_out_in_order_slot_by_slot() -> None:
    inst = _instance(
        tuple(Participant() for _ in range(6)), (Meeting((0, 1)), Meeting((2, 3)), Meeting((4, 5)))
    )
    assert assign_tables(inst, [0, 0, 1]) == [0, 1, 0]


def test_a_host_keeps_its_own_table_and_the_others_take_what_is_left() -> None:
    people = (Participant(host_table=2), *(Participant() for _ in range(4)))
    meetings = (Meeting((1, 2)), Meeting((0, 3)), Meeting((0, 4)))
    slots: list[int | None] = [0, 0, 1]
    tables = assign_tables(_instance(people, meetings), slots)
    assert tables == [0, 2, 2]
    assert (
        check(_instance(people, meetings), Solution("tables", "feasible", None, slots, tables=tables)) == []
    )


def test_kept_tables_are_seated_before_anything_else() -> None:
    people = (Participant(host_table=1), *(Participant() for _ in range(5)))
    meetings = (Meeting((2, 3)), Meeting((4, 5)), Meeting((0, 1)))
    # meeting 1 keeps table 1 from the published schedule; the host of meeting 2 then has no table of its
    # own left and is seated at the free one
    assert assign_tables(_instance(people, meetings), [0, 0, 0], keep={1: 1}) == [0, 1, 2]
    # a kept table that does not exist in the slot any more is not kept
    fewer = _instance(people, meetings, tables_per_slot=(2, 3))
    assert assign_tables(fewer, [None, 0, 1], keep={1: 2}) == [None, 0, 1]


def test_unplaced_meetings_get_no_table_and_an_overfull_slot_leaves_one_unseated() -> None:
    inst = _instance(
        tuple(Participant() for _ in range(8)), tuple(Meeting((2 * k, 2 * k + 1)) for k in range(4))
    )
    assert assign_tables(inst, [None, 1, 1, None]) == [None, 0, 1, None]
    assert assign_tables(inst, [0, 0, 0, 0]) == [0, 1, 2, None]  # capacity broken: the checker says so
