"""The waiting list of a full programme item: joining it, leaving it, reordering it, and the counts.

Every change runs under the mission's lock (`places_lock`), the same lock that registrations, cancellations,
capacity changes and withdrawals take before they count the places of an item: two of them never see the same
free place. Positions are renumbered 1, 2, 3... after each change."""

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from missionmatch.models import Participant, ProgrammeItem, WaitingEntry, audit_capture, bump_content_revision
from missionmatch.models.audit_actor import operation
from missionmatch.models.programme import programme_registration
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import refuse


def places_lock(session: Session, item: ProgrammeItem) -> None:
    """The lock every change of an item's registrations or waiting list takes first: the mission's row (the
    schedule lock, which a withdrawal already holds), then everything is read afresh. Registrations and
    waiting entries are written by bulk statements that no flush sees: the mission's pages are marked
    stale."""
    lock_schedule(session, item.mission_id)
    bump_content_revision(session, item.mission_id)


def registered_ids(session: Session, item: ProgrammeItem) -> set[int]:
    query = select(programme_registration.c.participant_id)
    return set(session.scalars(query.where(programme_registration.c.programme_item_id == item.id)))


def free_places(session: Session, item: ProgrammeItem) -> int | None:
    """Places left, read from the database under the caller's lock; None when the item has no capacity."""
    if item.capacity is None:
        return None
    return max(item.capacity - len(registered_ids(session, item)), 0)


def entries(session: Session, item: ProgrammeItem) -> list[WaitingEntry]:
    """The waiting list in order, read afresh."""
    query = (
        select(WaitingEntry)
        .where(WaitingEntry.programme_item_id == item.id)
        .order_by(WaitingEntry.position, WaitingEntry.joined_at, WaitingEntry.participant_id)
        .execution_options(populate_existing=True)
    )
    return list(session.scalars(query))


def _renumber(session: Session, waiting: list[WaitingEntry]) -> None:
    for position, entry in enumerate(waiting, start=1):
        entry.position = position
    session.flush()


def join(session: Session, item: ProgrammeItem, people: Iterable[Participant], at: dt.datetime) -> None:
    """Puts people at the end of the list, in the order given; those already waiting keep their place.
    The caller holds `places_lock` and has checked that they are not registered."""
    with operation(session, "join_waiting_list"):
        _join(session, item, people, at)


def _join(session: Session, item: ProgrammeItem, people: Iterable[Participant], at: dt.datetime) -> None:
    waiting = entries(session, item)
    present = {entry.participant_id for entry in waiting}
    for person in people:
        if person.id not in present:
            entry = WaitingEntry(programme_item_id=item.id, participant_id=person.id, joined_at=at)
            entry.position = len(waiting) + 1
            session.add(entry)
            waiting.append(entry)
            present.add(person.id)
    session.flush()


def position_of(session: Session, item: ProgrammeItem, person: Participant) -> int | None:
    for position, entry in enumerate(entries(session, item), start=1):
        if entry.participant_id == person.id:
            return position
    return None


def remove(session: Session, item: ProgrammeItem, person: Participant) -> bool:
    """Takes a participant off the list (the caller holds `places_lock`); False if they were not on it."""
    waiting = entries(session, item)
    kept = [entry for entry in waiting if entry.participant_id != person.id]
    if len(kept) == len(waiting):
        return False
    gone = next(entry for entry in waiting if entry.participant_id == person.id)
    changes = {"participant_id": (person.id, None), "position": (gone.position, None)}
    # a bulk delete: no flush sees it
    audit_capture.record(
        session, item.mission_id, "programme_waiting", item.id, "deleted", changes, [person.id]
    )
    session.execute(
        delete(WaitingEntry).where(
            WaitingEntry.programme_item_id == item.id, WaitingEntry.participant_id == person.id
        )
    )
    session.expire_all()
    _renumber(session, entries(session, item))
    return True


def leave(session: Session, item: ProgrammeItem, person: Participant) -> None:
    """A participant leaves the waiting list, or an organiser takes them off it."""
    places_lock(session, item)
    with operation(session, "leave_waiting_list"):
        if not remove(session, item, person):
            raise refuse("participant_id", "not_waiting")


def move(session: Session, item: ProgrammeItem, person: Participant, position: int) -> None:
    """Puts a waiting participant at `position` (1 is the next promoted; past the end means last)."""
    places_lock(session, item)
    waiting = entries(session, item)
    moving = next((entry for entry in waiting if entry.participant_id == person.id), None)
    if moving is None:
        raise refuse("participant_id", "not_waiting")
    waiting.remove(moving)
    waiting.insert(min(max(position, 1), len(waiting) + 1) - 1, moving)
    with operation(session, "move_waiting_list"):
        _renumber(session, waiting)


def waiting_counts(session: Session, items: Iterable[ProgrammeItem]) -> dict[int, int]:
    """Item id -> how many wait (0 for an item without a list)."""
    ids = [item.id for item in items]
    query = (
        select(WaitingEntry.programme_item_id, func.count())
        .where(WaitingEntry.programme_item_id.in_(ids))
        .group_by(WaitingEntry.programme_item_id)
    )
    counted = {int(row[0]): int(row[1]) for row in session.execute(query)}
    return {item_id: counted.get(item_id, 0) for item_id in ids}


def waiting_of(session: Session, person: Participant) -> list[tuple[ProgrammeItem, int]]:
    """The items a participant waits for, with their position, in time order."""
    query = select(WaitingEntry).where(WaitingEntry.participant_id == person.id)
    found = [(entry.item, position_of(session, entry.item, person) or 0) for entry in session.scalars(query)]
    return sorted(found, key=lambda pair: (pair[0].starts_at, pair[0].id))
