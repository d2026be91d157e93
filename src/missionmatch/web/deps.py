"""Typed dependencies shared by the routes: a database session per request, the signed-in user, the viewer's
language, and the mission an organiser manages."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import ApiToken, Mission, OrganiserAccount, Participant
from missionmatch.models.audit_actor import Actor, set_session_actor
from missionmatch.services.accounts import resolve_api_token
from missionmatch.settings import WebSettings
from missionmatch.web.i18n import COOKIE, ZONE_COOKIE, Translator, negotiate, viewer_zone
from missionmatch.web.permissions import organiser_manages_mission
from missionmatch.web.security import signed_in


class LoginRequired(Exception):
    """Raised for pages that need a signed-in user; the app turns it into a redirect to the login page."""

    def __init__(self, role: str) -> None:
        self.role = role


READS = ("GET", "HEAD", "OPTIONS")  # any other method may write (web/connection_gate.py orders writers)


async def get_db(request: Request) -> AsyncIterator[Session]:
    # async, so that waiting for a connection holds no thread (web/connection_gate.py); the session connects
    # on its first query. Handlers commit explicitly; anything left uncommitted is rolled back on close.
    async with request.app.state.connection_gate.admit(write=request.method not in READS):
        session = request.app.state.session_factory()
        try:
            yield session
        finally:
            await run_in_threadpool(session.close)


def get_settings(request: Request) -> WebSettings:
    return request.app.state.settings


def get_translator(request: Request) -> Translator:
    language = negotiate(request.cookies.get(COOKIE), request.headers.get("accept-language"))
    return Translator(language, viewer_zone(request.cookies.get(ZONE_COOKIE)))


DbSession = Annotated[Session, Depends(get_db)]
Settings = Annotated[WebSettings, Depends(get_settings)]
Lang = Annotated[Translator, Depends(get_translator)]


def current_organiser(request: Request, db: DbSession) -> OrganiserAccount:
    found = signed_in(request, db)
    if found is not None and found.organiser_id is not None:
        account = db.get(OrganiserAccount, found.organiser_id)
        if account is not None and account.active:
            set_session_actor(db, Actor("organiser", account.id, account.email))
            return account
    raise LoginRequired("organiser")


def current_participant(request: Request, db: DbSession) -> Participant:
    found = signed_in(request, db)
    if found is not None and found.participant_id is not None:
        participant = db.get(Participant, found.participant_id)
        if participant is not None and participant.erased_at is None:
            set_session_actor(db, Actor("participant", participant.id, participant.full_name))
            return participant
    raise LoginRequired("participant")


CurrentOrganiser = Annotated[OrganiserAccount, Depends(current_organiser)]
CurrentParticipant = Annotated[Participant, Depends(current_participant)]


def managed_mission(slug: str, organiser: CurrentOrganiser, db: DbSession) -> Mission:
    """The mission named in the URL, if this organiser manages it; 404 otherwise (no hint that it exists)."""
    mission = db.scalar(select(Mission).where(Mission.slug == slug))
    if mission is None or not organiser_manages_mission(organiser, mission):
        raise HTTPException(status_code=404, detail="mission not found")
    return mission


ManagedMission = Annotated[Mission, Depends(managed_mission)]


def api_token(request: Request, db: DbSession) -> ApiToken:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    found = resolve_api_token(db, token.strip()) if scheme.lower() == "bearer" and token else None
    if found is None:
        raise HTTPException(
            status_code=401, detail="missing or invalid API token", headers={"WWW-Authenticate": "Bearer"}
        )
    kind, actor_id = (
        ("organiser", found.organiser_id) if found.organiser_id else ("participant", found.participant_id)
    )
    set_session_actor(db, Actor(kind, actor_id, f"API: {found.label}"))
    return found


ApiPrincipal = Annotated[ApiToken, Depends(api_token)]
