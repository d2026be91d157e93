"""A participant's private calendar subscription URL: one active at a time, its secret shown once (only the
hash is kept), revocable; the unauthenticated feed answers only for an active token of a participant who
has not been erased."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import CalendarFeed, Participant
from missionmatch.services.accounts import hash_token


def active_feed(session: Session, participant: Participant) -> CalendarFeed | None:
    return session.scalar(
        select(CalendarFeed).where(
            CalendarFeed.participant_id == participant.id, CalendarFeed.revoked_at.is_(None)
        )
    )


def revoke_feed(session: Session, participant: Participant) -> bool:
    """Ends the participant's subscription URL; False when there was none."""
    feed = active_feed(session, participant)
    if feed is None:
        return False
    feed.revoked_at = clock.now()
    session.flush()
    return True


def create_feed(session: Session, participant: Participant) -> str:
    """A new secret token (to build the URL from, shown once); the previous URL, if any, stops working."""
    revoke_feed(session, participant)
    token = secrets.token_urlsafe(32)
    session.add(
        CalendarFeed(participant_id=participant.id, token_hash=hash_token(token), created_at=clock.now())
    )
    session.flush()
    return token


def feed_owner(session: Session, token: str) -> Participant | None:
    """Whose calendar the token opens, or None (unknown, revoked, or its owner erased)."""
    feed = session.scalar(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == hash_token(token), CalendarFeed.revoked_at.is_(None)
        )
    )
    if feed is None or feed.participant.erased_at is not None:
        return None
    return feed.participant
