"""/api/v1: the same operations as the pages, for programs. Bearer tokens (an organiser's or a participant's);
JSON errors; 422 naming the field; whatever is not the caller's answers 404 exactly like what does not exist.
One module per resource; the schema at /api/v1/openapi.json documents every body and every error an
operation gives (`errors.answers`)."""

from fastapi import APIRouter, Depends, Security
from fastapi.security import HTTPBearer

from missionmatch.web.routes.api import (
    agenda_bundle,
    agenda_files,
    company_meetings,
    day_documents,
    jobs,
    me,
    missions,
    on_the_day,
    outcomes,
    profile,
    programme_texts,
    report,
    request_approval,
    request_steering,
    requests,
    schedule,
    schedule_versions,
    session_seats,
    session_texts,
)
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.security import verify_body_text

# documents the scheme in the schema (`bearer`, on every operation); deps.api_token does the checking
BEARER = HTTPBearer(
    scheme_name="bearer", description="an organiser's or a participant's API token", auto_error=False
)
# and the strings of every JSON body keep to the text rules (services/text_rules.py): 422 naming the field
router = APIRouter(
    prefix="/api/v1", responses=answers(401), dependencies=[Security(BEARER), Depends(verify_body_text)]
)
for module in (
    missions,
    requests,
    profile,
    me,
    agenda_files,
    agenda_bundle,
    schedule,
    schedule_versions,
    jobs,
    on_the_day,
    outcomes,
    request_approval,
    company_meetings,
    request_steering,
    report,
    day_documents,
    session_seats,
    programme_texts,
    session_texts,
):
    router.include_router(module.router)

__all__ = ["router"]
