"""Participant pages: the people of the mission the visibility setting allows (by default the other side),
searchable, and one person's public profile."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from missionmatch.models import Participant
from missionmatch.sectors import SECTORS
from missionmatch.services.page_loading import load_people
from missionmatch.web.deps import CurrentParticipant, DbSession
from missionmatch.web.page_cache import PageCacheDep, cached_page
from missionmatch.web.permissions import (
    participant_sees_email,
    participant_sees_participant,
    visible_participants,
)
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _text(participant: Participant) -> str:
    profile = participant.profile
    parts = [participant.full_name, participant.job_title, participant.organisation.name]
    if profile is not None:
        parts += [profile.offers, profile.needs, *profile.keywords]
    return " ".join(parts).casefold()


@router.get("/me/directory")
def directory(
    request: Request,
    me: CurrentParticipant,
    db: DbSession,
    cache: PageCacheDep,
    q: str = "",
    sector: str = "",
) -> Response:
    # the query string is part of the cache key (web/page_cache.py)
    return cached_page(request, cache, "directory", me, lambda: _directory(request, me, db, q, sector))


def _directory(request: Request, me: Participant, db: Session, q: str, sector: str) -> Response:
    mission = load_people(db, me.mission_id)  # organisations and profiles: 2 statements, not 2 per person
    people = sorted(visible_participants(me), key=lambda p: (p.organisation.name, p.last_name))
    words = q.casefold().split()
    people = [p for p in people if all(word in _text(p) for word in words)]
    if sector:
        people = [
            p
            for p in people
            if sector in p.organisation.sectors or (p.profile and sector in p.profile.sectors)
        ]
    return render(
        request,
        "directory.html",
        me=me,
        mission=mission,
        people=people,
        q=q,
        sector=sector,
        sectors=SECTORS,
        emails={p.id: p.email for p in people if participant_sees_email(me, p)},
    )


@router.get("/me/directory/{participant_id}", name="directory_person")
def person(request: Request, me: CurrentParticipant, db: DbSession, participant_id: int) -> Response:
    other = db.get(Participant, participant_id)
    if other is None or not participant_sees_participant(me, other):
        raise HTTPException(status_code=404)
    return render(
        request,
        "person.html",
        me=me,
        mission=me.mission,
        person=other,
        sectors=SECTORS,
        email=other.email if participant_sees_email(me, other) else None,
        may_request=other.id != me.id and other.organisation.side != me.organisation.side,
    )
