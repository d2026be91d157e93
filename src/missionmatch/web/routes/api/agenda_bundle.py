"""/api/v1/missions/{slug}/agendas/all: every agenda of the mission as one PDF or a zip, made by the worker
(202 and the job's URL); the file is then at /api/v1/jobs/{id}/file for 24 hours."""

from typing import Literal

from fastapi import APIRouter, Request, Response
from pydantic import Field

from missionmatch.models.job import JobKind
from missionmatch.web.deps import DbSession, Lang
from missionmatch.web.routes.api.access import ApiOrganiser, ManagedMission
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.jobs import JobOut, accepted
from missionmatch.web.routes.api.schemas import BodyIn

router = APIRouter(tags=["agendas"])


class AgendaBundleIn(BodyIn):
    format: Literal["pdf", "zip"] = Field(
        default="pdf",
        description="pdf: one PDF, each agenda on its own pages; "
        "zip: <key>.pdf and <key>.ics per participant",
    )


@router.post("/missions/{slug}/agendas/all", status_code=202, responses=answers(403, 404, 422))
def all_agendas(
    request: Request,
    response: Response,
    body: AgendaBundleIn,
    mission: ManagedMission,
    organiser: ApiOrganiser,
    db: DbSession,
    t: Lang,
) -> JobOut:
    """Queues every participant's agenda as one file. 202 with the job (`Location: /api/v1/jobs/{id}`); once
    done, its result gives the file's name and size, and GET /api/v1/jobs/{id}/file downloads it."""
    return accepted(request, response, db, mission, organiser, JobKind.AGENDAS, {"format": body.format}, t)
