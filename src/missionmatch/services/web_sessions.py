"""Server-side sessions of the web pages: the cookie carries a random id, the database its hash and its
state, so that logging out or changing a password really ends a session (a copied cookie stops working)."""

import datetime as dt
import hashlib
import secrets
from typing import cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import OrganiserAccount, Participant, WebSession

LONGEST = dt.timedelta(days=14)  # after this, sign in again, however active the session
IDLE = dt.timedelta(hours=12)  # unused this long: ended
# last_seen_at is written at most this often, so that reading pages does not mean writing the database
TOUCH_EVERY = dt.timedelta(minutes=5)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, *, organiser: OrganiserAccount | None = None, participant: Participant | None = None
) -> str:
    """A new session for exactly one organiser or one participant; the returned id goes in the cookie."""
    if (organiser is None) == (participant is None):
        raise ValueError("a web session belongs to exactly one organiser or one participant")
    token = secrets.token_urlsafe(32)
    moment = clock.now()
    session.add(
        WebSession(
            token_hash=_hash(token),
            organiser_id=organiser.id if organiser else None,
            participant_id=participant.id if participant else None,
            created_at=moment,
            last_seen_at=moment,
            expires_at=moment + LONGEST,
        )
    )
    session.flush()
    return token


def resolve_session(session: Session, token: str) -> WebSession | None:
    """The open session of this id, or None when it is unknown, ended, idle too long or too old."""
    if not token:
        return None
    moment = clock.now()
    found = session.scalar(
        select(WebSession).where(
            WebSession.token_hash == _hash(token),
            WebSession.ended_at.is_(None),
            WebSession.expires_at > moment,
            WebSession.last_seen_at > moment - IDLE,
        )
    )
    if found is not None and found.last_seen_at < moment - TOUCH_EVERY:
        found.last_seen_at = moment
        session.flush()
    return found


def end_session(session: Session, token: str) -> None:
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _hash(token), WebSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )


def end_all_sessions(
    session: Session, *, organiser: OrganiserAccount | None = None, participant: Participant | None = None
) -> int:
    """Ends every open session of one person (a password change, an erasure); how many were open."""
    column = WebSession.organiser_id if organiser is not None else WebSession.participant_id
    person = organiser if organiser is not None else participant
    assert person is not None
    result = session.execute(
        update(WebSession)
        .where(column == person.id, WebSession.ended_at.is_(None))
        .values(ended_at=clock.now())
    )
    return cast(CursorResult, result).rowcount  # an UPDATE gives a CursorResult; execute is typed Result
