"""Organisers set a programme item's title, venue and description in several languages: each field a plain
string (the text in the mission's default language; the other languages are kept) or a map language -> text
(every language at once). 422 names the field and the language it cannot store."""

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import ConfigDict, Field

from missionmatch.models import ProgrammeItem
from missionmatch.services import programme_setup
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.problems import InputRejected
from missionmatch.services.text_rules import LONG_LIMIT
from missionmatch.web.deps import DbSession
from missionmatch.web.routes.api.access import ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.missions import ProgrammeItemOut, caller_language, item_out
from missionmatch.web.routes.api.schemas import NO_CONTROL, NOT_BLANK, BodyIn

router = APIRouter(tags=["missions"])
TitleText = Annotated[str, Field(max_length=300, pattern=NOT_BLANK)]
VenueText = Annotated[str, Field(max_length=200, pattern=NO_CONTROL)]
LongText = Annotated[str, Field(max_length=LONG_LIMIT, pattern=NO_CONTROL)]


def _title() -> Any:
    return Field(default=None, max_length=300, pattern=NOT_BLANK)


def _venue() -> Any:
    return Field(default=None, max_length=200, pattern=NO_CONTROL)


def _long() -> Any:
    return Field(default=None, max_length=LONG_LIMIT, pattern=NO_CONTROL)


# a text in each language profiles are written in (services/profiles.PROFILE_LANGUAGES); a language left out
# has no text


class TitleTexts(BodyIn):
    """A title in each language: at least one."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    en: str = _title()
    fr: str = _title()
    ja: str = _title()
    de: str = _title()
    lb: str = _title()
    nl: str = _title()
    it: str = _title()
    es: str = _title()
    zh: str = _title()


class VenueTexts(BodyIn):
    """A venue in each language."""

    en: str = _venue()
    fr: str = _venue()
    ja: str = _venue()
    de: str = _venue()
    lb: str = _venue()
    nl: str = _venue()
    it: str = _venue()
    es: str = _venue()
    zh: str = _venue()


class DescriptionTexts(BodyIn):
    """A description in each language."""

    en: str = _long()
    fr: str = _long()
    ja: str = _long()
    de: str = _long()
    lb: str = _long()
    nl: str = _long()
    it: str = _long()
    es: str = _long()
    zh: str = _long()


# each a plain string (the mission's default language) or a map language -> text


class ProgrammeTextsIn(BodyIn):
    title: TitleText | TitleTexts | None = None
    venue: VenueText | VenueTexts | None = None
    description: LongText | DescriptionTexts | None = None


@router.put("/missions/{slug}/programme/{item_id}/texts", responses=answers(400, 403, 404, 422))
def set_texts(
    request: Request, body: ProgrammeTextsIn, mission: ManagedMission, db: DbSession, item_id: int
) -> ProgrammeItemOut:
    """Only the fields given change; the answer shows them in the caller's language, with every language."""
    item = db.get(ProgrammeItem, item_id)
    if item is None or item.mission_id != mission.id:
        raise not_found("programme item")
    try:
        programme_setup.set_texts(db, item, body.model_dump(exclude_none=True))
    except InputRejected as rejected:
        db.rollback()
        raise invalid({p.field: p.reason for p in rejected.problems}) from None
    db.commit()
    waiting_ids = [entry.participant_id for entry in waiting.entries(db, item)]
    return item_out(item, caller_language(request), waiting_ids)
