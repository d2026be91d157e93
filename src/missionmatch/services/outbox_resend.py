"""Sending outbox mails again: each chosen mail is copied as a new mail naming the one it repeats
(`resent_from_id`, shown in the outbox), queued and delivered like any other. The original is left as it was,
so the outbox keeps what was sent when."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Mission, OutboxMail
from missionmatch.services.mail import queue_mail
from missionmatch.services.notifications import deliver_queued
from missionmatch.settings import MailSettings

MAX_RESEND = 500


class ResendRefused(Exception):
    """Nothing was resent: `code` is "none" (nothing chosen) or "unknown" (a mail of another mission)."""

    def __init__(self, code: str, ids: list[int] | None = None) -> None:
        self.code, self.ids = code, ids or []
        super().__init__(f"{code}: {self.ids}")


def resend(session: Session, settings: MailSettings, mission: Mission, ids: list[int]) -> list[OutboxMail]:
    """The new mails, in the order asked; in the caller's transaction."""
    wanted = list(dict.fromkeys(ids))[:MAX_RESEND]
    if not wanted:
        raise ResendRefused("none")
    query = select(OutboxMail).where(OutboxMail.mission_id == mission.id, OutboxMail.id.in_(wanted))
    found = {mail.id: mail for mail in session.scalars(query)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise ResendRefused("unknown", missing)
    copies = [
        queue_mail(
            session,
            mission,
            original.recipient,
            original.subject,
            original.body,
            kind=original.kind,
            participant_id=original.participant_id,
            resent_from_id=original.id,
        )
        for original in (found[i] for i in wanted)
    ]
    deliver_queued(session, settings, copies)
    return copies
