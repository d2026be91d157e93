"""The partners the matcher stored for a participant, best first (the web layer applies who may be seen)."""

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from missionmatch.models import Participant, Recommendation
from missionmatch.services.page_loading import PEOPLE


def recommendations_for(session: Session, participant: Participant) -> list[Recommendation]:
    query = select(Recommendation).where(Recommendation.participant_id == participant.id)
    query = query.options(joinedload(Recommendation.candidate).options(*PEOPLE))  # no query per candidate
    return list(session.scalars(query.order_by(Recommendation.rank)))
