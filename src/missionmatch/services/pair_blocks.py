"""Pairs that may not be asked for a meeting: vetoed by the organisers in this mission, or one of the two is
"not interested" in the other (anywhere in the campaign: the same person is the same e-mail in each of its
missions). Read by sending, recommendations and must-meet meetings alike."""

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from missionmatch.models import MeetingRequest, Mission, Participant, PartnerExclusion
from missionmatch.models.enums import ExclusionKind, RequestStatus


def vetoed_between(session: Session, a: Participant, b: Participant) -> bool:
    pair = or_(
        and_(MeetingRequest.requester_id == a.id, MeetingRequest.recipient_id == b.id),
        and_(MeetingRequest.requester_id == b.id, MeetingRequest.recipient_id == a.id),
    )
    query = select(MeetingRequest.id).where(pair, MeetingRequest.status == RequestStatus.VETOED)
    return session.scalar(query.limit(1)) is not None


def campaign_mission_ids(session: Session, mission: Mission) -> list[int]:
    """The missions of `mission`'s campaign (itself alone when it has none)."""
    if mission.campaign_id is None:
        return [mission.id]
    return list(session.scalars(select(Mission.id).where(Mission.campaign_id == mission.campaign_id)))


def not_interested_emails(session: Session, participant: Participant) -> set[str]:
    """E-mails of the people this person (by e-mail) marked "not interested" in any mission of the
    campaign."""
    owner, other = aliased(Participant), aliased(Participant)
    query = (
        select(other.email)
        .select_from(PartnerExclusion)
        .join(owner, PartnerExclusion.participant_id == owner.id)
        .join(other, PartnerExclusion.other_id == other.id)
        .where(
            PartnerExclusion.kind == ExclusionKind.NOT_INTERESTED,
            owner.email == participant.email,
            owner.mission_id.in_(campaign_mission_ids(session, participant.mission)),
        )
    )
    return set(session.scalars(query))


def not_interested(session: Session, who: Participant, in_whom: Participant) -> bool:
    return in_whom.email in not_interested_emails(session, who)
