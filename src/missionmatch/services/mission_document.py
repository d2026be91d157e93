"""Checks a mission document (format `missionmatch/mission-v1`, see docs/mission-format.md) before import."""

import datetime as dt
import re
from collections.abc import Collection, Iterable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from missionmatch.models.enums import (
    DirectoryVisibility,
    FollowUp,
    MeetingStatus,
    OrganisationSize,
    ProgrammeKind,
    RequestStatus,
    Side,
)
from missionmatch.models.meeting import OCCUPYING
from missionmatch.sectors import SECTOR_CODES
from missionmatch.services.attendance_document import check_attendance
from missionmatch.services.exclusion_document import check_exclusions
from missionmatch.services.outcome_document import check_outcomes
from missionmatch.services.participant_limits import document_problems
from missionmatch.services.person_names import NAME_ORDERS
from missionmatch.services.problems import Problem
from missionmatch.services.schedule_document import check_versions
from missionmatch.services.text_rules import document_problems as text_problems
from missionmatch.services.waiting_document import check_waiting

FORMAT = "missionmatch/mission-v1"
LANGUAGES = frozenset({"en", "fr", "ja", "de", "lb", "nl", "it", "es", "pt", "zh", "ko"})
Document = dict[str, Any]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: str, field: str, reason: str) -> None:
        self.problems.append(Problem(where, field, reason))

    def required(self, item: dict[str, Any], where: str, *fields: str) -> bool:
        missing = [f for f in fields if item.get(f) in (None, "")]
        for field in missing:
            self.add(where, field, "is required")
        return not missing

    def one_of(
        self, item: dict[str, Any], where: str, field: str, allowed: Iterable[str], optional: bool = False
    ):
        value = item.get(field)
        if value is None and optional:
            return
        if value not in set(allowed):
            self.add(where, field, f"{value!r} is not one of {', '.join(sorted(allowed))}")

    def moment(
        self, item: dict[str, Any], where: str, field: str, optional: bool = False
    ) -> dt.datetime | None:
        value = item.get(field)
        if value is None:
            if not optional:
                self.add(where, field, "is required")
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            self.add(where, field, f"{value!r} is not a date-time like 2025-05-27T14:00")
            return None
        if moment.utcoffset() is not None:
            # the document speaks the mission's wall-clock time only (docs/mission-format.md)
            self.add(
                where,
                field,
                f"{value!r} has an offset; write the mission's local time, like 2025-05-27T14:00",
            )
            return None
        return moment

    def unique_keys(self, items: list[dict[str, Any]], section: str) -> set[str | None]:
        keys: set[str | None] = set()  # a missing key is reported, and goes in too (as it did)
        for index, item in enumerate(items):
            key = item.get("key")
            if not key:
                self.add(f"{section}[{index}]", "key", "is required")
            elif key in keys:
                self.add(f"{section}[{index}]", "key", f"{key!r} is used twice")
            keys.add(key)
        return keys

    def refs(self, values: Iterable[Any], known: Collection[str | None], where: str, field: str) -> None:
        for value in values:
            if value not in known:
                self.add(where, field, f"{value!r} does not exist")


def _double_bookings(meetings: list[dict[str, Any]], check: _Checker) -> None:
    """Two occupying meetings at one table, or one person in two, in the same slot (see meeting.OCCUPYING)."""
    occupying = {status.value for status in OCCUPYING}
    seats: dict[tuple[Any, ...], str] = {}
    for index, meeting in enumerate(meetings):
        if meeting.get("status") not in occupying or None in (meeting.get("session"), meeting.get("slot")):
            continue
        where, place = f"meetings[{index}]", (meeting["session"], meeting["slot"])
        taken = [("table", (*place, "table", meeting["table"]))] if meeting.get("table") is not None else []
        taken += [("participants", (*place, "person", person)) for person in meeting.get("participants", [])]
        for field, seat in taken:
            if seat in seats:
                what = f"table {seat[3]}" if field == "table" else f"participant {seat[3]!r}"
                check.add(where, field, f"{what} is already in meeting {seats[seat]!r} in slot {place[1]}")
            seats.setdefault(seat, str(meeting.get("key")))


CAMPAIGN_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_campaign(campaign: Any, check: _Checker) -> None:
    if campaign is None:
        return
    name = campaign.get("name") if isinstance(campaign, dict) else None
    if not isinstance(name, str) or not name.strip():
        check.add("campaign", "name", "is required: the campaign's name")
        return
    key = campaign.get("key")
    if key is not None and not (isinstance(key, str) and len(key) <= 80 and CAMPAIGN_KEY.fullmatch(key)):
        check.add("campaign", "key", "must be lower-case letters and digits joined by hyphens")


