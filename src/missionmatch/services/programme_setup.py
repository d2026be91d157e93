"""Programme items (forum, workshop, company visit...): create, edit, delete, and who is registered.

A registered participant cannot be given B2B meetings during the item (`scheduling_candidates.busy_windows`),
so registrations matter to the scheduler as much as to the capacity of a visit."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from missionmatch.clock import now
from missionmatch.localized import content_languages
from missionmatch.models import (
    Meeting,
    Mission,
    Organisation,
    Participant,
    ProgrammeItem,
    audit_capture,
)
from missionmatch.models.enums import ProgrammeKind, Side
from missionmatch.models.meeting import OCCUPYING, meeting_attendee
from missionmatch.models.programme import programme_registration
from missionmatch.sectors import SECTOR_CODES
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.programme_promotion import Promotions, fill_places
from missionmatch.services.session_texts import set_localized_texts
from missionmatch.services.setup_fields import FieldReader, lock_row, mission_window, refuse
from missionmatch.settings import MailSettings

MAX_CAPACITY = 10_000


@dataclass
class ItemFields:
    kind: ProgrammeKind
    title: dict[str, str]  # language -> text
    sector: str | None
    city: str
    venue: dict[str, str]
    address: str
    host_organisation_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int | None
    description: dict[str, str]


@dataclass
class Clash:
    """A registered participant with a scheduled B2B meeting during the item: replanning will move it."""

    participant: Participant
    meeting: Meeting
    starts_at: dt.datetime


def host_organisations(mission: Mission) -> list[Organisation]:
    return [o for o in mission.organisations if o.side == Side.HOST]


def read_item(mission: Mission, form: Mapping[str, str]) -> ItemFields:
    """The item described by a submitted form; raises SetupRejected naming every wrong field."""
    read = FieldReader(form)
    kind = form.get("kind", "")
    if kind not in {k.value for k in ProgrammeKind}:
        read.fail("kind", "unknown_kind")
    languages = content_languages(mission.default_language, mission.languages)
    title = read.localized("title", 300, languages, required=True)
    sector = form.get("sector", "").strip() or None
    if sector is not None and sector not in SECTOR_CODES:
        read.fail("sector", "unknown_sector")
    host_id: int | None = None
    if form.get("host_organisation_id", "").strip():
        hosts = {str(o.id): o.id for o in host_organisations(mission)}
        host_id = hosts.get(form["host_organisation_id"].strip())
        if host_id is None:
            read.fail("host_organisation_id", "unknown_host")
    starts_at, ends_at = read.moment("starts_at"), read.moment("ends_at")
    first, last = mission_window(mission)
    if starts_at and not first <= starts_at < last:
        read.fail("starts_at", "outside_mission", first=mission.start_date, last=mission.end_date)
    if ends_at and not first < ends_at <= last:
        read.fail("ends_at", "outside_mission", first=mission.start_date, last=mission.end_date)
    if starts_at and ends_at and ends_at <= starts_at:
        read.fail("ends_at", "end_before_start")
    fields = ItemFields(
        kind=ProgrammeKind(kind) if "kind" not in read.errors else ProgrammeKind.OTHER,
        title=title,
        sector=sector,
        city=read.text("city", 100),
        venue=read.localized("venue", 200, languages),
        address=read.text("address", 300),
        host_organisation_id=host_id,
        starts_at=starts_at or first,
        ends_at=ends_at or first,
        capacity=read.number("capacity", 1, MAX_CAPACITY, optional=True),
        description=read.localized("description", 5000, languages),
    )
    read.done()
    return fields


def registered_count(session: Session, item: ProgrammeItem) -> int:
    """Read from the database, not from the loaded collection, which another transaction may have changed."""
    query = select(func.count()).where(programme_registration.c.programme_item_id == item.id)
    return session.scalar(query.select_from(programme_registration)) or 0


def create_item(session: Session, mission: Mission, fields: ItemFields) -> ProgrammeItem:
    item = ProgrammeItem(mission=mission, **vars(fields))
    session.add(item)
    session.flush()
    return item


def update_item(session: Session, mail: MailSettings, item: ProgrammeItem, fields: ItemFields) -> Promotions:
    """Saves the item; a raised capacity promotes from the waiting list (the mails are returned queued)."""
    lock_row(session, ProgrammeItem, item.id)  # the item's row before the mission's, as attendance does
    waiting.places_lock(session, item)
    registered = registered_count(session, item)
    if fields.capacity is not None and fields.capacity < registered:
        raise refuse("capacity", "capacity_below_registered", registered=registered)
    for name, value in vars(fields).items():
        setattr(item, name, value)
    session.flush()
    return fill_places(session, mail, item)


def delete_item(session: Session, item: ProgrammeItem) -> None:
    """Registrations and the waiting list go with the item; the participants become free for meetings at that
    time again."""
    session.delete(item)
    session.flush()


@dataclass
class Registration:
    added: list[Participant] = field(default_factory=list)
    waiting: list[tuple[Participant, int]] = field(default_factory=list)  # put on the list, with the position


def register(session: Session, item: ProgrammeItem, people: list[Participant]) -> Registration:
    """Registers everyone given, in order, while places are left; the others go to the end of the waiting
    list (already registered or waiting people are skipped)."""
    if not people:
        raise refuse("participant_id", "no_participant")
    waiting.places_lock(session, item)
    already = waiting.registered_ids(session, item)
    new = [p for p in dict.fromkeys(people) if p.id not in already]
    free = waiting.free_places(session, item)
    result = Registration()
    result.added = new if free is None else new[:free]
    if result.added:
        rows = [{"programme_item_id": item.id, "participant_id": p.id} for p in result.added]
        session.execute(insert(programme_registration), rows)
        ids = [p.id for p in result.added]  # a bulk insert: no flush, so no audit entry, sees it
        changes: dict[str, tuple[list[int], list[int]]] = {"registered": ([], ids)}
        audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, ids)
    queued = {entry.participant_id for entry in waiting.entries(session, item)}
    late = [p for p in new if p not in result.added and p.id not in queued]
    if late:
        waiting.join(session, item, late, now())
        result.waiting = [(p, waiting.position_of(session, item, p) or 0) for p in late]
    for person in result.added:
        waiting.remove(session, item, person)  # someone waiting whom the organiser registers by name
    session.expire(item, ["participants"])
    for person in new:
        session.expire(person, ["programme_items"])
    return result


def unregister(session: Session, mail: MailSettings, item: ProgrammeItem, person: Participant) -> Promotions:
    """Cancels a registration; the place goes to the first on the waiting list who can come."""
    waiting.places_lock(session, item)
    session.execute(
        programme_registration.delete().where(
            programme_registration.c.programme_item_id == item.id,
            programme_registration.c.participant_id == person.id,
        )
    )
    changes: dict[str, tuple[list[int], list[int]]] = {"registered": ([person.id], [])}  # a bulk delete
    audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, [person.id])
    session.expire(item, ["participants"])
    session.expire(person, ["programme_items"])
    return fill_places(session, mail, item)


def unregistered(
    session: Session, mission: Mission, item: ProgrammeItem, side: Side | None = None
) -> list[Participant]:
    """The mission's participants neither registered for the item nor waiting for it, optionally of one
    side."""
    taken = {p.id for p in item.participants} | {e.participant_id for e in waiting.entries(session, item)}
    return [
        p for p in mission.participants if p.id not in taken and (side is None or p.organisation.side == side)
    ]


def clashes(session: Session, item: ProgrammeItem) -> list[Clash]:
    """Scheduled meetings of registered participants that overlap the item, in time order."""
    registered = select(programme_registration.c.participant_id).where(
        programme_registration.c.programme_item_id == item.id
    )
    query = (
        select(Meeting, Participant)
        .join(meeting_attendee, meeting_attendee.c.meeting_id == Meeting.id)
        .join(Participant, Participant.id == meeting_attendee.c.participant_id)
        .where(Participant.id.in_(registered), Meeting.status.in_(OCCUPYING), Meeting.slot.is_not(None))
    )
    found = []
    for meeting, person in session.execute(query):
        slot = meeting.slot
        assert slot is not None  # the query keeps placed meetings only
        times = meeting.session.slot_times() if meeting.session is not None else []
        if slot < len(times):
            start, end = times[slot]
            if start < item.ends_at and item.starts_at < end:
                found.append(Clash(person, meeting, start))
    return sorted(found, key=lambda c: (c.starts_at, c.participant.id, c.meeting.id))


TEXT_FIELDS = ("title", "venue", "description")


def set_texts(session: Session, item: ProgrammeItem, texts: Mapping[str, object]) -> None:
    """An item's title (required), venue and description (services/session_texts.py says how)."""
    set_localized_texts(session, item, texts, "programme item", "title")
