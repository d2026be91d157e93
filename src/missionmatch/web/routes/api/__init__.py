"""/api/v1: the same operations as the pages, for programs. Bearer tokens (an organiser's or a participant's);
JSON errors; 422 naming the field; whatever is not the caller's answers 404 exactly like what does not exist.
One module per resource; the schema at /api/v1/openapi.json documents every body and every error an
operation gives (`errors.answers`)."""

from fastapi import APIRouter, Security
from fastapi.security import HTTPBearer

from missionmatch.web.routes.api import me, missions, on_the_day, profile, requests, schedule
from missionmatch.web.routes.api.errors import answers

# documents the scheme in the schema (`bearer`, on every operation); deps.api_token does the checking
BEARER = HTTPBearer(
    scheme_name="bearer", description="an organiser's or a participant's API token", auto_error=False
)
router = APIRouter(prefix="/api/v1", responses=answers(401), dependencies=[Security(BEARER)])
for module in (missions, requests, profile, me, schedule, on_the_day):
    router.include_router(module.router)

__all__ = ["router"]
