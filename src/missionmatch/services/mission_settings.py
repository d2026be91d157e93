"""A mission's dates, time zone, description, directory rules and meeting request rules, as organisers change
them: every rule is checked here (the page and any other interface only parse), and every wrong field is
named at once."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.clock import WallTime, wall_to_instant
from missionmatch.localized import LocalizedText, content_languages, resolve
from missionmatch.models import Mission
from missionmatch.models.enums import DirectoryVisibility, RequestStatus
from missionmatch.services.setup_fields import FieldError, SetupRejected


@dataclass(frozen=True)
class MissionSettings:
    start_date: dt.date
    end_date: dt.date
    timezone: str
    # a plain string: the default language's text (the translations stay); a map: the languages a form
    # shows, each replacing its text (blank: removed), the others kept; None keeps the text as it is
    description: str | Mapping[str, str] | None = ""
    directory_visibility: str | None = None  # None keeps the mission's current rule
    show_contact_emails: bool = False
    # the request window, read on the mission's clocks (None: no bound), and the per-participant limit
    requests_open_at: WallTime | None = None
    requests_close_at: WallTime | None = None
    max_open_requests: int | None = None
    requests_need_approval: bool = False
    name: Mapping[str, str] | None = None  # as `description`, a map only; None keeps the name


MOST_OPEN_REQUESTS = 1000
TEXT_LIMITS = {"name": 200, "description": 5000}


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _answers_due_at(mission: Mission, close: dt.datetime) -> None:
    """A moved window close moves the expiry of the requests still waiting for an answer (those already
    past their expiry stay expired)."""
    now = clock.now()
    for request in mission.meeting_requests:
        if request.status_at(now) == RequestStatus.PENDING:
            request.expires_at = close


def _merged(current: LocalizedText, given: Mapping[str, str]) -> dict[str, str]:
    """The texts once a form showing some languages is saved: those given replace theirs, the others stay."""
    texts = {**current.texts, **{code: text.strip() for code, text in given.items()}}
    return {code: text for code, text in texts.items() if text}


def _text_errors(mission: Mission, field: str, given: Mapping[str, str]) -> dict[str, FieldError]:
    """Each language's text too long, named as the form names it (`name`, `name_fr`)."""
    default = content_languages(mission.default_language, mission.languages)[0]
    limit = TEXT_LIMITS[field]
    return {
        field if code == default else f"{field}_{code}": FieldError("too_long", {"limit": limit})
        for code, text in given.items()
        if len(text.strip()) > limit
    }


def _name_errors(session: Session, mission: Mission, given: Mapping[str, str]) -> dict[str, FieldError]:
    errors = _text_errors(mission, "name", given)
    texts = _merged(mission.name, given)
    plain = resolve(texts, None, mission.default_language)
    if not texts:
        errors["name"] = FieldError("required")
    elif session.scalar(select(Mission.id).where(Mission.name == plain, Mission.id != mission.id)):
        errors["name"] = FieldError("mission_name_taken")  # the default language's name is unique
    return errors


def _write_texts(mission: Mission, change: MissionSettings) -> None:
    if change.name is not None:
        mission.name = _merged(mission.name, change.name)
    if isinstance(change.description, str):
        mission.description = change.description.strip()
    elif change.description is not None:
        mission.description = _merged(mission.description, change.description)


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
    opens, closes = change.requests_open_at, change.requests_close_at
    if opens is not None and closes is not None and closes <= opens:
        errors["requests_close_at"] = FieldError("end_before_start")
    first_b2b = min((b2b.starts_at for b2b in mission.b2b_sessions), default=None)  # wall times, like closes
    if (
        closes is not None
        and first_b2b is not None
        and closes > first_b2b
        and "requests_close_at" not in errors
    ):
        # requests answered after the meetings began could not be scheduled: the window closes before
        errors["requests_close_at"] = FieldError(
            "window_after_b2b", {"start": first_b2b.strftime("%Y-%m-%d %H:%M")}
        )
    limit = change.max_open_requests
    if limit is not None and not 1 <= limit <= MOST_OPEN_REQUESTS:
        errors["max_open_requests"] = FieldError("number", {"low": 1, "high": MOST_OPEN_REQUESTS})
    if change.name is not None:
        errors.update(_name_errors(session, mission, change.name))
    if change.description is not None and not isinstance(change.description, str):
        errors.update(_text_errors(mission, "description", change.description))
    if errors:
        raise SetupRejected(errors)
    _write_texts(mission, change)
    mission.start_date, mission.end_date = change.start_date, change.end_date
    mission.timezone = change.timezone
    mission.directory_visibility = DirectoryVisibility(visibility)
    mission.show_contact_emails = change.show_contact_emails
    mission.requests_open_at = wall_to_instant(opens, change.timezone) if opens else None
    new_close = wall_to_instant(closes, change.timezone) if closes else None
    if new_close is not None and new_close != mission.requests_close_at:
        _answers_due_at(mission, new_close)
    mission.requests_close_at = new_close
    mission.max_open_requests = limit
    mission.requests_need_approval = change.requests_need_approval
    session.flush()
