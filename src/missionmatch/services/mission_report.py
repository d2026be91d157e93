"""The mission report (bilan) of one mission or of a campaign: pure data, one column per mission for the
comparison and a total in which a person or a company present in several missions counts once
(services/report_people.py). The page, the PDF and the workbook are drawn from it (exports/report_*.py)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from missionmatch.clock import WallTime
from missionmatch.models import (
    Agreement,
    Campaign,
    Feedback,
    Meeting,
    Mission,
    Participant,
    ProgrammeItem,
)
from missionmatch.services.programme_attendance import attendance_counts
from missionmatch.services.programme_waiting import waiting_counts
from missionmatch.services.report_meetings import MeetingCounts, count_meetings
from missionmatch.services.report_outcomes import OutcomeCounts, count_outcomes
from missionmatch.services.report_people import PeopleCounts, count_people


@dataclass(frozen=True)
class ProgrammeLine:
    mission: str
    title: str
    kind: str
    starts_at: WallTime
    timezone: str
    registered: int
    capacity: int | None
    attended: int | None  # None: attendance not recorded for the item
    waiting: int = 0  # on the waiting list when the report was made


@dataclass(frozen=True)
class AgreementLine:
    """One agreement of the register; a confidential one keeps its kind, status and date only."""

    mission: str
    title: str  # "" when confidential
    kind: str
    status: str
    signed_on: dt.date | None
    parties: tuple[str, ...]  # organisation names, () when confidential
    confidential: bool


@dataclass(frozen=True)
class ReportColumn:
    """One mission's figures, or the whole report's."""

    label: str
    people: PeopleCounts
    meetings: MeetingCounts
    outcomes: OutcomeCounts
    programme_items: int
    programme_registrations: int
    programme_attended: int | None  # over the items with attendance recorded; None when there is none


@dataclass(frozen=True)
class MissionReport:
    title: str
    campaign: str | None  # the campaign's name when the report covers one
    missions: list[ReportColumn]  # in order of start date
    total: ReportColumn
    programme: list[ProgrammeLine]
    agreements: list[AgreementLine]  # by mission, then signature date (unsigned last), then title


def _load(session: Session, mission_ids: Sequence[int]) -> list[Mission]:
    query = (
        select(Mission)
        .where(Mission.id.in_(mission_ids))
        .options(
            selectinload(Mission.organisations),
            selectinload(Mission.participants).selectinload(Participant.organisation),
            selectinload(Mission.meeting_requests),
            selectinload(Mission.meetings).selectinload(Meeting.session),
            selectinload(Mission.agreements).selectinload(Agreement.parties),
            selectinload(Mission.programme_items).selectinload(ProgrammeItem.participants),
        )
        .order_by(Mission.start_date, Mission.id)
    )
    return list(session.scalars(query))


def _feedback(session: Session, mission: Mission) -> list[Feedback]:
    query = select(Feedback).join(Meeting, Meeting.id == Feedback.meeting_id)
    return list(session.scalars(query.where(Meeting.mission_id == mission.id).order_by(Feedback.id)))


def _attended(items: list[ProgrammeItem], attended: dict[int, int | None]) -> int | None:
    recorded = [n for n in (attended[i.id] for i in items) if n is not None]
    return sum(recorded) if recorded else None


def _column(
    label: str, missions: list[Mission], feedback: list[Feedback], attended: dict[int, int | None]
) -> ReportColumn:
    meetings = [count_meetings(m.meeting_requests, m.meetings) for m in missions]
    total = meetings[0]
    for more in meetings[1:]:
        total = total + more
    items = [item for m in missions for item in m.programme_items]
    return ReportColumn(
        label=label,
        people=count_people(
            [o for m in missions for o in m.organisations], [p for m in missions for p in m.participants]
        ),
        meetings=total,
        outcomes=count_outcomes(feedback, [a for m in missions for a in m.agreements]),
        programme_items=len(items),
        programme_registrations=sum(len(item.participants) for item in items),
        programme_attended=_attended(items, attended),
    )


def _programme(
    missions: list[Mission], attended: dict[int, int | None], waiting: dict[int, int]
) -> list[ProgrammeLine]:
    return [
        ProgrammeLine(
            m.name,
            i.title,
            i.kind.value,
            i.starts_at,
            m.timezone,
            len(i.participants),
            i.capacity,
            attended[i.id],
            waiting[i.id],
        )
        for m in missions
        for i in m.programme_items
    ]


def _agreement(mission: Mission, agreement: Agreement) -> AgreementLine:
    hidden = agreement.confidential
    return AgreementLine(
        mission.name,
        "" if hidden else agreement.title,
        agreement.kind.value,
        agreement.status.value,
        agreement.signed_on,
        () if hidden else tuple(party.name for party in agreement.parties),
        hidden,
    )


def _agreements(missions: list[Mission]) -> list[AgreementLine]:
    return [
        _agreement(m, a)
        for m in missions
        for a in sorted(
            m.agreements, key=lambda a: (a.signed_on is None, a.signed_on or dt.date.min, a.title)
        )
    ]


def build_report(
    session: Session, missions: Sequence[Mission], *, title: str, campaign: str | None = None
) -> MissionReport:
    """`missions` must not be empty; the total column is labelled with `title`."""
    if not missions:
        raise ValueError("a report needs at least one mission")
    loaded = _load(session, [m.id for m in missions])
    feedback = {m.id: _feedback(session, m) for m in loaded}
    attended = attendance_counts(session, [i for m in loaded for i in m.programme_items])
    columns = [_column(m.name, [m], feedback[m.id], attended) for m in loaded]
    everything = [f for m in loaded for f in feedback[m.id]]
    total = columns[0] if len(loaded) == 1 else _column(title, loaded, everything, attended)
    waiting = waiting_counts(session, [i for m in loaded for i in m.programme_items])
    programme = _programme(loaded, attended, waiting)
    return MissionReport(title, campaign, columns, total, programme, _agreements(loaded))


def mission_report(session: Session, mission: Mission) -> MissionReport:
    return build_report(session, [mission], title=mission.name)


def campaign_report(session: Session, campaign: Campaign) -> MissionReport:
    if not campaign.missions:
        raise ValueError(f"campaign {campaign.name!r} has no mission")
    return build_report(session, campaign.missions, title=campaign.name, campaign=campaign.name)
