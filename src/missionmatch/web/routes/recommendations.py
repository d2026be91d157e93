"""Participant page: the partners the matcher recommends, with the reasons it gives, best first: one card per
organisation by default (`?view=people`: one per person)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.company_recommendations import company_recommendations
from missionmatch.services.page_loading import load_people
from missionmatch.services.recommendations import recommendations_for
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.page_cache import PageCacheDep, cached_page
from missionmatch.web.permissions import visible_participants
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me/recommendations")
def recommendations(
    request: Request, me: CurrentParticipant, db: DbSession, cache: PageCacheDep, view: str = "companies"
) -> Response:
    if view == "people":
        return cached_page(request, cache, "recommendations", me, lambda: _page(request, me, db))
    return cached_page(request, cache, "company-recommendations", me, lambda: _companies(request, me, db))


def _companies(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    mission = load_people(db, me.mission_id)
    visible = {p.id for p in visible_participants(me)}
    cards = company_recommendations(db, me, visible)
    return render(request, "company_recommendations.html", me=me, mission=mission, cards=cards)


def _page(request: Request, me: CurrentParticipant, db: DbSession) -> Response:
    # the permission rule applies here too: a stale row never shows someone outside the directory (the
    # visible people are computed once: asking the rule per candidate read the recommendations each time)
    mission = load_people(db, me.mission_id)
    visible = {p.id for p in visible_participants(me)}
    shown = [r for r in recommendations_for(db, me) if r.candidate_id in visible]
    return render(request, "recommendations.html", me=me, mission=mission, recommendations=shown)
