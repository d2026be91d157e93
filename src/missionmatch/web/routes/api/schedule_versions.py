"""/api/v1/missions/{slug}/schedule/versions: every published version of the schedule, newest first, with
who published it, when, and its changes against the previous version, as data and in words (in the
Accept-Language, times in the mission's zone), as the versions page shows them."""

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from missionmatch.clock import wall_with_offset
from missionmatch.services.schedule_versions import schedule_versions
from missionmatch.web.deps import DbSession, Lang
from missionmatch.web.routes.api.access import ManagedMission
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.schemas import Instant, MissionTime

router = APIRouter(tags=["schedule"])


class PlaceOut(BaseModel):
    session: str | None  # the B2B session's key
    slot: int | None  # 0-based
    starts_at: MissionTime | None
    table_number: int | None  # as printed on the table (1-based)
    participant_ids: list[int]  # those still registered (an erased participant is left out)


class ChangeOut(BaseModel):
    meeting: str  # the meeting's key
    change: Literal["added", "moved", "cancelled"]
    text: str = Field(description="The change in words, e.g. `A (X) – B (Y): moved from 10:00, table 3 to …`")
    before: PlaceOut | None  # None for an added meeting
    after: PlaceOut | None  # None for a cancelled one


class VersionChangesOut(BaseModel):
    number: int
    published_at: Instant
    published_by: str
    comment: str
    changes: list[ChangeOut]


class VersionsOut(BaseModel):
    timezone: str  # the mission's, in which the texts' times are written
    versions: list[VersionChangesOut]  # newest first


def _place(entry: dict[str, Any] | None, zone: str, ids: dict[str, int]) -> PlaceOut | None:
    if entry is None:
        return None
    starts = entry.get("starts_at")
    return PlaceOut(
        session=entry.get("session"),
        slot=entry.get("slot"),
        starts_at=wall_with_offset(dt.datetime.fromisoformat(starts), zone) if starts else None,
        table_number=None if entry.get("table") is None else entry["table"] + 1,
        participant_ids=[ids[key] for key in entry["participants"] if key in ids],
    )


@router.get("/missions/{slug}/schedule/versions", responses=answers(403, 404))
def get_versions(mission: ManagedMission, db: DbSession, t: Lang) -> VersionsOut:
    """Every published version, newest first; each one's changes are against the version before it (the
    first lists every meeting as added). `text` is in the Accept-Language."""
    zone, ids = mission.timezone, {p.key: p.id for p in mission.participants}
    versions = [
        VersionChangesOut(
            number=entry.version.number,
            published_at=entry.version.published_at,
            published_by=entry.version.published_by,
            comment=entry.version.comment,
            changes=[
                ChangeOut(
                    meeting=change["meeting"],
                    change=change["change"],
                    text=text,
                    before=_place(change.get("before"), zone, ids),
                    after=_place(change.get("after"), zone, ids),
                )
                for change, text in zip(entry.version.changelog, entry.changes, strict=True)
            ],
        )
        for entry in schedule_versions(db, mission, t)
    ]
    return VersionsOut(timezone=zone, versions=versions)
