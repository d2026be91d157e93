"""A participant's own profile: offers and needs in the language they write in, sectors, languages spoken.
The checks are the profile page's (services.profiles); a wrong field answers 422 naming it."""

from fastapi import APIRouter
from pydantic import BaseModel, Field
from pydantic.json_schema import JsonDict

from missionmatch.models import Participant
from missionmatch.sectors import SECTORS
from missionmatch.services import profiles
from missionmatch.web.deps import DbSession
from missionmatch.web.routes.api.access import ApiParticipant, invalid
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import NO_CONTROL, BodyIn

router = APIRouter(tags=["participant"])
MESSAGES = {
    "language": "must be one of " + ", ".join(profiles.PROFILE_LANGUAGES),
    "length": f"must be at most {profiles.MAX_TEXT} characters",
    "sectors": "unknown sector code",
}


# The schema states the rules services.profiles checks (which gives the 422 its words), so that a client
# reading it sends nothing that is refused
_LANGUAGE: JsonDict = {"type": "string", "enum": list(profiles.PROFILE_LANGUAGES)}
_TEXT: JsonDict = {"maxLength": profiles.MAX_TEXT, "pattern": NO_CONTROL}


class ProfileIn(BodyIn):
    language: str = Field(description="language of the offers and needs texts", json_schema_extra=_LANGUAGE)
    offers: str = Field(default="", json_schema_extra=_TEXT)
    needs: str = Field(default="", json_schema_extra=_TEXT)
    sectors: list[str] = Field(
        default_factory=list,
        description="sector codes, see missionmatch.sectors",
        json_schema_extra={"items": {"type": "string", "enum": list(SECTORS)}},
    )
    languages: list[str] = Field(
        default_factory=list,
        description="languages the participant speaks",
        json_schema_extra={"items": _LANGUAGE},
    )


class ProfileOut(BaseModel):
    language: str | None  # None until the participant writes a profile
    offers: str
    needs: str
    sectors: list[str]
    languages: list[str]


def _profile_out(me: Participant) -> ProfileOut:
    profile = me.profile
    return ProfileOut(
        language=profile.language if profile else None,
        offers=profile.offers if profile else "",
        needs=profile.needs if profile else "",
        sectors=list(profile.sectors) if profile else [],
        languages=list(me.languages),
    )


@router.get("/me/profile", responses=answers(403))
def get_profile(me: ApiParticipant) -> ProfileOut:
    return _profile_out(me)


@router.put("/me/profile", responses=answers(400, 403, 422))
def put_profile(body: ProfileIn, me: ApiParticipant, db: DbSession) -> ProfileOut:
    """Replaces the whole profile; nothing is written when a field is wrong."""
    problems = profiles.profile_problems(body.language, body.offers, body.needs, body.sectors, body.languages)
    if problems:
        raise invalid({field: MESSAGES[code] for field, code in problems.items()})
    profiles.save_profile(
        db,
        me,
        language=body.language,
        offers=body.offers,
        needs=body.needs,
        sectors=body.sectors,
        spoken=body.languages,
    )
    db.commit()
    return _profile_out(me)
