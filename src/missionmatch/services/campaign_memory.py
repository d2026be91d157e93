"""Who met whom in an earlier mission of the same campaign: the same two people (by e-mail), or people of the
same two companies (by organisation name), at a meeting held. Shown on recommendation cards and requests
("met in Tokyo, May 2025"), used to keep them off recommendations unless asked, and to mark a request
between them as a follow-up meeting."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from missionmatch.models import Meeting, Mission, Participant
from missionmatch.models.enums import MeetingStatus


@dataclass(frozen=True)
class PastMeeting:
    mission: str  # the earlier mission's name
    city: str  # where it was held (the mission's first city, else its name)
    held_on: dt.date
    same_people: bool  # False: the same companies, other representatives


def _company(participant: Participant) -> str:
    return participant.organisation.name.casefold()


def _earlier_meetings(session: Session, mission: Mission) -> list[Meeting]:
    if mission.campaign_id is None:
        return []
    earlier = select(Mission.id).where(
        Mission.campaign_id == mission.campaign_id,
        Mission.id != mission.id,
        Mission.start_date < mission.start_date,
    )
    query = (
        select(Meeting)
        .where(Meeting.mission_id.in_(earlier), Meeting.status == MeetingStatus.HELD)
        .options(
            selectinload(Meeting.participants).joinedload(Participant.organisation),
            joinedload(Meeting.mission),
            joinedload(Meeting.session),
        )
    )
    return list(session.scalars(query))


def past_meetings(
    session: Session, participant: Participant, others: Iterable[Participant]
) -> dict[int, list[PastMeeting]]:
    """For each of `others` (by id) the earlier meetings held with `participant` or their company, the
    most recent first; others never met are absent."""
    wanted = {p.id: p for p in others}
    found: dict[int, list[PastMeeting]] = {}
    for meeting in _earlier_meetings(session, participant.mission):
        people = meeting.participants
        mine = [p for p in people if _company(p) == _company(participant)]
        if not mine:
            continue
        me_there = any(p.email == participant.email for p in mine)
        theirs = [p for p in people if p.organisation.side != mine[0].organisation.side]
        earlier = meeting.mission
        held_on = meeting.session.starts_at.date() if meeting.session else earlier.start_date
        city = earlier.cities[0] if earlier.cities else earlier.name
        for other in wanted.values():
            same_people = me_there and any(p.email == other.email for p in theirs)
            if same_people or any(_company(p) == _company(other) for p in theirs):
                found.setdefault(other.id, []).append(PastMeeting(earlier.name, city, held_on, same_people))
    for entries in found.values():
        entries.sort(key=lambda m: (m.held_on, m.same_people), reverse=True)
    return found


def follow_up_requests(session: Session, mission: Mission) -> set[int]:
    """Ids of the mission's requests between two who met (same people or same companies) in an earlier
    mission of the campaign: follow-up meetings. One read of the earlier meetings for the whole board."""
    people_met: set[frozenset[str]] = set()
    companies_met: set[frozenset[str]] = set()
    for meeting in _earlier_meetings(session, mission):
        attendees = meeting.participants
        for a in attendees:
            for b in attendees:
                if a.organisation.side != b.organisation.side:
                    people_met.add(frozenset((a.email, b.email)))
                    companies_met.add(frozenset((_company(a), _company(b))))
    if not companies_met:
        return set()
    return {
        r.id
        for r in mission.meeting_requests
        if frozenset((r.requester.email, r.recipient.email)) in people_met
        or frozenset((_company(r.requester), _company(r.recipient))) in companies_met
    }
