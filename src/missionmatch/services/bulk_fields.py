"""The fields an organiser sets at once on a selection of participants: the meetings each wishes and accepts
at most, a language spoken added or removed, the time zone. Each value goes through the single edit's rules
(`participant_limits.check_limits`, `profiles.PROFILE_LANGUAGES`, the time zones the form accepts), and a
participant it cannot apply to is named with the field and the reason."""

from dataclasses import dataclass
from functools import cache
from typing import Final
from zoneinfo import available_timezones

from missionmatch.models import Participant
from missionmatch.services.participant_limits import MAX_MEETINGS, MeetingLimits, check_limits, whole_number
from missionmatch.services.profiles import PROFILE_LANGUAGES

# the bulk action -> the participant's attribute it sets
ATTRIBUTES: Final = {
    "max_meetings": "max_meetings",
    "min_meetings": "min_meetings",
    "add_language": "languages",
    "remove_language": "languages",
    "timezone": "timezone",
}
Value = int | str | None


@dataclass(frozen=True)
class FieldProblem:
    code: str  # "value" (the value itself is wrong), "max_below_min", "min_above_max"
    values: dict[str, object]


class ValueRefused(Exception):
    def __init__(self, problem: FieldProblem) -> None:
        self.problem = problem
        super().__init__(problem.code)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def read_value(action: str, text: str) -> Value:
    """The new value; raises ValueRefused when it is not one the single edit accepts."""
    text = text.strip()
    if action in ("max_meetings", "min_meetings"):
        try:
            number = whole_number(text)
        except ValueError:
            number = -1
        if number is not None and not 0 <= number <= MAX_MEETINGS:
            raise ValueRefused(FieldProblem("value", {"value": text, "max": MAX_MEETINGS}))
        return number
    if action in ("add_language", "remove_language"):
        if text.lower() not in PROFILE_LANGUAGES:
            raise ValueRefused(FieldProblem("value", {"value": text, "codes": ", ".join(PROFILE_LANGUAGES)}))
        return text.lower()
    if text and text not in _zones():
        raise ValueRefused(FieldProblem("value", {"value": text}))
    return text or None  # blank: the mission's time zone


def new_value(person: Participant, action: str, value: Value) -> object:
    """What the participant's attribute becomes (a new list for the languages, so the change is seen)."""
    if action == "add_language":
        return [*person.languages, value] if value not in person.languages else list(person.languages)
    if action == "remove_language":
        return [code for code in person.languages if code != value]
    return value


def problem(person: Participant, action: str, value: Value) -> FieldProblem | None:
    """Why the value cannot be set for this participant, by the single edit's rules; None when it can."""
    if action not in ("max_meetings", "min_meetings"):
        return None
    number = value if isinstance(value, int) else None
    if action == "max_meetings":
        limits = MeetingLimits(min_meetings=person.min_meetings, max_meetings=number)
    else:
        limits = MeetingLimits(min_meetings=number, max_meetings=person.max_meetings)
    if "max_meetings" not in check_limits(limits, None, None, {}):
        return None
    if action == "max_meetings":
        return FieldProblem("max_below_min", {"min": person.min_meetings})
    return FieldProblem("min_above_max", {"max": person.max_meetings})


def unchanged(person: Participant, action: str, value: Value) -> bool:
    return bool(getattr(person, ATTRIBUTES[action]) == new_value(person, action, value))


def set_value(person: Participant, action: str, value: Value) -> None:
    setattr(person, ATTRIBUTES[action], new_value(person, action, value))
