"""A participant's recommendations per organisation (`matching.company_cards`), with the people and the
reasons to show: the default view of the recommendations page (the person-level list stays available)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from missionmatch.matching.company_cards import PersonMatch, company_cards
from missionmatch.models import Organisation, Participant, Recommendation
from missionmatch.services.page_loading import PEOPLE


@dataclass
class CompanyRecommendation:
    organisation: Organisation
    best: Recommendation  # its reasons explain the card
    meet: list[Participant]  # whom of that organisation to meet, best first
    colleagues: list[Participant]  # the viewer's colleagues matched with it too: they should come along


def company_recommendations(
    session: Session, me: Participant, visible: set[int] | None = None
) -> list[CompanyRecommendation]:
    """One card per recommended organisation; `visible`: the candidates the viewer may see (None: all)."""
    team = [p.id for p in me.organisation.participants if p.erased_at is None or p.id == me.id]
    query = (
        select(Recommendation)
        .where(Recommendation.participant_id.in_(team))
        .options(joinedload(Recommendation.candidate).options(*PEOPLE))
    )
    rows = [r for r in session.scalars(query) if visible is None or r.candidate_id in visible]
    people = {r.candidate_id: r.candidate for r in rows} | {p.id: p for p in me.organisation.participants}
    matches = [
        PersonMatch(r.participant_id, r.candidate_id, r.candidate.organisation_id, r.score, r.rank)
        for r in rows
    ]
    by_pair = {(r.participant_id, r.candidate_id): r for r in rows}
    return [
        CompanyRecommendation(
            organisation=people[card.best.candidate].organisation,
            best=by_pair[(card.best.participant, card.best.candidate)],
            meet=[people[i] for i in card.meet],
            colleagues=[people[i] for i in card.colleagues],
        )
        for card in company_cards(me.id, matches)
    ]
