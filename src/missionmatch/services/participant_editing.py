"""An organiser adds or edits one participant: identity, organisation, languages, arrival and departure, the
windows they cannot meet, meeting limits and hosted table, and their profile written on their behalf.

The same rules as the sheet import (`participant_fields`, `participant_limits`, `profiles`, `text_rules`);
every wrong field is named (`SetupRejected`) and nothing is written."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Meeting, MeetingRequest, Mission, Organisation, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.models.participant import Unavailability
from missionmatch.services import profiles
from missionmatch.services.participant_fields import email_error, text_error
from missionmatch.services.participant_limits import (
    MAX_MEETINGS,
    MAX_TABLE,
    MeetingLimits,
    check_limits,
    smallest_session_tables,
    tables_kept,
)
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import FieldError, FieldReader

TEXT_FIELDS = ("first_name", "last_name", "email", "job_title", "timezone", "offers", "needs")
OPEN_REQUESTS = (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING, RequestStatus.ACCEPTED)
# the profile's own fields, as the form names them (profiles.profile_problems names them otherwise)
_PROFILE_NAMES = {"language": "profile_language", "sectors": "profile_sectors"}


@dataclass(frozen=True)
class ParticipantInput:
    """The submitted form: text fields by name, and the chosen languages and profile sectors."""

    values: Mapping[str, str]
    languages: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)


def window_indexes(values: Mapping[str, str]) -> list[int]:
    """The numbers of the unavailability rows in a form (`unavailable_0_starts`, ...), in order."""
    found = {int(name.split("_")[1]) for name in values if name.startswith("unavailable_")}
    return sorted(i for i in found if 0 <= i < 100)


def _optional_moment(read: FieldReader, name: str) -> dt.datetime | None:
    return read.moment(name) if read.form.get(name, "").strip() else None


def _windows(read: FieldReader) -> list[Unavailability]:
    windows = []
    for index in window_indexes(read.form):
        prefix = f"unavailable_{index}_"
        starts, ends = (
            read.form.get(prefix + "starts", "").strip(),
            read.form.get(prefix + "ends", "").strip(),
        )
        if read.form.get(prefix + "remove") or not (starts or ends):
            continue
        start, end = read.moment(prefix + "starts"), read.moment(prefix + "ends")
        reason = read.text(prefix + "reason", 200)
        if start and end and end <= start:
            read.fail(prefix + "ends", "end_before_start")
        elif start and end:
            windows.append(Unavailability(starts_at=start, ends_at=end, reason=reason))
    return windows


def has_schedule(session: Session, participant: Participant) -> bool:
    """Whether the participant has a meeting not cancelled or an open request (their side then stays)."""
    meetings = select(Meeting.id).where(
        Meeting.participants.contains(participant), Meeting.status != MeetingStatus.CANCELLED
    )
    requests = select(MeetingRequest.id).where(
        (MeetingRequest.requester_id == participant.id) | (MeetingRequest.recipient_id == participant.id),
        MeetingRequest.status.in_(OPEN_REQUESTS),
    )
    return session.scalar(meetings.limit(1)) is not None or session.scalar(requests.limit(1)) is not None


def _organisation(read: FieldReader, mission: Mission) -> Organisation | None:
    chosen = read.form.get("organisation", "").strip()
    found = next((o for o in mission.organisations if str(o.id) == chosen), None)
    if found is None:
        read.fail("organisation", "required" if not chosen else "unknown_organisation")
    return found


def _check_identity(read: FieldReader, mission: Mission, participant: Participant | None) -> str:
    for name in TEXT_FIELDS:
        if error := text_error(read.form.get(name, ""), name):
            read.errors.setdefault(name, error)
    read.text("first_name", 100, required=True)
    read.text("last_name", 100, required=True)
    email = read.text("email", 254, required=True).lower()
    registered = {p.email for p in mission.participants if p is not participant}
    if email and (wrong := email_error(email, registered)):
        read.errors.setdefault("email", wrong)
    zone = read.form.get("timezone", "").strip()
    if zone and zone not in available_timezones():
        read.fail("timezone", "unknown_timezone")
    return email


def save_participant(
    session: Session, mission: Mission, participant: Participant | None, form: ParticipantInput
) -> Participant:
    """Creates (participant None) or updates a participant of the mission; raises SetupRejected."""
    lock_schedule(session, mission.id)  # hosted tables and meetings are read afresh, one organiser at a time
    read = FieldReader(form.values)
    email = _check_identity(read, mission, participant)
    organisation = _organisation(read, mission)
    arrives, departs = _optional_moment(read, "arrives_at"), _optional_moment(read, "departs_at")
    if arrives and departs and departs <= arrives:
        read.fail("departs_at", "end_before_start")
    windows = _windows(read)
    limits = MeetingLimits(
        min_meetings=read.number("min_meetings", 0, MAX_MEETINGS, optional=True),
        max_meetings=read.number("max_meetings", 0, MAX_MEETINGS, optional=True),
        hosted_table=read.number("hosted_table", 1, MAX_TABLE, optional=True),
    )
    taken = tables_kept(mission, lambda p: p.organisation_id, besides=participant)
    tables = smallest_session_tables(mission)
    organisation_id = organisation.id if organisation else None
    for name, error in check_limits(limits, tables, organisation_id, taken).items():
        read.errors.setdefault(name, error)
    if organisation is not None:
        moving = participant is not None and participant.organisation.side != organisation.side
        if moving and participant is not None and has_schedule(session, participant):
            read.fail("organisation", "side_in_use")
    language = form.values.get("profile_language", "").strip()
    offers, needs = form.values.get("offers", ""), form.values.get("needs", "")
    for name, code in profiles.profile_problems(
        language, offers, needs, form.sectors, form.languages
    ).items():
        read.errors.setdefault(_PROFILE_NAMES.get(name, name), FieldError("profile_" + code))
    read.done()
    assert organisation is not None  # read.done() raised otherwise
    person = participant or Participant(mission=mission, email=email, first_name="", last_name="")
    person.organisation = organisation
    person.email = email
    person.first_name = form.values["first_name"].strip()
    person.last_name = form.values["last_name"].strip()
    person.job_title = form.values.get("job_title", "").strip()
    person.timezone = form.values.get("timezone", "").strip() or None
    person.arrives_at, person.departs_at = arrives, departs
    person.min_meetings, person.max_meetings = limits.min_meetings, limits.max_meetings
    person.hosted_table = limits.hosted_table
    person.unavailability = windows
    session.add(person)
    profiles.save_profile(
        session,
        person,
        language=language,
        offers=offers,
        needs=needs,
        sectors=form.sectors,
        spoken=form.languages,
        name_order=form.values.get("name_order", ""),
    )
    return person
