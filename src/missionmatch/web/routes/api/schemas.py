"""Bodies shared by several API resources: missions and the people in them, and the two kinds of date-time.
Every date-time is RFC 3339 with an explicit offset (docs/time.md)."""

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from missionmatch.models import Mission, Participant

Instant = Annotated[
    AwareDatetime, Field(description="An instant, RFC 3339 in UTC, e.g. 2025-05-20T03:00:00Z.")
]
MissionTime = Annotated[
    AwareDatetime,
    Field(
        description="The mission's wall-clock time, RFC 3339 with the offset of the mission's time zone "
        "on that day, e.g. 2025-05-27T14:40:00+09:00."
    ),
]


def _json_integer(value: object) -> object:
    # pydantic's lax int also takes "5" and true; strict int refuses 2.0, which JSON Schema counts as integer
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# an integer in a request body, as JSON Schema means it: a number without a fraction (2 or 2.0), not text
JsonInt = Annotated[int, BeforeValidator(_json_integer)]

# The text rules (services/text_rules.py) in the schema's words: no control character but tab and line breaks.
# The router's verify_body_text answers first, in words naming the field; this tells clients beforehand.
NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
NOT_BLANK = (
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f]"
    r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
)


class BodyIn(BaseModel):
    """A request body: a property the schema does not name is refused (422 naming it), not silently ignored,
    so the schema says `additionalProperties: false`."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(BaseModel):
    detail: str  # e.g. "missing or invalid API token", "mission not found"


class RefusedOut(BaseModel):
    detail: list[str]  # every reason, in words, e.g. "Table 3 is taken in this slot by m-12."


class FieldError(BaseModel):
    field: str  # e.g. "language", "time_limit"
    message: str


class InvalidOut(BaseModel):
    detail: str  # "invalid input"
    errors: list[FieldError]


class MissionOut(BaseModel):
    slug: str
    name: str  # in the caller's language (Accept-Language), else the mission's default, English, any
    name_i18n: dict[str, str]  # every language's text
    start_date: str
    end_date: str
    timezone: str
    cities: list[str]


class ParticipantOut(BaseModel):
    id: int
    name: str
    organisation: str
    side: str
    job_title: str
    languages: list[str]
    profile_language: str | None
    offers: str
    needs: str
    email: str | None = None  # organisers; participants when the mission shows contact e-mails
    checked_in_at: Instant | None = None  # organisers only
    min_meetings: int | None = None  # organisers only; None: no limit
    max_meetings: int | None = None  # organisers only; None: no limit
    hosted_table: int | None = None  # organisers only; 1-based table kept in every B2B session


class PersonOut(BaseModel):
    """Someone met or recommended: enough to recognise them."""

    id: int
    name: str
    organisation: str
    side: str


def mission_out(mission: Mission, language: str | None = None) -> MissionOut:
    return MissionOut(
        slug=mission.slug,
        name=mission.name.localize(language),
        name_i18n=dict(mission.name.texts),
        start_date=mission.start_date.isoformat(),
        end_date=mission.end_date.isoformat(),
        timezone=mission.timezone,
        cities=list(mission.cities),
    )


def participant_out(p: Participant, for_organiser: bool, show_email: bool = False) -> ParticipantOut:
    profile = p.profile
    return ParticipantOut(
        id=p.id,
        name=p.full_name,
        organisation=p.organisation.name,
        side=p.side,
        job_title=p.job_title,
        languages=list(p.languages),
        profile_language=profile.language if profile else None,
        offers=profile.offers if profile else "",
        needs=profile.needs if profile else "",
        email=p.email if for_organiser or show_email else None,
        checked_in_at=p.checked_in_at if for_organiser else None,
        min_meetings=p.min_meetings if for_organiser else None,
        max_meetings=p.max_meetings if for_organiser else None,
        hosted_table=p.hosted_table if for_organiser else None,
    )


def person_out(p: Participant) -> PersonOut:
    return PersonOut(id=p.id, name=p.full_name, organisation=p.organisation.name, side=p.side)
