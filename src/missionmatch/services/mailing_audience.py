"""Who a mailing goes to. The organiser chooses a scope (everyone not yet signed in, one side, or a selection
from the participant list); the mailing's kind then keeps those it concerns:

- invitation: everyone chosen;
- profile: those whose profile lacks what they offer, what they need or a sector;
- requests: those who have a meeting request to answer (pending, not yet expired);
- agenda: those with a meeting in the published schedule.

Withdrawn and erased participants are never mailed. Read in SQL, in the list's order (family name)."""

import datetime as dt
from typing import Final

from sqlalchemy import Exists, Select, Text, cast, exists, or_, select
from sqlalchemy.orm import Session

from missionmatch.models import (
    LoginLink,
    Meeting,
    MeetingRequest,
    Mission,
    Organisation,
    Participant,
    Profile,
)
from missionmatch.models.enums import MeetingStatus, RequestStatus, Side
from missionmatch.models.mailing import MailingKind
from missionmatch.models.meeting import meeting_attendee

SCOPES: Final = ("not_signed_in", "side", "selection", "everyone")


class AudienceRefused(Exception):
    """The choice of recipients is not one we know: `field` names what is wrong."""

    def __init__(self, field: str, value: str) -> None:
        self.field, self.value = field, value
        super().__init__(f"{field}: {value!r}")


def _signed_in() -> Exists:
    return exists().where(LoginLink.participant_id == Participant.id, LoginLink.used_at.is_not(None))


def _concerned(query: Select[Participant], kind: MailingKind, now: dt.datetime) -> Select[Participant]:
    if kind == MailingKind.PROFILE:
        complete = exists().where(
            Profile.participant_id == Participant.id,
            Profile.offers != "",
            Profile.needs != "",
            cast(Profile.sectors, Text) != "[]",  # a JSON list, stored as text on both databases
        )
        return query.where(~complete)
    if kind == MailingKind.REQUESTS:
        return query.where(
            exists().where(
                MeetingRequest.recipient_id == Participant.id,
                MeetingRequest.status == RequestStatus.PENDING,
                or_(MeetingRequest.expires_at.is_(None), MeetingRequest.expires_at > now),
            )
        )
    if kind == MailingKind.AGENDA:
        return query.where(
            exists()
            .where(meeting_attendee.c.participant_id == Participant.id)
            .where(Meeting.id == meeting_attendee.c.meeting_id, Meeting.status == MeetingStatus.PUBLISHED)
        )
    return query


def recipients(
    session: Session,
    mission: Mission,
    kind: MailingKind,
    scope: str,
    *,
    side: str = "",
    ids: list[int] | None = None,
    now: dt.datetime,
) -> list[Participant]:
    """The participants the mailing goes to; AudienceRefused for a scope or side we do not know."""
    if scope not in SCOPES:
        raise AudienceRefused("scope", scope)
    query = select(Participant).where(
        Participant.mission_id == mission.id,
        Participant.withdrawn_at.is_(None),
        Participant.erased_at.is_(None),
    )
    if scope == "not_signed_in":
        query = query.where(~_signed_in())
    elif scope == "side":
        if side not in {s.value for s in Side}:
            raise AudienceRefused("side", side)
        query = query.join(Organisation).where(Organisation.side == side)
    elif scope == "selection":
        query = query.where(Participant.id.in_(list(dict.fromkeys(ids or []))))
    query = _concerned(query, kind, now)
    order = (Participant.last_name, Participant.first_name, Participant.id)
    return list(session.scalars(query.order_by(*order)))
