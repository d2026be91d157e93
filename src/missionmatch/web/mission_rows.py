"""A row named in an organiser page's URL (a meeting, request, session, programme item...) belongs to the
mission in the URL, or the page is a 404, exactly like a row that does not exist."""

from typing import Protocol, TypeVar

from fastapi import HTTPException
from sqlalchemy.orm import Session

from missionmatch.models import Mission


class _OfMission(Protocol):
    mission_id: int


Row = TypeVar("Row", bound=_OfMission)


def row_of_mission(db: Session, mission: Mission, model: type[Row], row_id: int) -> Row:
    row = db.get(model, row_id)
    if row is None or row.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return row
