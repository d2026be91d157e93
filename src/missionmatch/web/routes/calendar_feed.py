"""The private calendar subscription that calendar apps poll: no sign-in, the secret token in the URL is
the key; an unknown or revoked token is 404, like a page that does not exist."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from missionmatch.services.agenda_document import agenda_document
from missionmatch.services.calendar_feeds import feed_owner
from missionmatch.web.agenda_files import ics_response
from missionmatch.web.deps import DbSession

router = APIRouter()


@router.get("/calendar/{token}.ics")
def calendar_feed(token: str, db: DbSession) -> Response:
    owner = feed_owner(db, token)
    if owner is None:
        raise HTTPException(status_code=404)
    return ics_response(agenda_document(db, owner), attachment=False)
