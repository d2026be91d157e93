"""Every flush that changes what a mission's participant pages show bumps that mission's `content_revision`,
in the same transaction: one listener on all sessions, so no service write path can forget it. Cached pages
are keyed by the revision (web/page_cache.py); a bump makes every cached page of the mission stale.

Bookkeeping rows (sign-in sessions, jobs, mail outbox, tokens, throttles) do not count. Bulk statements
(`session.execute(insert(...))`) bypass flushes: their services call `bump_content_revision` themselves."""

from typing import Any

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction
from sqlalchemy.orm.util import identity_key

from missionmatch.models.account import ApiToken, LoginLink, OrganiserAccount, OutboxMail
from missionmatch.models.agreement import Agreement
from missionmatch.models.b2b_session import B2BSession
from missionmatch.models.campaign import Campaign
from missionmatch.models.job import Job
from missionmatch.models.login_throttle import LoginThrottle
from missionmatch.models.meeting import Meeting
from missionmatch.models.mission import Mission
from missionmatch.models.participant import Participant
from missionmatch.models.web_session import WebSession

BOOKKEEPING: tuple[type, ...] = (
    ApiToken,
    Campaign,
    Job,
    LoginLink,
    LoginThrottle,
    OrganiserAccount,
    OutboxMail,
    WebSession,
)
# how a row that has no mission_id reaches its mission: (foreign key column, parent model)
PARENTS: tuple[tuple[str, type], ...] = (
    ("participant_id", Participant),
    ("meeting_id", Meeting),
    ("session_id", B2BSession),
    ("agreement_id", Agreement),
)


# missions bumped in the session's open transaction: one bump a transaction is enough, as readers see the
# transaction's writes and its new revision together (a send bumps first, to take the lock: meeting_requests)
BUMPED = "missionmatch.bumped_missions"


def bump_content_revision(session: Session, mission_id: int) -> None:
    """UPDATE ... SET content_revision = content_revision + 1, now: concurrent writers never lose a bump."""
    bump = update(Mission).where(Mission.id == mission_id)
    session.execute(bump.values(content_revision=Mission.content_revision + 1))
    session.info.setdefault(BUMPED, set()).add(mission_id)
    loaded = session.identity_map.get(identity_key(Mission, mission_id))
    if loaded is not None:
        session.expire(loaded, ["content_revision"])


def _mission_id(session: Session, row: Any) -> int | None:
    if isinstance(row, Mission):
        return row.id
    attributes = inspect(row).mapper.attrs.keys()
    if "mission_id" in attributes:
        if row.mission_id is not None:
            return int(row.mission_id)
        mission = getattr(row, "mission", None)
        return None if mission is None else mission.id
    for column, parent_model in PARENTS:
        if column in attributes:
            relation = column.removesuffix("_id")
            parent = getattr(row, relation, None) if relation in attributes else None
            if parent is None and getattr(row, column) is not None:
                parent = session.get(parent_model, getattr(row, column))
            return None if parent is None else _mission_id(session, parent)
    return None


def _changed_rows(session: Session) -> list[Any]:
    dirty = [row for row in session.dirty if session.is_modified(row, include_collections=True)]
    return [*session.new, *dirty, *session.deleted]


@event.listens_for(Session, "before_flush")
def _bump_changed_missions(session: Session, _context: UOWTransaction, _instances: object) -> None:
    missions = set()
    for row in _changed_rows(session):
        if isinstance(row, BOOKKEEPING):
            continue
        found = _mission_id(session, row)
        if found is not None:
            missions.add(found)
    for mission_id in missions - session.info.get(BUMPED, set()):
        bump_content_revision(session, mission_id)


@event.listens_for(Session, "after_transaction_end")
def _forget_bumps(session: Session, transaction: SessionTransaction) -> None:
    # the transaction ended (committed or rolled back), or a savepoint did (it may have undone a bump):
    # the next write bumps again; a flush's inner subtransaction ending changes nothing
    if transaction.parent is None or transaction.nested:
        session.info.pop(BUMPED, None)
