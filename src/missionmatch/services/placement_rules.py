"""Why a meeting cannot go into a slot and table of a B2B session: every hard rule, in words for organisers.

Which labelled constraints block a slot comes from the pure core (`scheduling.blocking_reasons`, the same
explanation the solver's report uses); this module adds the tables (the core only counts them) and names the
programme item, absence, arrival or departure behind "unavailable", and the meeting behind a clash.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import B2BSession, Meeting, Participant
from missionmatch.models.meeting import OCCUPYING
from missionmatch.scheduling import Instance, blocking_reasons, labels
from missionmatch.scheduling import Meeting as CoreMeeting
from missionmatch.scheduling import Participant as CoreParticipant
from missionmatch.services.interpreter_setup import canonical_pair
from missionmatch.services.scheduling_candidates import forbidden_slots, interpreter_pair

_PARTICIPANT = re.compile(r"participant (\d+)")
_MEETING = re.compile(r"meeting (\d+)")


@dataclass
class Refusal:
    """`code` names the rule (stable, for tests); `values` fill its message (datetimes: mission wall time)."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)


class PlacementRefused(Exception):
    """Carries every reason a change of the schedule breaks a rule."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__(", ".join(refusal.code for refusal in refusals))


@dataclass
class SlotCheck:
    refusals: list[Refusal]
    table: int | None  # the table asked for, or the first free one
    interpreter: str | None  # the language pair the meeting needs there


def names(people: list[Participant]) -> str:
    return ", ".join(p.full_name for p in people)


def occupying(session: Session, b2b: B2BSession, *, besides: Meeting | None = None) -> list[Meeting]:
    """The meetings placed in a session, read afresh from the database (after the caller's lock)."""
    query = (
        select(Meeting)
        .where(Meeting.session_id == b2b.id, Meeting.slot.is_not(None), Meeting.status.in_(OCCUPYING))
        .order_by(Meeting.id)
        .execution_options(populate_existing=True)
    )
    return [m for m in session.scalars(query) if besides is None or m.id != besides.id]


def absence_reasons(person: Participant, start: dt.datetime, end: dt.datetime) -> list[Refusal]:
    """What keeps one participant away between start and end (the windows of `busy_windows`, named)."""
    found = [
        Refusal("programme", {"name": person.full_name, "item": item.title, "time": start})
        for item in person.programme_items
        if item.starts_at < end and start < item.ends_at
    ]
    found += [
        Refusal(
            "unavailable",
            {"name": person.full_name, "since": w.starts_at, "until": w.ends_at, "reason": w.reason},
        )
        for w in person.unavailability
        if w.starts_at < end and start < w.ends_at
    ]
    if person.arrives_at and start < person.arrives_at:
        found.append(Refusal("not_arrived", {"name": person.full_name, "when": person.arrives_at}))
    if person.departs_at and person.departs_at < end:
        found.append(Refusal("departed", {"name": person.full_name, "when": person.departs_at}))
    return found


def _core_instance(
    b2b: B2BSession, people: list[Participant], others: list[Meeting], pair: str | None
) -> tuple[Instance, list[Participant]]:
    """The session as the core sees it: the other meetings where they are, ours last and unplaced."""
    index: dict[int, int] = {}
    persons: list[Participant] = []
    core_people: list[CoreParticipant] = []
    ours = {p.id for p in people}

    def number(person: Participant) -> int:
        if person.id not in index:
            index[person.id] = len(persons)
            persons.append(person)
            forbidden = forbidden_slots(person, b2b) if person.id in ours else frozenset()
            core_people.append(CoreParticipant(forbidden=forbidden))
        return index[person.id]

    meetings = [
        CoreMeeting(tuple(number(p) for p in m.participants), interpreter=m.interpreter, key=m.key)
        for m in others
    ]
    meetings.append(CoreMeeting(tuple(number(p) for p in people), interpreter=pair, key="placing"))
    instance = Instance(
        name=b2b.key,
        n_slots=b2b.slot_count,
        n_tables=b2b.tables,
        participants=tuple(core_people),
        meetings=tuple(meetings),
        interpreters={pool.pair: (pool.count,) * b2b.slot_count for pool in b2b.interpreters},
        seats_per_slot=(b2b.seats,) * b2b.slot_count,
    )
    return instance, persons


def check_slots(
    session: Session, people: list[Participant], b2b: B2BSession, *, besides: Meeting | None = None
) -> dict[int, list[Refusal]]:
    """For every slot of the session, why the meeting of `people` cannot go there (empty: it can)."""
    return _refusals(people, b2b, occupying(session, b2b, besides=besides))


def _refusals(people: list[Participant], b2b: B2BSession, others: list[Meeting]) -> dict[int, list[Refusal]]:
    can_talk, pair = interpreter_pair(tuple(people), b2b)
    instance, persons = _core_instance(b2b, people, others, pair)
    slots = [m.slot for m in others] + [None]
    times = b2b.slot_times()
    out: dict[int, list[Refusal]] = {}
    for slot, reasons in blocking_reasons(instance, slots, len(others)).items():
        start, end = times[slot]
        found: list[Refusal] = []
        if not can_talk:
            found.append(Refusal("no_language", {"names": names(people), "session": b2b.name}))
        for reason in reasons:
            label = reason.split(":")[0]
            person_match = _PARTICIPANT.search(reason)
            person = persons[int(person_match.group(1))] if person_match else None
            if label == labels.AVAILABILITY and person is not None:
                found += absence_reasons(person, start, end)
            elif label == labels.CLASH and person is not None:
                busy = others[int(_MEETING.search(reason).group(1))]  # type: ignore[union-attr]
                table = "–" if busy.table is None else busy.table + 1
                found.append(Refusal("clash", {"name": person.full_name, "time": start, "table": table}))
            elif label == labels.CAPACITY:
                found.append(Refusal("tables_full", {"count": b2b.tables, "time": start}))
            elif label == labels.SEATS:
                found.append(Refusal("seats", {"size": len(people), "count": b2b.seats, "session": b2b.name}))
            elif label == labels.INTERPRETER:
                found.append(Refusal("interpreter", {"pair": pair, "time": start}))
            else:  # not used by placements (session halves, pinned slots, precedence), kept in words
                found.append(Refusal("rule", {"reason": reason}))
        out[slot] = found
    return out


def check_slot(
    session: Session,
    people: list[Participant],
    b2b: B2BSession,
    slot: int,
    table: int | None,
    *,
    besides: Meeting | None = None,
) -> SlotCheck:
    """Every hard rule for one slot and table (None: the table a host among `people` keeps, else the first
    free table)."""
    _, pair = interpreter_pair(tuple(people), b2b)
    hosts = [p for p in people if p.hosted_table is not None]
    outside = []
    if not 0 <= slot < b2b.slot_count:
        outside.append(
            Refusal("slot_outside", {"slot": slot + 1, "session": b2b.name, "count": b2b.slot_count})
        )
    if table is not None and not 0 <= table < b2b.tables:
        outside.append(
            Refusal("table_outside", {"table": table + 1, "session": b2b.name, "count": b2b.tables})
        )
    if outside:
        return SlotCheck(outside, table, pair)
    others = occupying(session, b2b, besides=besides)
    refusals = [Refusal("attendee_withdrawn", {"name": p.full_name}) for p in people if p.withdrawn_at]
    refusals += _refusals(people, b2b, others)[slot]
    in_slot = [m for m in others if m.slot == slot]
    used = {m.table for m in in_slot}
    if table is None and hosts:  # the host's table, even when taken: the refusal then says by whom
        kept = [p.hosted_table - 1 for p in hosts]  # type: ignore[operator]
        table = next((t for t in kept if t not in used), kept[0])
    if table is None:
        table = next((t for t in range(b2b.tables) if t not in used), None)
    else:
        refusals = [r for r in refusals if r.code != "tables_full"]  # the table's own answer says more
        if hosts and all(p.hosted_table != table + 1 for p in hosts):
            refusals.append(
                Refusal("hosted_table", {"name": hosts[0].full_name, "table": hosts[0].hosted_table})
            )
        holders = [m for m in in_slot if m.table == table]
        if holders:
            start = b2b.slot_times()[slot][0]
            taken = {"table": table + 1, "time": start, "names": names(holders[0].participants)}
            refusals.append(Refusal("table_taken", taken))
    return SlotCheck(refusals, table, pair)


def clashes(session: Session, meeting: Meeting) -> list[Refusal]:
    """What stops a placed meeting from occupying its slot again (say, a cancelled one marked held): another
    occupying meeting of one of its attendees or at its table, or its interpreter pair fully used there."""
    b2b, slot = meeting.session, meeting.slot
    assert b2b is not None and slot is not None
    start = b2b.slot_times()[slot][0] if slot < b2b.slot_count else None
    in_slot = [m for m in occupying(session, b2b, besides=meeting) if m.slot == slot]
    ours = {p.id for p in meeting.participants}
    found = []
    for other in in_slot:
        table = "–" if other.table is None else other.table + 1
        found += [
            Refusal("clash", {"name": p.full_name, "time": start, "table": table})
            for p in other.participants
            if p.id in ours
        ]
        if meeting.table is not None and other.table == meeting.table:
            taken = {"table": meeting.table + 1, "time": start, "names": names(other.participants)}
            found.append(Refusal("table_taken", taken))
    if meeting.interpreter:
        pair = canonical_pair(*meeting.interpreter.split("-"))
        pool = sum(p.count for p in b2b.interpreters if canonical_pair(p.language_a, p.language_b) == pair)
        used = sum(1 for m in in_slot if m.interpreter and canonical_pair(*m.interpreter.split("-")) == pair)
        if used >= pool:
            found.append(Refusal("interpreter", {"pair": meeting.interpreter, "time": start}))
    return found
