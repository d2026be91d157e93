"""Invitations and reminders to many participants: created with their recipients fixed (`create_mailing`),
then written and delivered by the worker (`send_mailing`, tasks/mailings.py) in batches, each committed.

Idempotent per mailing and recipient: a retried or second job skips whoever already has a mail of this
mailing in the outbox (the unique constraint on `outbox_mail(mailing_id, participant_id)` backs it when two
workers race), and delivers only what is still unsent. An invitation creates the recipient's sign-in link
with their mail, in the same transaction: a link nobody was sent does not exist."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Mailing, Mission, OutboxMail, Participant
from missionmatch.models.mailing import MailingKind
from missionmatch.services.accounts import create_login_link
from missionmatch.services.mail import queue_mail
from missionmatch.services.mailing_audience import AudienceRefused, recipients
from missionmatch.services.mailing_texts import mail_text
from missionmatch.services.notifications import deliver_queued
from missionmatch.settings import MailSettings

BATCH = 20  # recipients per transaction, SMTP connection and progress report
Progress = Callable[..., None]


def mailing_kind(value: str) -> MailingKind:
    try:
        return MailingKind(value)
    except ValueError:
        raise AudienceRefused("kind", value) from None


def plan_mailing(
    session: Session,
    mission: Mission,
    kind: str,
    scope: str,
    *,
    side: str = "",
    ids: list[int] | None = None,
    by: str,
    now: dt.datetime,
) -> Mailing:
    """The mailing with its recipients fixed (flushed); the caller starts its job (params `mailing_id`).
    AudienceRefused for an unknown kind, scope or side, or when nobody is concerned."""
    chosen = mailing_kind(kind)
    people = recipients(session, mission, chosen, scope, side=side, ids=ids, now=now)
    if not people:
        raise AudienceRefused("recipients", "")
    mailing = Mailing(
        mission_id=mission.id,
        kind=chosen,
        audience={"scope": scope, "side": side} if scope == "side" else {"scope": scope},
        recipient_ids=[p.id for p in people],
        requested_by=by,
        created_at=now,
    )
    session.add(mailing)
    session.flush()
    return mailing


def mailing_of_job(session: Session, mission: Mission, mailing_id: int) -> Mailing | None:
    mailing = session.get(Mailing, mailing_id)
    return mailing if mailing is not None and mailing.mission_id == mission.id else None


def still_concerned(session: Session, mailing: Mailing, now: dt.datetime) -> list[Participant]:
    """The mailing's recipients who still are (not withdrawn meanwhile; a reminder's reason still holds)."""
    mission = session.get_one(Mission, mailing.mission_id)
    ids = mailing.recipient_ids
    return recipients(session, mission, mailing.kind, "selection", ids=ids, now=now)


def _already_mailed(session: Session, mailing_id: int) -> set[int]:
    query = select(OutboxMail.participant_id).where(OutboxMail.mailing_id == mailing_id)
    return {pid for pid in session.scalars(query) if pid is not None}


def _write(
    session: Session, settings: MailSettings, mailing: Mailing, person: Participant
) -> OutboxMail | None:
    """The recipient's mail, or None when another worker wrote it first (nothing of this one is kept)."""
    try:
        with session.begin_nested():
            token = (
                create_login_link(session, person, settings.login_link_validity)
                if (mailing.kind == MailingKind.INVITATION)
                else None
            )
            text = mail_text(settings, mailing.kind, person, token)
            return queue_mail(
                session,
                person.mission,
                person.email,
                text.subject,
                text.body,
                kind=mailing.kind.value,
                participant_id=person.id,
                mailing_id=mailing.id,
            )
    except IntegrityError:
        return None


def send_mailing(
    factory: sessionmaker[Session], settings: MailSettings, mailing_id: int, progress: Progress
) -> dict[str, Any]:
    """Writes the mails not yet written and delivers those not yet sent; the counts for the job page."""
    with transaction(factory) as session:
        mailing = session.get_one(Mailing, mailing_id)
        ids = [p.id for p in still_concerned(session, mailing, clock.now())]
    progress(stage="sending", done=0, total=len(ids))
    written = skipped = sent = failed = 0
    for start in range(0, len(ids), BATCH):
        with transaction(factory) as session:
            mailing = session.get_one(Mailing, mailing_id)
            done = _already_mailed(session, mailing_id)
            for pid in ids[start : start + BATCH]:
                mail = (
                    None
                    if pid in done
                    else _write(session, settings, mailing, session.get_one(Participant, pid))
                )
                written += mail is not None
                skipped += mail is None
            query = select(OutboxMail).where(
                OutboxMail.mailing_id == mailing_id,
                OutboxMail.participant_id.in_(ids[start : start + BATCH]),
                OutboxMail.sent_at.is_(None),
            )
            batch = list(session.scalars(query))
            deliver_queued(session, settings, batch)
            sent += sum(1 for m in batch if m.sent_at is not None)
            failed += sum(1 for m in batch if m.sent_at is None and m.error)
        progress(stage="sending", done=min(start + BATCH, len(ids)), total=len(ids))
    return {
        "mailing": mailing_id,
        "total": len(ids),
        "written": written,
        "skipped": skipped,
        "sent": sent,
        "failed": failed,
        "smtp": settings.smtp is not None,
    }
