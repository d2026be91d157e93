"""Who came to a programme item: the organiser ticks the registered participants who came, all at once.

A registration's `attended_at` says when its participant was recorded as present; the item's
`attendance_recorded_at` says whether anyone recorded attendance at all, so that "nobody came" (0) and
"not recorded" (None, shown "–" by the report) stay apart."""

import datetime as dt
from collections.abc import Collection, Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from missionmatch.clock import now
from missionmatch.models import Participant, ProgrammeItem, audit_capture, bump_content_revision
from missionmatch.models.audit_actor import operation
from missionmatch.models.programme import programme_registration
from missionmatch.services.setup_fields import lock_row

_of_item = programme_registration.c.programme_item_id


class NotRegistered(ValueError):
    """Attendance named someone who is not registered for the item; nothing was written."""

    def __init__(self, item: ProgrammeItem, participant_id: int, name: str | None) -> None:
        self.participant_id = participant_id
        self.name = name  # None when no such participant exists
        who = f"participant {participant_id}" + (f" ({name})" if name else "")
        super().__init__(f"{who} is not registered for {item.title!r}")


def registered_ids(session: Session, item: ProgrammeItem) -> set[int]:
    query = select(programme_registration.c.participant_id).where(_of_item == item.id)
    return set(session.scalars(query))


def attended_ids(session: Session, item: ProgrammeItem) -> set[int]:
    query = select(programme_registration.c.participant_id).where(
        _of_item == item.id, programme_registration.c.attended_at.is_not(None)
    )
    return set(session.scalars(query))


def _refuse_unregistered(session: Session, item: ProgrammeItem, unknown: Iterable[int]) -> None:
    first = min(unknown, default=None)
    if first is not None:
        person = session.get(Participant, first)
        raise NotRegistered(item, first, person.full_name if person is not None else None)


def _finish(
    session: Session, item: ProgrammeItem, recorded_at: dt.datetime | None, before: set[int], after: set[int]
) -> None:
    if before != after:  # bulk updates of the registrations: their entry is written here
        changes = {"attended": (sorted(before), sorted(after))}
        about = before ^ after
        audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, about)
    item.attendance_recorded_at = recorded_at
    session.flush()
    bump_content_revision(session, item.mission_id)  # bulk updates of the registrations: no flush sees them


def record_attendance(
    session: Session, item: ProgrammeItem, came: Collection[int], *, at: dt.datetime | None = None
) -> int:
    """Records that exactly the participants `came` (ids) came and the other registered ones did not;
    refuses the whole recording if one of them is not registered for the item. Returns how many came."""
    with operation(session, "record_attendance"):
        return _record(session, item, set(came), at)


def _record(session: Session, item: ProgrammeItem, wanted: set[int], at: dt.datetime | None) -> int:
    lock_row(session, ProgrammeItem, item.id)
    _refuse_unregistered(session, item, wanted - registered_ids(session, item))
    before = attended_ids(session, item)
    recorded_at = at or now()
    column = programme_registration.c.participant_id
    attended = programme_registration.c.attended_at
    session.execute(
        update(programme_registration)
        .where(_of_item == item.id, column.in_(wanted), attended.is_(None))
        .values(attended_at=recorded_at)
    )  # someone already recorded as present keeps the moment it was first said
    session.execute(
        update(programme_registration)
        .where(_of_item == item.id, column.not_in(wanted))
        .values(attended_at=None)
    )
    _finish(session, item, recorded_at, before, wanted)
    return len(wanted)


def undo_attendance(session: Session, item: ProgrammeItem) -> None:
    """Back to "not recorded": nobody is marked as present any more."""
    with operation(session, "undo_attendance"):
        lock_row(session, ProgrammeItem, item.id)
        before = attended_ids(session, item)
        session.execute(update(programme_registration).where(_of_item == item.id).values(attended_at=None))
        _finish(session, item, None, before, set())


def attendance_counts(session: Session, items: Iterable[ProgrammeItem]) -> dict[int, int | None]:
    """Item id -> how many came, None for an item whose attendance is not recorded."""
    chosen = list(items)
    query = (
        select(_of_item, func.count())
        .where(_of_item.in_([i.id for i in chosen]), programme_registration.c.attended_at.is_not(None))
        .group_by(_of_item)
    )
    came: dict[int, int] = {int(row[0]): int(row[1]) for row in session.execute(query)}
    return {i.id: came.get(i.id, 0) if i.attendance_recorded_at is not None else None for i in chosen}
