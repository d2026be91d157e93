"""A mission's dates, time zone, description and directory rules, as organisers change them: every rule is
checked here (the page and any other interface only parse), and every wrong field is named at once."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.models.enums import DirectoryVisibility
from missionmatch.services.setup_fields import FieldError, SetupRejected


@dataclass(frozen=True)
class MissionSettings:
    start_date: dt.date
    end_date: dt.date
    timezone: str
    description: str = ""
    directory_visibility: str | None = None  # None keeps the mission's current rule
    show_contact_emails: bool = False


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def update_settings(session: Session, mission: Mission, change: MissionSettings) -> None:
    """Writes every field or none (SetupRejected naming each wrong field)."""
    visibility = change.directory_visibility or mission.directory_visibility.value
    errors = {}
    if visibility not in {v.value for v in DirectoryVisibility}:
        errors["directory_visibility"] = FieldError("unknown_visibility")
    if change.end_date < change.start_date:
        errors["end_date"] = FieldError("mission_ends_before_start")
    if not _known_zone(change.timezone):
        errors["timezone"] = FieldError("unknown_timezone")
    if errors:
        raise SetupRejected(errors)
    mission.start_date, mission.end_date = change.start_date, change.end_date
    mission.timezone = change.timezone
    mission.description = change.description.strip()
    mission.directory_visibility = DirectoryVisibility(visibility)
    mission.show_contact_emails = change.show_contact_emails
    session.flush()
