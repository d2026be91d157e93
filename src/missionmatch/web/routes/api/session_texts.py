"""Organisers set a B2B session's name and venue in several languages: each a plain string (the text in the
mission's default language; the other languages are kept) or a map language -> text (every language at
once). 422 names the field and the language it cannot store."""

from typing import Annotated, Any

from fastapi import APIRouter, Request
from pydantic import ConfigDict, Field

from missionmatch.models import B2BSession
from missionmatch.services import session_texts
from missionmatch.services.problems import InputRejected
from missionmatch.web.deps import DbSession
from missionmatch.web.routes.api.access import ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.missions import SessionOut, caller_language, session_out
from missionmatch.web.routes.api.programme_texts import VenueText, VenueTexts
from missionmatch.web.routes.api.schemas import NOT_BLANK, BodyIn

router = APIRouter(tags=["missions"])
NameText = Annotated[str, Field(max_length=200, pattern=NOT_BLANK)]


def _name() -> Any:
    return Field(default=None, max_length=200, pattern=NOT_BLANK)


class NameTexts(BodyIn):
    """A session's name in each language profiles are written in: at least one."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    en: str = _name()
    fr: str = _name()
    ja: str = _name()
    de: str = _name()
    lb: str = _name()
    nl: str = _name()
    it: str = _name()
    es: str = _name()
    zh: str = _name()


class SessionTextsIn(BodyIn):
    name: NameText | NameTexts | None = None
    venue: VenueText | VenueTexts | None = None


@router.put("/missions/{slug}/sessions/{session_id}/texts", responses=answers(400, 403, 404, 422))
def set_texts(
    request: Request, body: SessionTextsIn, mission: ManagedMission, db: DbSession, session_id: int
) -> SessionOut:
    """Only the fields given change; the answer shows them in the caller's language, with every language."""
    b2b = db.get(B2BSession, session_id)
    if b2b is None or b2b.mission_id != mission.id:
        raise not_found("session")
    try:
        session_texts.set_texts(db, b2b, body.model_dump(exclude_none=True))
    except InputRejected as rejected:
        db.rollback()
        raise invalid({p.field: p.reason for p in rejected.problems}) from None
    db.commit()
    return session_out(b2b, caller_language(request))
