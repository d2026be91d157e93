"""Signing in: organiser passwords (argon2), participants' one-time links, API tokens, and the limits on
guessing (services/login_throttle.py)."""

import datetime as dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import ApiToken, LoginLink, Mission, OrganiserAccount, Participant
from missionmatch.services import login_throttle as throttle
from missionmatch.services.login_throttle import Rule, Throttled
from missionmatch.services.web_sessions import end_all_sessions

_HASHER = PasswordHasher()
# a dummy hash verified when the e-mail is unknown, so that timing does not reveal which accounts exist
_DUMMY_HASH = _HASHER.hash("not a password")
MIN_PASSWORD_LENGTH = 12  # ASVS 4.0.3 2.1.1
# how long a mailed sign-in link works: a day, so that a link read the next morning abroad still opens
LOGIN_LINK_VALIDITY = dt.timedelta(hours=24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_organiser(
    session: Session, email: str, password: str, missions: list[Mission], name: str = ""
) -> OrganiserAccount:
    """Raises ValueError for a password under MIN_PASSWORD_LENGTH characters (nothing is written)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == email.lower()))
    if account is None:
        account = OrganiserAccount(email=email.lower(), name=name, created_at=clock.now(), password_hash="")
        session.add(account)
    account.password_hash = _HASHER.hash(password)
    account.missions = list(dict.fromkeys([*account.missions, *missions]))
    session.flush()
    return account


def _sign_in_claims(email: str, client: str) -> list[tuple[Rule, str]]:
    address = email.strip().lower()[:254]
    return [
        (throttle.ACCOUNT_FROM_ADDRESS, throttle.ACCOUNT_FROM_ADDRESS.key(address, client)),
        (throttle.ADDRESS, throttle.ADDRESS.key(client)),
        (throttle.ACCOUNT, throttle.ACCOUNT.key(address)),
    ]


def _password_matches(account: OrganiserAccount | None, password: str) -> bool:
    try:
        _HASHER.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return account is not None


def authenticate_organiser(
    session: Session, email: str, password: str, client: str
) -> OrganiserAccount | None:
    """The account, or None for a wrong e-mail or password. The attempt is counted (per account and client
    address, per address, per account) and committed before the password is checked, so that concurrent
    guesses are all counted; raises Throttled, counting nothing, while one of the counts asks for a wait."""
    claims = _sign_in_claims(email, client)
    try:
        throttle.claim(session, claims)
    except Throttled:
        session.rollback()
        raise
    session.commit()
    account = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == email.strip().lower()))
    if not _password_matches(account, password) or account is None or not account.active:
        return None
    # the real user: their own typos no longer count, and this attempt does not count against the address
    throttle.release(session, claims[1:2])
    throttle.forget(session, [claims[0][1], claims[2][1]])
    return account


def change_password(
    session: Session, account: OrganiserAccount, current: str, new: str, client: str
) -> str | None:
    """Sets a new password and ends every session of the account (the caller opens a fresh one for the
    browser that asked). Returns a problem code instead: "wrong_password", "too_short". Checking the
    current password is counted like a sign-in (raises Throttled)."""
    if authenticate_organiser(session, account.email, current, client) is None:
        return "wrong_password"
    if len(new) < MIN_PASSWORD_LENGTH:
        return "too_short"
    account.password_hash = _HASHER.hash(new)
    end_all_sessions(session, organiser=account)
    session.flush()
    return None


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


def participants_to_send_a_link(session: Session, email: str, client: str) -> list[Participant]:
    """Whom to mail a sign-in link for a request from `client`: every mission the address takes part in,
    or nobody when a link went to this mailbox a short while ago (the page answers the same either way).
    Raises Throttled when this client address asks too often. Counted and committed before anything is
    sent, so that concurrent requests send one mail."""
    mailbox = email.strip().lower()[:254]
    try:
        throttle.claim(session, [(throttle.LINK_FROM_ADDRESS, throttle.LINK_FROM_ADDRESS.key(client))])
    except Throttled:
        session.rollback()
        raise
    try:
        throttle.claim(session, [(throttle.LINK_TO_MAILBOX, throttle.LINK_TO_MAILBOX.key(mailbox))])
    except Throttled:
        session.commit()  # the request from this address still counts
        return []
    session.commit()
    return participations_of(session, mailbox)


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
