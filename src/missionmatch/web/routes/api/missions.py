"""Missions, their participants, programme items and B2B sessions."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from missionmatch.clock import wall_with_offset
from missionmatch.models import B2BSession, ProgrammeItem
from missionmatch.services import programme_waiting as waiting
from missionmatch.web.deps import ApiPrincipal, DbSession
from missionmatch.web.page_cache import PageCacheDep
from missionmatch.web.permissions import participant_sees_email, participant_sees_participant
from missionmatch.web.routes.api.access import ManagedMission, find_mission, visible_missions
from missionmatch.web.routes.api.cached import cached_json, token_viewer
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import (
    MissionOut,
    MissionTime,
    ParticipantOut,
    mission_out,
    participant_out,
)

router = APIRouter(tags=["missions"])


class ProgrammeItemOut(BaseModel):
    id: int
    key: str
    kind: str
    title: str
    sector: str | None
    city: str
    venue: str
    address: str
    starts_at: MissionTime
    ends_at: MissionTime
    capacity: int | None
    participant_ids: list[int]
    waiting_ids: list[int]  # the waiting list, next promoted first


class SlotOut(BaseModel):
    index: int  # 0-based, as `slot` in the schedule
    starts_at: MissionTime
    ends_at: MissionTime


class InterpretersOut(BaseModel):
    languages: str  # e.g. "fr-ja"
    count: int  # available in every slot


class SessionOut(BaseModel):
    id: int
    key: str
    name: str
    city: str
    venue: str
    tables: int
    seats: int  # chairs at each table: a company meeting needs a table that seats all its attendees
    slot_minutes: int
    slots: list[SlotOut]
    interpreters: list[InterpretersOut]


def _item_out(item: ProgrammeItem, waiting_ids: list[int]) -> ProgrammeItemOut:
    return ProgrammeItemOut(
        id=item.id,
        key=item.key,
        kind=item.kind.value,
        title=item.title,
        sector=item.sector,
        city=item.city,
        venue=item.venue,
        address=item.address,
        starts_at=wall_with_offset(item.starts_at, item.mission.timezone),
        ends_at=wall_with_offset(item.ends_at, item.mission.timezone),
        capacity=item.capacity,
        participant_ids=[p.id for p in item.participants],
        waiting_ids=waiting_ids,
    )


def session_out(b2b: B2BSession) -> SessionOut:
    zone = b2b.mission.timezone
    return SessionOut(
        id=b2b.id,
        key=b2b.key,
        name=b2b.name,
        city=b2b.city,
        venue=b2b.venue,
        tables=b2b.tables,
        seats=b2b.seats,
        slot_minutes=b2b.slot_minutes,
        slots=[
            SlotOut(index=i, starts_at=wall_with_offset(s, zone), ends_at=wall_with_offset(e, zone))
            for i, (s, e) in enumerate(b2b.slot_times())
        ],
        interpreters=[InterpretersOut(languages=pool.pair, count=pool.count) for pool in b2b.interpreters],
    )


@router.get("/missions")
def list_missions(principal: ApiPrincipal) -> list[MissionOut]:
    return [mission_out(m) for m in visible_missions(principal)]


@router.get("/missions/{slug}", response_model=MissionOut, responses=answers(404))
def get_mission(
    request: Request, slug: str, db: DbSession, principal: ApiPrincipal, cache: PageCacheDep
) -> Response:
    mission = find_mission(db, principal, slug)
    viewer, revision = token_viewer(principal), mission.content_revision
    return cached_json(request, cache, "mission", viewer, revision, MissionOut, lambda: mission_out(mission))


@router.get("/missions/{slug}/participants", responses=answers(404))
def list_participants(slug: str, db: DbSession, principal: ApiPrincipal) -> list[ParticipantOut]:
    mission = find_mission(db, principal, slug)
    viewer = principal.participant
    if viewer is None:
        return [participant_out(p, for_organiser=True) for p in mission.participants]
    return [
        participant_out(p, False, show_email=participant_sees_email(viewer, p))
        for p in mission.participants
        if participant_sees_participant(viewer, p)
    ]


@router.get("/missions/{slug}/programme", responses=answers(403, 404))
def list_programme(mission: ManagedMission, db: DbSession) -> list[ProgrammeItemOut]:
    """Forums, visits, receptions... in time order, with who registered and who waits (organisers only)."""
    return [
        _item_out(item, [entry.participant_id for entry in waiting.entries(db, item)])
        for item in sorted(mission.programme_items, key=lambda i: (i.starts_at, i.id))
    ]


@router.get("/missions/{slug}/sessions", responses=answers(403, 404))
def list_sessions(mission: ManagedMission) -> list[SessionOut]:
    """B2B sessions with every slot's times (breaks included), tables, seats at a table and interpreters
    (organisers only; set the seats with PUT .../sessions/{session_id}/seats)."""
    return [session_out(b2b) for b2b in mission.b2b_sessions]
