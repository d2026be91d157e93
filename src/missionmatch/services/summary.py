"""The numbers an organiser asks for first: who comes, from where, in which sectors, what is planned."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from missionmatch.models import (
    Agreement,
    B2BSession,
    Meeting,
    MeetingRequest,
    Mission,
    Organisation,
    Participant,
    Profile,
    ProgrammeItem,
)
from missionmatch.models.enums import Side


@dataclass
class MissionSummary:
    name: str
    dates: str
    cities: list[str]
    organisations: dict[str, int]  # side -> count
    participants: dict[str, int]  # side -> count
    sectors: dict[str, int]  # sector -> organisations
    profile_languages: dict[str, int]
    empty_profiles: int
    programme_items: int
    b2b_capacity: int  # slots x tables over all sessions
    requests: dict[str, int] = field(default_factory=dict)  # status -> count
    meetings: dict[str, int] = field(default_factory=dict)  # status -> count
    scheduled_meetings: int = 0
    agreements: int = 0


def summarise(session: Session, mission: Mission) -> MissionSummary:
    """Counted in SQL, a statement per kind: the dashboard of a 3,000-person mission loads no rows."""
    sides = [Side.DELEGATION.value, Side.HOST.value]
    organisations = _by(session, Organisation.side, Organisation.mission_id == mission.id)
    participants = _by(
        session, Organisation.side, Participant.mission_id == mission.id, join=(Organisation, Participant)
    )
    requests = _by(session, MeetingRequest.status, MeetingRequest.mission_id == mission.id)
    listed = session.scalars(select(Organisation.sectors).where(Organisation.mission_id == mission.id))
    sectors = Counter(sector for of_one in listed for sector in of_one or ())
    filled = (_blank(Profile.offers) == 0) & (_blank(Profile.needs) == 0)
    languages = session.execute(
        select(Profile.language, func.count(), func.sum(case((filled, 0), else_=1)))
        .join(Participant, Participant.id == Profile.participant_id)
        .where(Participant.mission_id == mission.id)
        .group_by(Profile.language)
    ).tuples()
    profiles = sorted((str(language), int(n), int(kept or 0)) for language, n, kept in languages)
    placed = func.sum(case((Meeting.slot.is_not(None), 1), else_=0))
    rows = session.execute(
        select(Meeting.status, func.count(), placed)
        .where(Meeting.mission_id == mission.id)
        .group_by(Meeting.status)
    ).tuples()
    meetings = sorted((_value(status), int(n), int(in_slot or 0)) for status, n, in_slot in rows)
    items, capacity, agreements = (
        int(n or 0)
        for n in session.execute(
            select(
                _scalar(func.count(), ProgrammeItem.mission_id == mission.id),
                _scalar(
                    func.sum(B2BSession.slot_count * B2BSession.tables), B2BSession.mission_id == mission.id
                ),
                _scalar(func.count(), Agreement.mission_id == mission.id),
            )
        ).one()
    )
    return MissionSummary(
        name=mission.name,
        dates=f"{mission.start_date.isoformat()} – {mission.end_date.isoformat()}",
        cities=list(mission.cities),
        organisations={side: organisations.get(side, 0) for side in sides},
        participants={side: participants.get(side, 0) for side in sides},
        sectors=dict(sorted(sectors.items(), key=lambda item: (-item[1], item[0]))),
        profile_languages={language: n for language, n, _ in profiles},
        empty_profiles=sum(participants.values()) - sum(kept for _, _, kept in profiles),
        programme_items=items,
        b2b_capacity=capacity,
        requests=dict(sorted(requests.items())),
        meetings={status: n for status, n, _ in meetings},
        scheduled_meetings=sum(in_slot for _, _, in_slot in meetings),
        agreements=agreements,
    )


def _scalar(aggregate: Any, where: Any) -> Any:
    return select(aggregate).where(where).scalar_subquery()


# what str.strip() takes off a profile text that people actually type (Japanese full-width space included)
_WHITESPACE = (" ", "\t", "\n", "\r", "\u3000", "\xa0", "\x0b", "\x0c")


def _blank(column: Any) -> Any:
    """The text's length once every whitespace character is removed: 0 for a blank text (Profile.is_empty)."""
    for char in _WHITESPACE:
        column = func.replace(column, char, "")
    return func.length(column)


def _value(status: Any) -> str:
    return str(status.value if hasattr(status, "value") else status)


def _by(session: Session, column: Any, where: Any, join: tuple[type, type] | None = None) -> dict[str, int]:
    query = select(column, func.count()).where(where).group_by(column)
    if join is not None:
        query = query.select_from(join[1]).join(join[0])
    return {_value(key): int(n) for key, n in session.execute(query).tuples()}


def format_summary(summary: MissionSummary) -> str:
    def counts(values: dict[str, int]) -> str:
        return ", ".join(f"{key} {value}" for key, value in values.items()) or "none"

    lines = [
        f"{summary.name}  ({summary.dates}; {', '.join(summary.cities)})",
        f"  organisations: {counts(summary.organisations)}",
        f"  participants:  {counts(summary.participants)} (empty profiles: {summary.empty_profiles})",
        f"  profile languages: {counts(summary.profile_languages)}",
        f"  sectors: {counts(summary.sectors)}",
        f"  programme items: {summary.programme_items}; B2B capacity: {summary.b2b_capacity} meeting places",
        f"  meeting requests: {counts(summary.requests)}",
        f"  meetings: {counts(summary.meetings)} ({summary.scheduled_meetings} placed in a slot)",
        f"  agreements: {summary.agreements}",
    ]
    return "\n".join(lines)
