"""Runs the matcher on a mission's profiles and stores each participant's ranked partners with reasons."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.matching.config import MatchConfig
from missionmatch.matching.profile import Profile as MatchProfile
from missionmatch.models import Mission, Participant, Recommendation
from missionmatch.models.enums import MeetingStatus, RequestStatus


@dataclass
class MatchingReport:
    profiles: int
    recommendations: int
    suggested_meetings: int
    skipped_empty: int
    embedder: str


def match_profile(participant: Participant) -> MatchProfile | None:
    profile = participant.profile
    if profile is None or profile.is_empty:
        return None
    return MatchProfile(
        id=participant.key,
        side=participant.organisation.side.value,
        organisation=participant.organisation.key,
        language=profile.language,
        sectors=tuple(profile.sectors or participant.organisation.sectors),
        offers=profile.offers,
        needs=profile.needs,
        spoken=tuple(participant.languages),
    )


def excluded_pairs(mission: Mission) -> set[tuple[str, str]]:
    """Pairs not to recommend again: already meeting, one declined the other, or the organisers vetoed them.
    (Whom a participant is not interested in is left off their list when it is shown, campaign-wide.)"""
    pairs: set[tuple[str, str]] = set()
    for meeting in mission.meetings:
        if meeting.status != MeetingStatus.CANCELLED:
            keys = [p.key for p in meeting.participants]
            pairs.update((a, b) for a in keys for b in keys if a != b)
    for request in mission.meeting_requests:
        if request.status in (RequestStatus.DECLINED, RequestStatus.VETOED):
            pairs.add((request.requester.key, request.recipient.key))
    return pairs


def interpreter_languages(mission: Mission) -> frozenset[str]:
    return frozenset(
        language
        for session in mission.b2b_sessions
        for pool in session.interpreters
        if pool.count > 0
        for language in (pool.language_a, pool.language_b)
    )


def run_matching(
    session: Session,
    mission: Mission,
    *,
    embedder_name: str | None = None,
    top_k: int = 10,
    cache_dir: Path | None = None,
    now: dt.datetime | None = None,
) -> MatchingReport:
    from missionmatch.matching.cache import SqliteStore
    from missionmatch.matching.embedders import DEFAULT_EMBEDDER, make_embedder
    from missionmatch.matching.recommender import recommend
    from missionmatch.settings import load_settings

    embedder_name = embedder_name or DEFAULT_EMBEDDER
    store = SqliteStore(cache_dir or load_settings().cache_dir)
    people = {p.key: p for p in mission.participants}
    profiles = [mp for p in mission.participants if (mp := match_profile(p)) is not None]
    languages = interpreter_languages(mission)
    config = MatchConfig(top_k=top_k, interpreter_available=bool(languages), interpreter_languages=languages)
    try:
        result = recommend(
            profiles, make_embedder(embedder_name, store=store), config, excluded_pairs(mission)
        )
    finally:
        store.close()

    suggested = {frozenset((pair.a, pair.b)) for pair in result.pairs}
    session.execute(delete(Recommendation).where(Recommendation.mission_id == mission.id))
    created = now or clock.now()
    count = 0
    for key, recommendations in result.recommendations.items():
        for rank, item in enumerate(recommendations, start=1):
            session.add(
                Recommendation(
                    mission_id=mission.id,
                    participant=people[key],
                    candidate=people[item.candidate],
                    rank=rank,
                    score=item.score,
                    reasons=item.reasons.to_dict() if item.reasons else {},
                    suggested_meeting=frozenset((key, item.candidate)) in suggested,
                    embedder=embedder_name,
                    created_at=created,
                )
            )
            count += 1
    session.flush()
    return MatchingReport(
        profiles=len(profiles),
        recommendations=count,
        suggested_meetings=len(suggested),
        skipped_empty=len(mission.participants) - len(profiles),
        embedder=embedder_name,
    )
