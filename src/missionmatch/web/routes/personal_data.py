"""GDPR pages: a participant downloads their own data; an organiser downloads or erases a participant's data
in their own mission (another mission's participant: 404)."""

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Mission, Participant
from missionmatch.services.personal_data import erase_participant, export_personal_data
from missionmatch.web.deps import CurrentParticipant, DbSession, ManagedMission
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _download(data: dict[str, Any], name: str) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Response(
        body,
        media_type="application/json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


def _participant_of(db: DbSession, mission: Mission, participant_id: int) -> Participant:
    participant = db.get(Participant, participant_id)
    if participant is None or participant.mission_id != mission.id or participant.erased_at is not None:
        raise HTTPException(status_code=404)
    return participant


@router.get("/me/personal-data")
def my_data(me: CurrentParticipant, db: DbSession) -> Response:
    return _download(export_personal_data(db, me), f"personal-data-{me.mission.slug}.json")


@router.get("/missions/{slug}/participants/{participant_id}/personal-data")
def participant_data(mission: ManagedMission, db: DbSession, participant_id: int) -> Response:
    participant = _participant_of(db, mission, participant_id)
    return _download(export_personal_data(db, participant), f"personal-data-{participant.key}.json")


@router.get("/missions/{slug}/participants/{participant_id}/erase", name="participant_erase_confirm")
def confirm_erasure(
    request: Request, mission: ManagedMission, db: DbSession, participant_id: int
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    return render(request, "erase_participant.html", mission=mission, participant=participant)


@router.post("/missions/{slug}/participants/{participant_id}/erase", name="participant_erase")
def erase(mission: ManagedMission, db: DbSession, participant_id: int) -> Response:
    erase_participant(db, _participant_of(db, mission, participant_id))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/participants?erased=1", status_code=303)
