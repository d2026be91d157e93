"""Organisers set a programme item's title, venue and description in several languages: each field a plain
string (the text in the mission's default language; the other languages are kept) or a map language -> text
(every language at once). 422 names the field and the language it cannot store."""

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import Field

from missionmatch.models import ProgrammeItem
from missionmatch.services import programme_setup
from missionmatch.services.problems import InputRejected
from missionmatch.services.text_rules import LONG_LIMIT
from missionmatch.web.deps import DbSession
from missionmatch.web.routes.api.access import ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.missions import ProgrammeItemOut, caller_language, item_out
from missionmatch.web.routes.api.schemas import NO_CONTROL, NOT_BLANK, BodyIn

router = APIRouter(tags=["missions"])
Language = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="a language code: en, fr, ja...")]


TitleText = Annotated[str, Field(max_length=300, pattern=NOT_BLANK)]
VenueText = Annotated[str, Field(max_length=200, pattern=NO_CONTROL)]
LongText = Annotated[str, Field(max_length=LONG_LIMIT, pattern=NO_CONTROL)]
# a plain string (the mission's default language) or a map language -> text; the title cannot be blank
Title = TitleText | Annotated[dict[Language, TitleText], Field(min_length=1)]
Venue = VenueText | dict[Language, VenueText]
Description = LongText | dict[Language, LongText]


class ProgrammeTextsIn(BodyIn):
    title: Title | None = None
    venue: Venue | None = None
    description: Description | None = None


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
    return item_out(item, caller_language(request))
