"""/api/v1: the same operations as the pages, for programs. Bearer tokens (an organiser's or a participant's);
JSON errors; 422 naming the field; whatever is not the caller's answers 404 exactly like what does not exist.
One module per resource; the schema at /api/v1/openapi.json documents every body."""

from fastapi import APIRouter, Depends

from missionmatch.web.routes.api import jobs, me, missions, on_the_day, profile, requests, schedule
from missionmatch.web.routes.api.schemas import ErrorOut, InvalidOut
from missionmatch.web.security import verify_body_text

ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorOut, "description": "missing, revoked or invalid token"},
    403: {"model": ErrorOut, "description": "an operation for the other role (organiser or participant)"},
    404: {"model": ErrorOut, "description": "not found, or not the caller's (the same answer)"},
    422: {"model": InvalidOut, "description": "invalid input, naming each field"},
}
# the strings of every JSON body keep to the text rules (services/text_rules.py): 422 naming the field
router = APIRouter(prefix="/api/v1", responses=ERRORS, dependencies=[Depends(verify_body_text)])
for module in (missions, requests, profile, me, schedule, jobs, on_the_day):
    router.include_router(module.router)

__all__ = ["router"]
