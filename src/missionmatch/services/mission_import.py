"""Creates a whole mission from a mission document, in one transaction."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.clock import WallTime, now, wall_to_instant
from missionmatch.models import (
    B2BSession,
    Campaign,
    InterpreterPool,
    Meeting,
    MeetingRequest,
    Mission,
    Organisation,
    Participant,
    Profile,
    ProgrammeItem,
    Unavailability,
)
from missionmatch.models.enums import (
    DirectoryVisibility,
    MeetingStatus,
    OrganisationSize,
    ProgrammeKind,
    RequestStatus,
    Side,
)
from missionmatch.services.attendance_document import apply_attendance
from missionmatch.services.campaigns import campaign_named
from missionmatch.services.exclusion_document import exclusions_from
from missionmatch.services.mission_document import Document, validate
from missionmatch.services.outcome_document import agreement_from, feedback_from
from missionmatch.services.person_names import name_order
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.schedule_document import version_from
from missionmatch.services.waiting_document import apply_waiting


def _moment(value: str | None) -> WallTime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _instant(value: str | None, zone: str) -> dt.datetime | None:
    """A time stamp of the document (written as the mission's wall-clock time) as the instant it names."""
    return wall_to_instant(dt.datetime.fromisoformat(value), zone) if value else None


def _campaign(session: Session, data: dict | None) -> Campaign | None:
    if not data:
        return None
    return campaign_named(session, data["name"], data.get("description", ""), data.get("key"))


def import_mission(session: Session, document: Document, *, replace: bool = False) -> Mission:
    """Validates then writes everything, or raises InputRejected and writes nothing.

    With `replace`, a mission of the same name is deleted first (used to reload the demo idempotently)."""
    problems = validate(document)
    data = document.get("mission", {})
    existing = session.scalar(select(Mission).where(Mission.name == data.get("name")))
    if existing is None:
        existing = session.scalar(select(Mission).where(Mission.slug == data.get("slug")))
    if existing is not None and not replace:
        problems.append(Problem("mission", "name", f"a mission {data.get('name')!r} already exists"))
    if problems:
        raise InputRejected(problems)
    if existing is not None:
        session.delete(existing)
        session.flush()

    mission = Mission(
        campaign=_campaign(session, document.get("campaign")),
        name=data["name"],
        slug=data["slug"],
        origin_country=data["origin_country"],
        host_country=data["host_country"],
        cities=list(data.get("cities", [])),
        start_date=dt.date.fromisoformat(data["start_date"]),
        end_date=dt.date.fromisoformat(data["end_date"]),
        timezone=data["timezone"],
        languages=list(data.get("languages", [])),
        description=data.get("description", ""),
        organiser=data.get("organiser", ""),
        directory_visibility=DirectoryVisibility(data.get("directory_visibility", "other_side")),
        show_contact_emails=data.get("show_contact_emails", False),
        requests_open_at=_instant(data.get("requests_open_at"), data["timezone"]),
        requests_close_at=_instant(data.get("requests_close_at"), data["timezone"]),
        max_open_requests=data.get("max_open_requests"),
        requests_need_approval=data.get("requests_need_approval", False),
    )
    session.add(mission)

    organisations = {}
    for org in document.get("organisations", []):
        organisations[org["key"]] = Organisation(
            mission=mission,
            key=org["key"],
            name=org["name"],
            side=Side(org["side"]),
            country=org["country"],
            city=org.get("city", ""),
            sectors=list(org.get("sectors", [])),
            size=OrganisationSize(org["size"]) if org.get("size") else None,
            website=org.get("website", ""),
            description=org.get("description", ""),
            description_language=org.get("description_language"),
        )
    items = {}
    for item in document.get("programme", []):
        host = item.get("host_organisation")
        items[item["key"]] = ProgrammeItem(
            mission=mission,
            key=item["key"],
            kind=ProgrammeKind(item["kind"]),
            title=item["title"],
            sector=item.get("sector"),
            city=item.get("city", ""),
            venue=item.get("venue", ""),
            address=item.get("address", ""),
            host_organisation=organisations[host] if host else None,
            starts_at=_moment(item["starts_at"]),
            ends_at=_moment(item["ends_at"]),
            capacity=item.get("capacity"),
            description=item.get("description", ""),
        )
    sessions = {}
    for block in document.get("b2b_sessions", []):
        sessions[block["key"]] = B2BSession(
            mission=mission,
            key=block["key"],
            name=block["name"],
            city=block.get("city", ""),
            venue=block.get("venue", ""),
            starts_at=_moment(block["starts_at"]),
            slot_minutes=block["slot_minutes"],
            slot_count=block["slot_count"],
            breaks=[dict(b) for b in block.get("breaks", [])],
            tables=block["tables"],
            seats=block.get("seats", 4),
            interpreters=[
                InterpreterPool(
                    language_a=pool["languages"][0], language_b=pool["languages"][1], count=pool["count"]
                )
                for pool in block.get("interpreters", [])
            ],
        )
    people = {}
    for person in document.get("participants", []):
        profile = person.get("profile")
        people[person["key"]] = Participant(
            mission=mission,
            key=person["key"],
            email=person["email"].strip().lower(),
            first_name=person["first_name"],
            last_name=person["last_name"],
            organisation=organisations[person["organisation"]],
            job_title=person.get("job_title", ""),
            name_order=name_order(person.get("name_order")),
            languages=list(person.get("languages", [])),
            timezone=person.get("timezone"),
            arrives_at=_moment(person.get("arrives_at")),
            departs_at=_moment(person.get("departs_at")),
            min_meetings=person.get("min_meetings"),
            max_meetings=person.get("max_meetings"),
            hosted_table=person.get("hosted_table"),
            unavailability=[
                Unavailability(
                    starts_at=_moment(w["starts_at"]),
                    ends_at=_moment(w["ends_at"]),
                    reason=w.get("reason", ""),
                )
                for w in person.get("unavailability", [])
            ],
            programme_items=[items[key] for key in person.get("programme", [])],
            profile=None
            if profile is None
            else Profile(
                language=profile["language"],
                offers=profile.get("offers", ""),
                needs=profile.get("needs", ""),
                sectors=list(profile.get("sectors", [])),
                keywords=list(profile.get("keywords", [])),
            ),
        )
    requests = {}
    for request in document.get("meeting_requests", []):
        requests[request["key"]] = MeetingRequest(
            mission=mission,
            key=request["key"],
            requester=people[request["from"]],
            recipient=people[request["to"]],
            priority=request["priority"],
            message=request.get("message", ""),
            status=RequestStatus(request["status"]),
            created_at=_instant(request["created_at"], mission.timezone),
            expires_at=_instant(request.get("expires_at"), mission.timezone),
            rejection_reason=request.get("rejection_reason", ""),
            to_organisation=bool(request.get("to_organisation", False)),
            companions=[people[key] for key in request.get("attendees", [])],
            must_meet=request.get("must_meet", False),
            reminders_sent=request.get("reminders_sent", 0),
        )
    meetings = {}
    for meeting in document.get("meetings", []):
        meetings[meeting["key"]] = Meeting(
            mission=mission,
            key=meeting["key"],
            participants=[people[k] for k in meeting["participants"]],
            request=requests[meeting["request"]] if meeting.get("request") else None,
            session=sessions[meeting["session"]] if meeting.get("session") else None,
            slot=meeting.get("slot"),
            table=meeting.get("table"),
            interpreter=meeting.get("interpreter"),
            status=MeetingStatus(meeting["status"]),
        )
    # SQLAlchemy 2 no longer cascades through backrefs: everything is added explicitly.
    session.add_all(
        [
            *organisations.values(),
            *items.values(),
            *sessions.values(),
            *people.values(),
            *requests.values(),
            *meetings.values(),
        ]
    )
    session.flush()  # the registrations exist: attendance marks some of them
    apply_attendance(session, document, mission.timezone, items, people)
    apply_waiting(session, document, items, people, now())
    for agreement in document.get("agreements", []):
        session.add(agreement_from(agreement, mission, organisations, meetings))
    for feedback in document.get("feedback", []):
        session.add(feedback_from(feedback, mission.timezone, meetings, people))
    session.flush()
    session.add_all([version_from(version, mission) for version in document.get("schedule_versions", [])])
    session.add_all(exclusions_from(document, mission.timezone, people))
    session.flush()
    return mission
