"""What sending a meeting request checks about the two people, read in one statement: the requester's open
requests (the mission's limit), an open request between them (a duplicate), an organisers' veto, and "not
interested" either way (by e-mail, anywhere in the mission's campaign, as services/pair_blocks.py defines it).

Why one statement: in the rush after a publication every send ran six small queries here, each paying
SQLAlchemy's statement overhead, while holding the write lock. Same answers as `open_request_between`,
`pair_blocks.vetoed_between` and `pair_blocks.not_interested`; tests/services/test_request_checks.py holds
them side by side."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Integer, Select, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from missionmatch.models import MeetingRequest, Mission, Participant, PartnerExclusion
from missionmatch.models.enums import ExclusionKind, RequestStatus

OPEN_STATUSES = (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING, RequestStatus.ACCEPTED)

REQUEST = MeetingRequest.__table__
EXCLUSION = PartnerExclusion.__table__
MISSION = Mission.__table__
OWNER = Participant.__table__.alias("owner")
OTHER = Participant.__table__.alias("other")


@dataclass(frozen=True)
class PairState:
    open_of_requester: int  # open or accepted requests the requester sent (what the limit counts)
    open_between: bool  # either way
    vetoed: bool
    requester_not_interested: bool  # the requester marked the recipient
    recipient_not_interested: bool  # the recipient marked the requester


def _between() -> Any:
    a: BindParameter[int] = bindparam("requester_id", type_=Integer)
    b: BindParameter[int] = bindparam("recipient_id", type_=Integer)
    return or_(
        and_(REQUEST.c.requester_id == a, REQUEST.c.recipient_id == b),
        and_(REQUEST.c.requester_id == b, REQUEST.c.recipient_id == a),
    )


def _not_interested(who: str, in_whom: str) -> Any:
    # the missions of the campaign, or the mission alone: campaign_id = NULL matches no row
    campaign = select(MISSION.c.id).where(
        or_(MISSION.c.id == bindparam("mission_id"), MISSION.c.campaign_id == bindparam("campaign_id"))
    )
    joined = EXCLUSION.join(OWNER, EXCLUSION.c.participant_id == OWNER.c.id).join(
        OTHER, EXCLUSION.c.other_id == OTHER.c.id
    )
    return (
        exists()
        .select_from(joined)
        .where(
            EXCLUSION.c.kind == ExclusionKind.NOT_INTERESTED,
            OWNER.c.email == bindparam(who),
            OTHER.c.email == bindparam(in_whom),
            OWNER.c.mission_id.in_(campaign.scalar_subquery()),
        )
    )


def _statement() -> Select[Any]:
    open_of_requester = (
        select(func.count())
        .select_from(REQUEST)
        .where(REQUEST.c.requester_id == bindparam("requester_id"), REQUEST.c.status.in_(OPEN_STATUSES))
        .scalar_subquery()
    )
    return select(
        open_of_requester,
        exists().where(_between(), REQUEST.c.status.in_(OPEN_STATUSES)),
        exists().where(_between(), REQUEST.c.status == RequestStatus.VETOED),
        _not_interested("requester_email", "recipient_email"),
        _not_interested("recipient_email", "requester_email"),
    )


STATEMENT = _statement()  # built once: each send only binds its parameters


def pair_state(session: Session, requester: Participant, recipient: Participant) -> PairState:
    """The checks of two people of one mission, as of now (call it under the lock that orders sends)."""
    mission = requester.mission
    parameters = {
        "requester_id": requester.id,
        "recipient_id": recipient.id,
        "requester_email": requester.email,
        "recipient_email": recipient.email,
        "mission_id": mission.id,
        "campaign_id": mission.campaign_id,
    }
    row = session.execute(STATEMENT, parameters).one()
    return PairState(int(row[0]), bool(row[1]), bool(row[2]), bool(row[3]), bool(row[4]))
