"""Row locks that hold until the transaction ends, on PostgreSQL and SQLite alike.

Whoever changes what sits in a B2B session's slots (hand placements, the scheduler, replanning) locks the
session rows first, then reads; so two writers are checked one after the other and never double-book.
"""

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from missionmatch.models import B2BSession, Mission


def lock_rows(session: Session, column: InstrumentedAttribute[int], ids: Iterable[int]) -> None:
    """Locks rows by primary key, in order (callers lock sessions before requests: no deadlock)."""
    ordered = sorted(set(ids))
    if not ordered:
        return
    if session.get_bind().dialect.name == "sqlite":
        # a no-op write takes SQLite's single write lock; done before reading, so the reads that follow see
        # what the previous writer committed
        for row_id in ordered:
            session.execute(update(column.class_).where(column == row_id).values({column: column}))
        return
    session.execute(select(column).where(column.in_(ordered)).order_by(column).with_for_update())


def lock_mission_sessions(session: Session, mission: Mission) -> None:
    """Every B2B session of a mission (the scheduler and replanning rewrite them all); everything is then
    read afresh (nothing is pending after the flush), with what a placement committed meanwhile."""
    session.flush()
    lock_rows(session, B2BSession.id, [b2b.id for b2b in mission.b2b_sessions])
    session.expire_all()
