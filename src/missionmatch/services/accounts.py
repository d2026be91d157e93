"""Signing in: organiser passwords (argon2), participants' one-time links, API tokens, and the rate limit."""

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import ApiToken, LoginAttempt, LoginLink, Mission, OrganiserAccount, Participant

_HASHER = PasswordHasher()
# a dummy hash verified when the e-mail is unknown, so that timing does not reveal which accounts exist
_DUMMY_HASH = _HASHER.hash("not a password")
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


class RateLimited(Exception):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_organiser(
    session: Session, email: str, password: str, missions: list[Mission], name: str = ""
) -> OrganiserAccount:
    account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == email.lower()))
    if account is None:
        account = OrganiserAccount(email=email.lower(), name=name, created_at=clock.now(), password_hash="")
        session.add(account)
    account.password_hash = _HASHER.hash(password)
    account.missions = list(dict.fromkeys([*account.missions, *missions]))
    session.flush()
    return account


def _recent_failures(session: Session, key: str) -> int:
    since = clock.now() - FAILURE_WINDOW
    query = select(func.count()).where(LoginAttempt.key == key, LoginAttempt.attempted_at >= since)
    return session.scalar(query) or 0


def authenticate_organiser(
    session: Session, email: str, password: str, client: str
) -> OrganiserAccount | None:
    """The account, or None for a wrong e-mail or password. Raises RateLimited after too many failures
    for this e-mail or from this client address within the window."""
    keys = [f"email:{email.lower()}", f"ip:{client}"]
    if any(_recent_failures(session, key) >= MAX_FAILURES for key in keys):
        raise RateLimited
    account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == email.lower()))
    try:
        _HASHER.verify(account.password_hash if account else _DUMMY_HASH, password)
        valid = account is not None and account.active
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid:
        session.add_all([LoginAttempt(key=key, attempted_at=clock.now()) for key in keys])
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == keys[0]))
    return account


def create_login_link(session: Session, participant: Participant, valid_for: dt.timedelta) -> str:
    """A fresh token for a participant; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    session.add(
        LoginLink(
            participant=participant,
            token_hash=hash_token(token),
            created_at=clock.now(),
            expires_at=clock.now() + valid_for,
        )
    )
    session.flush()
    return token


def redeem_login_link(session: Session, token: str) -> Participant | None:
    """The participant of a valid, unused, unexpired link, marking it used in the same statement so that
    two concurrent clicks cannot both succeed."""
    moment = clock.now()
    used = session.execute(
        update(LoginLink)
        .where(
            LoginLink.token_hash == hash_token(token),
            LoginLink.used_at.is_(None),
            LoginLink.expires_at > moment,
        )
        .values(used_at=moment)
        .returning(LoginLink.participant_id)
    ).first()
    return session.get(Participant, used[0]) if used else None


def find_participant_by_email(session: Session, mission: Mission, email: str) -> Participant | None:
    return session.scalar(
        select(Participant).where(Participant.mission_id == mission.id, Participant.email == email.lower())
    )


def participations_of(session: Session, email: str) -> list[Participant]:
    """Every mission a person takes part in under this address (erased participants excepted)."""
    address = email.strip().lower()
    query = select(Participant).where(Participant.email == address, Participant.erased_at.is_(None))
    return list(session.scalars(query.order_by(Participant.id)))


def create_api_token(
    session: Session,
    *,
    organiser: OrganiserAccount | None = None,
    participant: Participant | None = None,
    label: str = "",
) -> str:
    if (organiser is None) == (participant is None):
        raise ValueError("an API token acts as exactly one organiser or one participant")
    token = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            token_hash=hash_token(token),
            label=label,
            organiser=organiser,
            participant=participant,
            created_at=clock.now(),
        )
    )
    session.flush()
    return token


def resolve_api_token(session: Session, token: str) -> ApiToken | None:
    """The token, or None when it is unknown, revoked, or its owner may no longer sign in (a deactivated
    organiser account, an erased participant): all of these answer 401 alike."""
    found = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    )
    if found is None:
        return None
    if found.organiser is not None and not found.organiser.active:
        return None
    if found.participant is not None and found.participant.erased_at is not None:
        return None
    return found
