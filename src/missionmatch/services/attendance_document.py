"""Programme attendance in a mission document: an item's `attendance_recorded_at` (the mission's wall time,
only where attendance was recorded) and a participant's `programme_attended` (item keys, a subset of their
`programme`). Older documents have neither: nothing recorded."""

import datetime as dt
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from missionmatch.clock import instant_to_wall, wall_to_instant
from missionmatch.models import Mission, Participant, ProgrammeItem
from missionmatch.models.programme import programme_registration
from missionmatch.services.export_values import moment


class Checker(Protocol):
    """mission_document's checker, as far as attendance needs it."""

    def add(self, where: str, field: str, reason: str) -> None: ...


def recorded_values(item: ProgrammeItem, zone: str) -> dict[str, Any]:
    recorded = item.attendance_recorded_at
    return {"attendance_recorded_at": moment(instant_to_wall(recorded, zone))} if recorded else {}


def attended_keys(session: Session, mission: Mission) -> dict[int, list[str]]:
    """Participant id -> the keys of the items they came to, in programme order."""
    query = (
        select(programme_registration.c.participant_id, ProgrammeItem.key)
        .join(ProgrammeItem, ProgrammeItem.id == programme_registration.c.programme_item_id)
        .where(ProgrammeItem.mission_id == mission.id, programme_registration.c.attended_at.is_not(None))
        .order_by(ProgrammeItem.id)
    )
    found: dict[int, list[str]] = {}
    for row in session.execute(query):
        found.setdefault(int(row[0]), []).append(str(row[1]))
    return found


def attended_values(person: Participant, attended: dict[int, list[str]]) -> dict[str, Any]:
    keys = attended.get(person.id, [])
    return {"programme_attended": keys} if keys else {}


def check_attendance(check: Checker, person: dict[str, Any], where: str, recorded: set[str]) -> None:
    """`recorded`: the keys of the document's items with an `attendance_recorded_at`."""
    attended = person.get("programme_attended", [])
    if not isinstance(attended, list):
        check.add(where, "programme_attended", "must be a list of programme item keys")
        return
    registered = set(person.get("programme", []))
    for key in attended:
        if key not in registered:
            check.add(where, "programme_attended", f"{key!r} is not in the participant's programme")
        elif key not in recorded:
            check.add(where, "programme_attended", f"{key!r} has no attendance_recorded_at")


def apply_attendance(
    session: Session,
    document: dict[str, Any],
    zone: str,
    items: dict[str, ProgrammeItem],
    people: dict[str, Participant],
) -> None:
    """After the registrations are flushed: each attendee's `attended_at` is the item's recording moment."""
    for item in document.get("programme", []):
        if item.get("attendance_recorded_at"):
            row = items[item["key"]]
            row.attendance_recorded_at = wall_to_instant(
                dt.datetime.fromisoformat(item["attendance_recorded_at"]), zone
            )
    for person in document.get("participants", []):
        for key in person.get("programme_attended", []):
            session.execute(
                update(programme_registration)
                .where(
                    programme_registration.c.programme_item_id == items[key].id,
                    programme_registration.c.participant_id == people[person["key"]].id,
                )
                .values(attended_at=items[key].attendance_recorded_at)
            )
