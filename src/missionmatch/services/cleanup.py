"""Deleting rows that can no longer do anything: web sessions past their absolute limit, sign-in counters
left alone long enough to start over, sign-in links past their expiry. Run hourly by the worker
(tasks/cleanup.py) and by `missionmatch cleanup`; every step is one DELETE, so running it twice, or from two
workers at once, deletes nothing twice."""

import datetime as dt
from collections.abc import Callable
from typing import cast

from sqlalchemy import CursorResult, Delete, and_, delete, or_
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import LoginLink, LoginThrottle, WebSession
from missionmatch.services.import_uploads import delete_expired_uploads
from missionmatch.services.job_files import delete_expired_job_files
from missionmatch.services.login_throttle import RULES
from missionmatch.services.meeting_requests import expire_pending

Cleaner = Callable[[Session, dt.datetime], int]


def _deleted(session: Session, statement: Delete) -> int:
    return cast(CursorResult, session.execute(statement)).rowcount  # a DELETE gives a CursorResult


def delete_expired_web_sessions(session: Session, now: dt.datetime) -> int:
    """Sessions past their absolute limit (14 days after sign-in); ended and idle ones stay until then,
    for the record of recent sign-ins."""
    return _deleted(session, delete(WebSession).where(WebSession.expires_at <= now))


def delete_forgotten_login_throttles(session: Session, now: dt.datetime) -> int:
    """Counters that would start over at their next attempt anyway (quiet for their rule's forget_after,
    no wait due); counters of unknown prefixes are left alone."""
    forgotten = [
        and_(
            LoginThrottle.key.startswith(f"{rule.prefix}:", autoescape=True),
            LoginThrottle.last_attempt_at <= now - rule.forget_after,
            LoginThrottle.next_allowed_at <= now,
        )
        for rule in RULES
    ]
    return _deleted(session, delete(LoginThrottle).where(or_(*forgotten)))


def delete_expired_login_links(session: Session, now: dt.datetime) -> int:
    """Sign-in links past their expiry, used or not: redeeming refuses them already."""
    return _deleted(session, delete(LoginLink).where(LoginLink.expires_at <= now))


# every clean-up step, in order, by what the CLI prints; a new step is one more line here
CLEANERS: dict[str, Cleaner] = {
    "web sessions deleted": delete_expired_web_sessions,
    "sign-in counters deleted": delete_forgotten_login_throttles,
    "sign-in links deleted": delete_expired_login_links,
    "job files deleted": delete_expired_job_files,
    "import files deleted": delete_expired_uploads,
    # not deleted: kept for the record, but written as expired, as the pages already show them
    "meeting requests expired": lambda session, now: expire_pending(session, None, at=now),
}


def clean_up(session: Session, now: dt.datetime | None = None) -> dict[str, int]:
    """Runs every step at one instant (default: now); rows deleted by step. The caller commits."""
    moment = now or clock.now()
    return {name: cleaner(session, moment) for name, cleaner in CLEANERS.items()}
