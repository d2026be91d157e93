"""When a place of a programme item frees up (a registration cancelled, a participant withdrawn, the capacity
raised), the first on the waiting list who can come is registered in the same transaction and mailed.

Registration by an organiser accepts someone busy at that time (the clashes are listed and replanning moves
the meetings), but an automatic promotion has nobody to decide: a participant registered for another item at
that time, or with a meeting placed then, is skipped and keeps their place for the next free place (or for an
organiser's promotion by hand). Withdrawn and erased participants are skipped too."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from missionmatch.models import Meeting, OutboxMail, Participant, ProgrammeItem, audit_capture
from missionmatch.models.audit_actor import operation
from missionmatch.models.meeting import OCCUPYING, meeting_attendee
from missionmatch.models.programme import programme_registration
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.mail import queue_mail
from missionmatch.services.notifications import participant_translator
from missionmatch.services.setup_fields import refuse
from missionmatch.settings import MailSettings


@dataclass(frozen=True)
class Blocker:
    """Why a waiting participant was not promoted: "programme" (another item, `what` its title), "meeting"
    (a placed B2B meeting, `what` its key) or "gone" (withdrawn or erased)."""

    kind: str
    what: str
    starts_at: dt.datetime | None = None


@dataclass
class Promotions:
    promoted: list[tuple[ProgrammeItem, Participant]] = field(default_factory=list)
    skipped: list[tuple[ProgrammeItem, Participant, Blocker]] = field(default_factory=list)
    mails: list[OutboxMail] = field(default_factory=list)  # queued; deliver them after the commit

    def extend(self, other: "Promotions") -> None:
        self.promoted += other.promoted
        self.skipped += other.skipped
        self.mails += other.mails


def _overlaps(start: dt.datetime, end: dt.datetime, item: ProgrammeItem) -> bool:
    return start < item.ends_at and item.starts_at < end


def blocker(session: Session, item: ProgrammeItem, person: Participant) -> Blocker | None:
    """What keeps `person` from being promoted into `item` automatically, or None."""
    if person.withdrawn_at is not None or person.erased_at is not None:
        return Blocker("gone", person.full_name)
    for other in sorted(person.programme_items, key=lambda i: (i.starts_at, i.id)):
        if other.id != item.id and _overlaps(other.starts_at, other.ends_at, item):
            return Blocker("programme", other.title, other.starts_at)
    query = (
        select(Meeting)
        .join(meeting_attendee, meeting_attendee.c.meeting_id == Meeting.id)
        .where(
            meeting_attendee.c.participant_id == person.id,
            Meeting.status.in_(OCCUPYING),
            Meeting.slot.is_not(None),
        )
        .order_by(Meeting.id)
    )
    for meeting in session.scalars(query):
        times = meeting.session.slot_times() if meeting.session is not None else []
        if meeting.slot is not None and meeting.slot < len(times):
            start, end = times[meeting.slot]
            if _overlaps(start, end, item):
                return Blocker("meeting", meeting.key, start)
    return None


def _promotion_mail(
    session: Session, mail: MailSettings, item: ProgrammeItem, person: Participant
) -> OutboxMail:
    t = participant_translator(person)
    subject = t.gettext("A place is free for you: %(item)s", item=item.title)
    body = t.gettext(
        "Hello %(name)s,\n\nA place became free in %(item)s (%(when)s) and you were next on the waiting "
        "list: you are now registered.\n\nYour agenda: %(link)s\n",
        name=person.full_name,
        item=item.title,
        when=item.starts_at.strftime("%Y-%m-%d %H:%M"),
        link=f"{mail.base_url}/me/agenda",
    )
    return queue_mail(
        session, item.mission, person.email, subject, body, kind="programme", participant_id=person.id
    )


def _register_waiting(
    session: Session, mail: MailSettings, item: ProgrammeItem, person: Participant, found: Promotions
) -> None:
    waiting.remove(session, item, person)
    session.execute(
        insert(programme_registration), [{"programme_item_id": item.id, "participant_id": person.id}]
    )
    changes: dict[str, tuple[list[int], list[int]]] = {"registered": ([], [person.id])}  # a bulk insert
    audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, [person.id])
    session.expire(item, ["participants"])
    session.expire(person, ["programme_items"])
    found.promoted.append((item, person))
    found.mails.append(_promotion_mail(session, mail, item, person))


def fill_places(session: Session, mail: MailSettings, item: ProgrammeItem) -> Promotions:
    """Promotes from the waiting list, in order, while places are free. The caller holds
    `programme_waiting.places_lock` (taken again here: re-entrant) and commits."""
    waiting.places_lock(session, item)
    with operation(session, "promote_waiting"):  # inside a withdrawal, part of the withdrawal
        return _fill_places(session, mail, item)


def _fill_places(session: Session, mail: MailSettings, item: ProgrammeItem) -> Promotions:
    found = Promotions()
    free = waiting.free_places(session, item)
    for entry in waiting.entries(session, item):
        if free is not None and free <= 0:
            break
        person = entry.participant
        reason = blocker(session, item, person)
        if reason is not None:
            found.skipped.append((item, person, reason))
            continue
        _register_waiting(session, mail, item, person, found)
        free = None if free is None else free - 1
    session.flush()
    return found


def promote(session: Session, mail: MailSettings, item: ProgrammeItem, person: Participant) -> Promotions:
    """An organiser registers a waiting participant now, out of turn and whatever they are busy with (as a
    registration by hand); refused when the item is full."""
    waiting.places_lock(session, item)
    if waiting.position_of(session, item, person) is None:
        raise refuse("participant_id", "not_waiting")
    free = waiting.free_places(session, item)
    if free is not None and free <= 0:
        raise refuse("participant_id", "no_place_left", capacity=item.capacity)
    found = Promotions()
    with operation(session, "promote_waiting"):
        _register_waiting(session, mail, item, person, found)
    return found
