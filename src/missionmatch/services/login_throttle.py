"""Sign-in limits: every attempt is counted before it is checked, in single statements, with a growing wait
(exponential backoff) rather than a lockout.

Counting first is what makes the limit hold under concurrency: 25 guesses sent at once claim 25 counts one
after the other (a row lock on PostgreSQL, the write lock on SQLite), and only those claimed while no wait was
due go on to the password check. A refused attempt is not counted, so hammering a waiting key does not make
the wait longer for the real user."""

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import case, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import LoginThrottle


@dataclass(frozen=True)
class Rule:
    prefix: str
    free: int  # attempts before the first wait
    first_wait: dt.timedelta
    longest_wait: dt.timedelta
    forget_after: dt.timedelta  # a key left alone this long starts over (not shorter than longest_wait)

    def key(self, *parts: str) -> str:
        return ":".join([self.prefix, *parts])

    def wait_after(self, attempts: int) -> dt.timedelta:
        if attempts < self.free:
            return dt.timedelta(0)
        return min(self.longest_wait, self.first_wait * 2 ** (attempts - self.free))


_MINUTE = dt.timedelta(minutes=1)
# one account from one address: the guessing a stranger can do, and the typos of the real user
ACCOUNT_FROM_ADDRESS = Rule("pair", 5, 30 * dt.timedelta(seconds=1), 15 * _MINUTE, 60 * _MINUTE)
# one address, any account: password spraying; an office behind one address has room for its typos
ADDRESS = Rule("address", 20, _MINUTE, 15 * _MINUTE, 60 * _MINUTE)
# one account from anywhere: guesses spread over many addresses. Short waits only, so that strangers with
# many addresses slow the account's sign-in down to one try a minute at worst, never lock it
ACCOUNT = Rule("account", 50, 2 * dt.timedelta(seconds=1), _MINUTE, 60 * _MINUTE)
# sign-in links: requests from one address; and one mail to a mailbox every 10 minutes at most (a steady
# wait: a stranger asking for someone's links cannot push the next mail further away)
LINK_FROM_ADDRESS = Rule("link-address", 10, _MINUTE, 60 * _MINUTE, 120 * _MINUTE)
LINK_TO_MAILBOX = Rule("link-mailbox", 1, 10 * _MINUTE, 10 * _MINUTE, 120 * _MINUTE)
RULES = (ACCOUNT_FROM_ADDRESS, ADDRESS, ACCOUNT, LINK_FROM_ADDRESS, LINK_TO_MAILBOX)


class Throttled(Exception):
    """Too many attempts: the caller answers 429 with Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def _ensure_row(session: Session, key: str, moment: dt.datetime) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    fresh = {"key": key, "attempts": 0, "last_attempt_at": moment, "next_allowed_at": moment}
    session.execute(
        dialect.insert(LoginThrottle).values(fresh).on_conflict_do_nothing(index_elements=["key"])
    )


def claim(session: Session, claims: list[tuple[Rule, str]]) -> None:
    """Counts one attempt on each key, or raises Throttled when one of them must still wait; then some keys
    may already be counted, and the caller rolls back. Keys are taken in one order (no deadlock)."""
    moment = clock.now()
    for rule, key in sorted(claims, key=lambda pair: pair[1]):
        _ensure_row(session, key, moment)
        counted = session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key, LoginThrottle.next_allowed_at <= moment)
            .values(
                attempts=case(
                    (LoginThrottle.last_attempt_at < moment - rule.forget_after, 1),
                    else_=LoginThrottle.attempts + 1,
                ),
                last_attempt_at=moment,
            )
            .returning(LoginThrottle.attempts)
        ).scalar()
        if counted is None:
            allowed_at = session.scalar(select(LoginThrottle.next_allowed_at).where(LoginThrottle.key == key))
            assert allowed_at is not None  # _ensure_row made the row above, in this transaction
            raise Throttled(max(1, math.ceil((allowed_at - moment).total_seconds())))
        if wait := rule.wait_after(counted):
            session.execute(
                update(LoginThrottle).where(LoginThrottle.key == key).values(next_allowed_at=moment + wait)
            )


def release(session: Session, claims: list[tuple[Rule, str]]) -> None:
    """Takes back the attempt counted on each key for an attempt that succeeded, lifting the wait it may
    have started (the key was not waiting when the attempt was counted)."""
    moment = clock.now()
    for rule, key in sorted(claims, key=lambda pair: pair[1]):
        session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key, LoginThrottle.attempts > 0)
            .values(
                attempts=LoginThrottle.attempts - 1,
                next_allowed_at=case(
                    (LoginThrottle.attempts - 1 < rule.free, moment), else_=LoginThrottle.next_allowed_at
                ),
            )
        )


def forget(session: Session, keys: list[str]) -> None:
    """Starts keys over (the real user signed in: their own earlier typos no longer count)."""
    moment = clock.now()
    session.execute(
        update(LoginThrottle).where(LoginThrottle.key.in_(keys)).values(attempts=0, next_allowed_at=moment)
    )


def attempts(session: Session, key: str) -> int:
    return session.scalar(select(LoginThrottle.attempts).where(LoginThrottle.key == key)) or 0
