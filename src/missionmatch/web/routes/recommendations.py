"""Participant page: the partners the matcher recommends, with the reasons it gives, best first: one card per
organisation by default (`?view=people`: one per person)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from missionmatch.services.company_recommendations import company_recommendations
from missionmatch.services.page_loading import load_people
from missionmatch.services.recommendation_cards import hidden_partners, recommendation_page
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.page_cache import PageCacheDep, cached_page
from missionmatch.web.permissions import visible_participants
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/me/recommendations")
def recommendations(
    request: Request,
    me: CurrentParticipant,
    db: DbSession,
    cache: PageCacheDep,
    met: bool = False,
    view: str = "companies",
) -> Response:
    # one page name for every view: the query (view, met) is part of the key, as in the cache hits' key
    if view == "people":
        return cached_page(request, cache, "recommendations", me, lambda: _page(request, me, db, met))
    return cached_page(request, cache, "recommendations", me, lambda: _companies(request, me, db, met))


def _companies(request: Request, me: CurrentParticipant, db: DbSession, met: bool) -> Response:
    mission = load_people(db, me.mission_id)
    visible = visible_participants(me)
    shown = {p.id for p in visible} - hidden_partners(db, me, visible, include_met=met)
    cards = company_recommendations(db, me, shown)
    return render(request, "company_recommendations.html", me=me, mission=mission, cards=cards, met=met)


def _page(request: Request, me: CurrentParticipant, db: DbSession, met: bool) -> Response:
    # the permission rule applies here too: a stale row never shows someone outside the directory (the
    # visible people are computed once: asking the rule per candidate read the recommendations each time)
    mission = load_people(db, me.mission_id)
    visible = {p.id for p in visible_participants(me)}
    page = recommendation_page(db, me, visible, include_met=met)
    return render(request, "recommendations.html", me=me, mission=mission, page=page, met=met)
