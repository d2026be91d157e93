"""Participant page: the partners the matcher recommends, with the reasons it gives, best first."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.page_loading import load_people
from missionmatch.services.recommendation_cards import recommendation_page
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.page_cache import PageCacheDep, cached_page
from missionmatch.web.permissions import visible_participants
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me/recommendations")
def recommendations(
    request: Request, me: CurrentParticipant, db: DbSession, cache: PageCacheDep, met: bool = False
) -> Response:
    page = "recommendations-met" if met else "recommendations"
    return cached_page(request, cache, page, me, lambda: _page(request, me, db, met))


def _page(request: Request, me: CurrentParticipant, db: DbSession, met: bool) -> Response:
    # the permission rule applies here too: a stale row never shows someone outside the directory (the
    # visible people are computed once: asking the rule per candidate read the recommendations each time)
    mission = load_people(db, me.mission_id)
    visible = {p.id for p in visible_participants(me)}
    page = recommendation_page(db, me, visible, include_met=met)
    return render(request, "recommendations.html", me=me, mission=mission, page=page, met=met)
