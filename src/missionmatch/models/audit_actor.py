"""Who is acting, and as part of which operation, for the audit log (`models/audit_capture.py`).

The actor comes from the session first (the web dependency that resolves the signed-in account sets it on
the request's session), then from a context variable (the CLI and the job worker set it for their run), and
is "system" otherwise. A service names its operation with `operation(session, "withdraw")`: every change it
flushes meanwhile shares one batch key, which is what an undo takes back."""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

ACTOR_KEY: Final = "missionmatch.audit_actor"
OPERATION_KEY: Final = "missionmatch.audit_operation"
BATCH_KEY: Final = "missionmatch.audit_batch"
UNDOES_KEY: Final = "missionmatch.audit_undoes"


@dataclass(frozen=True)
class Actor:
    kind: str  # "organiser", "participant", "api", "cli", "job", "system"
    id: int | None = None
    label: str = ""


SYSTEM: Final = Actor("system")
_process_actor: ContextVar[Actor | None] = ContextVar("missionmatch_audit_actor", default=None)


def set_session_actor(session: Session, actor: Actor) -> None:
    session.info[ACTOR_KEY] = actor


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    """Every session used meanwhile (in this thread or task) records `actor`, unless it has its own."""
    token = _process_actor.set(actor)
    try:
        yield
    finally:
        _process_actor.reset(token)


def current_actor(session: Session) -> Actor:
    found = session.info.get(ACTOR_KEY)
    if isinstance(found, Actor):
        return found
    return _process_actor.get() or SYSTEM


def new_batch() -> str:
    return secrets.token_hex(8)


@contextmanager
def operation(session: Session, name: str, undoes: str | None = None) -> Iterator[str]:
    """Names what the changes flushed inside are part of; yields their batch key. Nested operations keep
    the outer name and batch (a bulk withdrawal is one operation)."""
    if OPERATION_KEY in session.info:
        yield str(session.info[BATCH_KEY])
        return
    batch = new_batch()
    session.info.update({OPERATION_KEY: name, BATCH_KEY: batch, UNDOES_KEY: undoes})
    try:
        session.flush()  # what was pending before belongs to no operation of ours
        yield batch
        session.flush()
    finally:
        for key in (OPERATION_KEY, BATCH_KEY, UNDOES_KEY):
            session.info.pop(key, None)


def current_operation(session: Session) -> tuple[str, str, str | None]:
    """(operation name, batch, batch undone) of the changes being flushed."""
    if OPERATION_KEY in session.info:
        return session.info[OPERATION_KEY], session.info[BATCH_KEY], session.info[UNDOES_KEY]
    batch = session.info.setdefault(BATCH_KEY + ".transaction", new_batch())
    return "", str(batch), None


@event.listens_for(Session, "after_transaction_end")
def _new_batch_next_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(BATCH_KEY + ".transaction", None)
