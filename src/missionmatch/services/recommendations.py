"""The partners the matcher stored for a participant, best first (the web layer applies who may be seen)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Participant, Recommendation


def recommendations_for(session: Session, participant: Participant) -> list[Recommendation]:
    query = select(Recommendation).where(Recommendation.participant_id == participant.id)
    return list(session.scalars(query.order_by(Recommendation.rank)))
