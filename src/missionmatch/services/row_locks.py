"""Row locks that hold until the transaction ends, on PostgreSQL and SQLite alike.

Whoever changes what sits in a mission's schedule (a meeting's slot, table, attendees or status; a draft
from the scheduler or replanning; a publication) takes `lock_schedule` first, then reads: two writers are
checked one after the other and never double-book. The database constraints of `slot_occupancy` and
`uq_meeting_table_in_slot` back this up should any code forget.
"""

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from missionmatch.models import Mission


def lock_rows(session: Session, column: InstrumentedAttribute[int], ids: Iterable[int]) -> None:
    """Locks rows by primary key, in order (callers lock missions before requests: no deadlock)."""
    ordered = sorted(set(ids))
    if not ordered:
        return
    if session.get_bind().dialect.name == "sqlite":
        # a no-op write takes SQLite's single write lock; done before reading, so the reads that follow see
        # what the previous writer committed
        for row_id in ordered:
            session.execute(update(column.class_).where(column == row_id).values({column: column}))
        return
    # FOR NO KEY UPDATE: rows that merely refer to the locked one (a new request of the mission) are not held
    query = select(column).where(column.in_(ordered)).order_by(column).with_for_update(key_share=True)
    session.execute(query)


def lock_schedule(session: Session, mission_id: int) -> None:
    """The one lock of a mission's schedule. Pending changes are flushed first, and everything is read afresh
    afterwards, with what the previous holder committed."""
    session.flush()
    lock_rows(session, Mission.id, [mission_id])
    session.expire_all()
