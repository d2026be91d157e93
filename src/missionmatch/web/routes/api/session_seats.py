"""Organisers set how many people each table of a B2B session seats (a company meeting needs a table that
seats all its attendees): 422 naming `seats` outside 2-50, 409 when a scheduled meeting has more attendees."""

from fastapi import APIRouter, HTTPException
from pydantic import Field

from missionmatch.models import B2BSession
from missionmatch.services import session_setup
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession
from missionmatch.web.i18n import Translator
from missionmatch.web.routes.api.access import ManagedMission, invalid, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.missions import SessionOut, session_out
from missionmatch.web.routes.api.schemas import BodyIn, JsonInt
from missionmatch.web.setup_forms import explain

router = APIRouter(tags=["missions"])
ENGLISH = Translator("en")
LOW, HIGH = session_setup.SEATS


class SeatsIn(BodyIn):
    seats: JsonInt = Field(ge=LOW, le=HIGH, description="chairs at each table of the session")


@router.put("/missions/{slug}/sessions/{session_id}/seats", responses=answers(400, 403, 404, 409, 422))
def set_seats(body: SeatsIn, mission: ManagedMission, db: DbSession, session_id: int) -> SessionOut:
    """409 naming `seats` and the meetings when a scheduled meeting has more attendees than that."""
    b2b = db.get(B2BSession, session_id)
    if b2b is None or b2b.mission_id != mission.id:
        raise not_found("session")
    try:
        session_setup.set_seats(db, b2b, body.seats)
    except SetupRejected as rejected:
        db.rollback()
        messages = explain(ENGLISH, rejected.errors)
        if rejected.errors["seats"].code == "seats_in_use":
            raise HTTPException(status_code=409, detail=f"seats: {messages['seats']}") from None
        raise invalid(messages) from None
    db.commit()
    return session_out(b2b)