def validate(document: Document) -> list[Problem]:
    """Every problem of the document; an empty list means it can be imported."""
    check = _Checker()
    if not isinstance(document, dict):
        return [Problem("document", "", "is not a JSON object")]
    check.problems.extend(text_problems(document))  # sizes and control characters, every field
    if document.get("format") != FORMAT:
        check.add("document", "format", f"must be {FORMAT!r}")
    mission = document.get("mission") or {}
    start = end = None
    if check.required(mission, "mission", "name", "slug", "origin_country", "host_country", "timezone"):
        try:
            ZoneInfo(mission["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            check.add("mission", "timezone", f"{mission['timezone']!r} is not an IANA time zone")
    try:
        start = dt.date.fromisoformat(mission.get("start_date", ""))
        end = dt.date.fromisoformat(mission.get("end_date", ""))
        if end < start:
            check.add("mission", "end_date", "is before start_date")
    except (TypeError, ValueError):
        check.add("mission", "start_date/end_date", "must be dates like 2025-05-24")
    visibility = [v.value for v in DirectoryVisibility]
    check.one_of(mission, "mission", "directory_visibility", visibility, optional=True)
    _check_campaign(document.get("campaign"), check)
    if not isinstance(mission.get("show_contact_emails", False), bool):
        check.add("mission", "show_contact_emails", "must be true or false")
    opens = check.moment(mission, "mission", "requests_open_at", optional=True)
    closes = check.moment(mission, "mission", "requests_close_at", optional=True)
    if opens and closes and closes <= opens:
        check.add("mission", "requests_close_at", "must be after requests_open_at")
    limit = mission.get("max_open_requests")
    if limit is not None and (type(limit) is not int or limit < 1):
        check.add("mission", "max_open_requests", "must be a whole number from 1, or null (no limit)")
    if not isinstance(mission.get("requests_need_approval", False), bool):
        check.add("mission", "requests_need_approval", "must be true or false")

    def within(moment: dt.datetime | None, where: str, field: str) -> None:
        if moment and start and end and not start <= moment.date() <= end:
            check.add(where, field, f"{moment.isoformat()} is outside the mission dates")

    organisations = document.get("organisations", [])
    org_keys = check.unique_keys(organisations, "organisations")
    host_orgs = {o.get("key") for o in organisations if o.get("side") == Side.HOST}
    names: set[str] = set()
    for index, org in enumerate(organisations):
        where = f"organisations[{index}]"
        check.required(org, where, "name", "country")
        check.one_of(org, where, "side", [s.value for s in Side])
        check.one_of(org, where, "size", [s.value for s in OrganisationSize], optional=True)
        check.refs(org.get("sectors", []), set(SECTOR_CODES), where, "sectors")
        if org.get("name") in names:
            check.add(where, "name", f"{org['name']!r} is used twice")
        names.add(org.get("name"))

    items = document.get("programme", [])
    item_keys = check.unique_keys(items, "programme")
    for index, item in enumerate(items):
        where = f"programme[{index}]"
        check.required(item, where, "title")
        check.one_of(item, where, "kind", [k.value for k in ProgrammeKind])
        if item.get("sector") is not None:
            check.refs([item["sector"]], set(SECTOR_CODES), where, "sector")
        if item.get("host_organisation") is not None and item["host_organisation"] not in host_orgs:
            check.add(where, "host_organisation", f"{item['host_organisation']!r} is not a host organisation")
        starts, ends = check.moment(item, where, "starts_at"), check.moment(item, where, "ends_at")
        if starts and ends and ends <= starts:
            check.add(where, "ends_at", "is not after starts_at")
        within(starts, where, "starts_at")
        check.moment(item, where, "attendance_recorded_at", optional=True)
    recorded = {item.get("key") for item in items if item.get("attendance_recorded_at")}

    sessions = document.get("b2b_sessions", [])
    session_keys = check.unique_keys(sessions, "b2b_sessions")
    session_shape = {}
    session_seats: dict[Any, Any] = {}
    for index, session in enumerate(sessions):
        where = f"b2b_sessions[{index}]"
        check.required(session, where, "name", "slot_minutes", "slot_count", "tables")
        within(check.moment(session, where, "starts_at"), where, "starts_at")
        for field in ("slot_minutes", "slot_count", "tables"):
            if not isinstance(session.get(field), int) or session[field] < 1:
                check.add(where, field, "must be a whole number of at least 1")
        if not isinstance(session.get("seats", 4), int) or session.get("seats", 4) < 2:
            check.add(where, "seats", "must be a whole number of at least 2")
        pairs = set()
        for pool in session.get("interpreters", []):
            languages = pool.get("languages", [])
            if len(languages) != 2 or not isinstance(pool.get("count"), int) or pool["count"] < 0:
                check.add(where, "interpreters", f"{pool!r} needs two languages and a count")
            else:
                pairs.add("-".join(languages))
        session_shape[session.get("key")] = (session.get("slot_count"), session.get("tables"), pairs)
        session_seats[session.get("key")] = session.get("seats", 4)

    participants = document.get("participants", [])
    participant_keys = check.unique_keys(participants, "participants")
    emails: set[str] = set()
    for index, person in enumerate(participants):
        where = f"participants[{index}]"
        check.required(person, where, "email", "first_name", "last_name", "organisation")
        email = str(person.get("email", "")).strip().casefold()
        if email and "@" not in email:
            check.add(where, "email", f"{person['email']!r} is not an e-mail address")
        if email and email in emails:
            check.add(where, "email", f"{person['email']!r} is used twice")
        emails.add(email)
        check.refs([person.get("organisation")], org_keys, where, "organisation")
        check.refs(person.get("programme", []), item_keys, where, "programme")
        check_attendance(check, person, where, recorded)
        check.refs(person.get("languages", []), LANGUAGES, where, "languages")
        check.one_of(person, where, "name_order", NAME_ORDERS, optional=True)
        check.moment(person, where, "arrives_at", optional=True)
        check.moment(person, where, "departs_at", optional=True)
        for number, window in enumerate(person.get("unavailability", [])):
            check.moment(window, f"{where}.unavailability[{number}]", "starts_at")
            check.moment(window, f"{where}.unavailability[{number}]", "ends_at")
        profile = person.get("profile")
        if profile is not None:
            check.one_of(profile, f"{where}.profile", "language", LANGUAGES)
            check.refs(profile.get("sectors", []), set(SECTOR_CODES), f"{where}.profile", "sectors")
    check.problems.extend(document_problems(participants, sessions))
    check_waiting(check, items, participants, participant_keys)

    requests = document.get("meeting_requests", [])
    org_of = {p.get("key"): p.get("organisation") for p in participants}
    request_keys = check.unique_keys(requests, "meeting_requests")
    for index, request in enumerate(requests):
        where = f"meeting_requests[{index}]"
        check.refs([request.get("from"), request.get("to")], participant_keys, where, "from/to")
        check.refs(request.get("attendees", []), participant_keys, where, "attendees")
        sides = {org_of.get(request.get("from")), org_of.get(request.get("to"))}
        for key in request.get("attendees", []):
            if key in org_of and org_of[key] not in sides:
                check.add(
                    where, "attendees", f"{key!r} is of neither the requester's nor the recipient's company"
                )
        if request.get("from") == request.get("to"):
            check.add(where, "to", "a participant cannot request a meeting with themselves")
        check.one_of(request, where, "status", [s.value for s in RequestStatus])
        if request.get("priority") not in (1, 2, 3):
            check.add(where, "priority", "must be 1, 2 or 3")
        if not isinstance(request.get("must_meet", False), bool):
            check.add(where, "must_meet", "must be true or false")
        if request.get("reminders_sent", 0) not in (0, 1, 2):
            check.add(where, "reminders_sent", "must be 0, 1 or 2")
        check.moment(request, where, "created_at")
        check.moment(request, where, "expires_at", optional=True)

    meetings = document.get("meetings", [])
    meeting_keys = check.unique_keys(meetings, "meetings")
    for index, meeting in enumerate(meetings):
        where = f"meetings[{index}]"
        people = meeting.get("participants", [])
        if len(set(people)) < 2:
            check.add(where, "participants", "a meeting needs at least two different participants")
        check.refs(people, participant_keys, where, "participants")
        check.one_of(meeting, where, "status", [s.value for s in MeetingStatus])
        if meeting.get("request") is not None:
            check.refs([meeting["request"]], request_keys, where, "request")
        if meeting.get("session") is not None:
            if meeting["session"] not in session_keys:
                check.add(where, "session", f"{meeting['session']!r} does not exist")
            else:
                slots, tables, pairs = session_shape[meeting["session"]]
                if meeting.get("slot") is not None and not 0 <= meeting["slot"] < (slots or 0):
                    check.add(where, "slot", f"{meeting['slot']} is not a slot of the session")
                if meeting.get("table") is not None and not 0 <= meeting["table"] < (tables or 0):
                    check.add(where, "table", f"{meeting['table']} is not a table of the session")
                seats = session_seats[meeting["session"]]
                if meeting.get("table") is not None and isinstance(seats, int) and len(people) > seats:
                    check.add(where, "participants", f"{len(people)} attendees, a table seats {seats}")
                if meeting.get("interpreter") is not None and meeting["interpreter"] not in pairs:
                    check.add(
                        where, "interpreter", f"{meeting['interpreter']!r} is not offered in the session"
                    )
    _double_bookings(meetings, check)

    check_outcomes(check, document, org_keys, meeting_keys)
    check_versions(check, document, meeting_keys, participant_keys)
    check_exclusions(check, document, participant_keys)
    for index, feedback in enumerate(document.get("feedback", [])):
        where = f"feedback[{index}]"
        check.refs([feedback.get("meeting")], meeting_keys, where, "meeting")
        check.refs([feedback.get("author")], participant_keys, where, "author")
        if feedback.get("rating") not in (1, 2, 3, 4, 5):
            check.add(where, "rating", "must be 1 to 5")
        check.one_of(feedback, where, "follow_up", [f.value for f in FollowUp])
    return check.problems
