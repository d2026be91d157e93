"""Programme items (forum, workshop, company visit...): create, edit, delete, and who is registered.

A registered participant cannot be given B2B meetings during the item (`scheduling_candidates.busy_windows`),
so registrations matter to the scheduler as much as to the capacity of a visit."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from missionmatch.models import (
    Meeting,
    Mission,
    Organisation,
    Participant,
    ProgrammeItem,
    audit_capture,
    bump_content_revision,
)
from missionmatch.models.enums import ProgrammeKind, Side
from missionmatch.models.meeting import OCCUPYING, meeting_attendee
from missionmatch.models.programme import programme_registration
from missionmatch.sectors import SECTOR_CODES
from missionmatch.services.setup_fields import FieldReader, lock_row, mission_window, refuse

MAX_CAPACITY = 10_000


@dataclass
class ItemFields:
    kind: ProgrammeKind
    title: str
    sector: str | None
    city: str
    venue: str
    address: str
    host_organisation_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int | None
    description: str


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
    title = read.text("title", 300, required=True)
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
        venue=read.text("venue", 200),
        address=read.text("address", 300),
        host_organisation_id=host_id,
        starts_at=starts_at or first,
        ends_at=ends_at or first,
        capacity=read.number("capacity", 1, MAX_CAPACITY, optional=True),
        description=read.text("description", 5000),
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


def update_item(session: Session, item: ProgrammeItem, fields: ItemFields) -> None:
    lock_row(session, ProgrammeItem, item.id)
    registered = registered_count(session, item)
    if fields.capacity is not None and fields.capacity < registered:
        raise refuse("capacity", "capacity_below_registered", registered=registered)
    for name, value in vars(fields).items():
        setattr(item, name, value)
    session.flush()


def delete_item(session: Session, item: ProgrammeItem) -> None:
    """Registrations go with the item; the participants become free for meetings at that time again."""
    session.delete(item)
    session.flush()


def register(session: Session, item: ProgrammeItem, people: list[Participant]) -> int:
    """Registers everyone given (already registered people are skipped); all or nobody when the capacity
    would be exceeded. Returns how many were added."""
    if not people:
        raise refuse("participant_id", "no_participant")
    lock_row(session, ProgrammeItem, item.id)
    query = select(programme_registration.c.participant_id)
    already: set[int] = set(
        session.scalars(query.where(programme_registration.c.programme_item_id == item.id))
    )
    new = [p for p in dict.fromkeys(people) if p.id not in already]
    if item.capacity is not None and len(already) + len(new) > item.capacity:
        left = max(item.capacity - len(already), 0)
        raise refuse("participant_id", "full", left=left, capacity=item.capacity, wanted=len(new))
    if new:
        rows = [{"programme_item_id": item.id, "participant_id": p.id} for p in new]
        session.execute(insert(programme_registration), rows)
        bump_content_revision(session, item.mission_id)  # a bulk insert: no flush sees it
        ids = [p.id for p in new]
        changes: dict[str, tuple[list[int], list[int]]] = {"registered": ([], ids)}
        audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, ids)
    session.expire(item, ["participants"])
    for person in new:
        session.expire(person, ["programme_items"])
    return len(new)


def unregister(session: Session, item: ProgrammeItem, person: Participant) -> None:
    session.execute(
        programme_registration.delete().where(
            programme_registration.c.programme_item_id == item.id,
            programme_registration.c.participant_id == person.id,
        )
    )
    bump_content_revision(session, item.mission_id)  # a bulk delete: no flush sees it
    changes: dict[str, tuple[list[int], list[int]]] = {"registered": ([person.id], [])}
    audit_capture.record(session, item.mission_id, "programme_item", item.id, "updated", changes, [person.id])
    session.expire(item, ["participants"])
    session.expire(person, ["programme_items"])


def unregistered(mission: Mission, item: ProgrammeItem, side: Side | None = None) -> list[Participant]:
    """The mission's participants not yet registered for the item, optionally of one side."""
    taken = {p.id for p in item.participants}
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
