"""The mission report's figures as API bodies: the same `MissionReport` the page, the PDF and the workbook
are drawn from (services/mission_report.py), turned into typed JSON and nothing computed again."""

import datetime as dt

from pydantic import BaseModel, Field

from missionmatch.clock import wall_with_offset
from missionmatch.services.mission_report import AgreementLine, MissionReport, ProgrammeLine, ReportColumn
from missionmatch.services.report_meetings import InterpreterUse
from missionmatch.web.routes.api.schemas import MissionTime


class SidesOut(BaseModel):
    delegation: int
    host: int
    total: int


class PeopleOut(BaseModel):
    """Counted once across the missions of the column: a person by e-mail, a company by normalised name."""

    participants: SidesOut
    organisations: SidesOut
    participants_by_sector: dict[str, int]  # sector code -> people, most first
    organisations_by_sector: dict[str, int]  # sector code -> organisations, most first


class InterpretingOut(BaseModel):
    pair: str = Field(description='Two language codes in alphabetical order, e.g. "fr-ja"; "" for all pairs.')
    meetings: int  # published, held or no-show meetings with an interpreter
    hours_booked: float
    hours_held: float


class MeetingsOut(BaseModel):
    requested: int
    accepted: int
    scheduled: int  # placed and published, held or no-show
    held: int
    no_show: int
    cancelled: int
    interpreting: InterpretingOut  # every pair together
    interpreting_by_pair: list[InterpretingOut]  # the pairs used, alphabetical


class RatingOut(BaseModel):
    rating: int  # 1 to 5
    count: int


class SatisfactionOut(BaseModel):
    count: int
    mean: float | None  # rounded to 2 decimals; null without feedback
    ratings: list[RatingOut]  # 1 to 5, each listed


class FollowUpCountOut(BaseModel):
    kind: str  # call, visit, offer, agreement...
    promised: int
    done: int


class ReportColumnOut(BaseModel):
    label: str  # the mission's name, or the report's title for the total
    people: PeopleOut
    meetings: MeetingsOut
    satisfaction: SatisfactionOut
    follow_ups: list[FollowUpCountOut]  # every kind listed
    follow_ups_promised: int
    follow_ups_done: int
    agreements_by_status: dict[str, int]  # every status listed
    agreements_by_kind: dict[str, int]  # every kind listed
    agreements: int
    programme_items: int
    programme_registrations: int
    programme_attended: int | None  # over the items with attendance recorded; null when there is none


class ProgrammeLineOut(BaseModel):
    mission: str
    title: str
    kind: str
    starts_at: MissionTime
    registered: int
    attended: int | None  # null: attendance not recorded for the item
    capacity: int | None
    waiting: int  # on the waiting list


class RegisteredAgreementOut(BaseModel):
    """A confidential agreement keeps its kind, status and date only: title "" and no parties."""

    mission: str
    title: str
    kind: str
    status: str
    signed_on: dt.date | None
    parties: list[str]  # organisation names
    confidential: bool


class ReportOut(BaseModel):
    title: str
    campaign: str | None  # the campaign's name when the report covers one
    headline: str = Field(description="The figures in one sentence, in the Accept-Language.")
    missions: list[ReportColumnOut]  # one per mission, in order of start date: the comparison
    total: ReportColumnOut  # people and companies in several missions counted once
    programme: list[ProgrammeLineOut]
    agreement_register: list[RegisteredAgreementOut]


def _sides(counts: dict[str, int]) -> SidesOut:
    return SidesOut(delegation=counts["delegation"], host=counts["host"], total=sum(counts.values()))


def _interpreting(pair: str, use: InterpreterUse) -> InterpretingOut:
    return InterpretingOut(
        pair=pair, meetings=use.meetings, hours_booked=use.hours_booked, hours_held=use.hours_held
    )


def column_out(column: ReportColumn) -> ReportColumnOut:
    people, meetings, outcomes = column.people, column.meetings, column.outcomes
    stages = meetings.stages
    return ReportColumnOut(
        label=column.label,
        people=PeopleOut(
            participants=_sides(people.participants),
            organisations=_sides(people.organisations),
            participants_by_sector=people.participants_by_sector,
            organisations_by_sector=people.organisations_by_sector,
        ),
        meetings=MeetingsOut(
            requested=stages["requested"],
            accepted=stages["accepted"],
            scheduled=stages["scheduled"],
            held=stages["held"],
            no_show=stages["no_show"],
            cancelled=stages["cancelled"],
            interpreting=_interpreting("", meetings.interpreting),
            interpreting_by_pair=[_interpreting(p, use) for p, use in meetings.interpreters.items()],
        ),
        satisfaction=SatisfactionOut(
            count=outcomes.satisfaction.count,
            mean=outcomes.satisfaction.mean,
            ratings=[RatingOut(rating=r, count=n) for r, n in sorted(outcomes.satisfaction.ratings.items())],
        ),
        follow_ups=[
            FollowUpCountOut(kind=kind, promised=promised, done=done)
            for kind, (promised, done) in outcomes.follow_ups.items()
        ],
        follow_ups_promised=outcomes.follow_ups_promised,
        follow_ups_done=outcomes.follow_ups_done,
        agreements_by_status=outcomes.agreements,
        agreements_by_kind=outcomes.agreement_kinds,
        agreements=outcomes.agreement_total,
        programme_items=column.programme_items,
        programme_registrations=column.programme_registrations,
        programme_attended=column.programme_attended,
    )


def _programme_item(line: ProgrammeLine) -> ProgrammeLineOut:
    return ProgrammeLineOut(
        mission=line.mission,
        title=line.title,
        kind=line.kind,
        starts_at=wall_with_offset(line.starts_at, line.timezone),
        registered=line.registered,
        attended=line.attended,
        capacity=line.capacity,
        waiting=line.waiting,
    )


def _agreement(line: AgreementLine) -> RegisteredAgreementOut:
    return RegisteredAgreementOut(
        mission=line.mission,
        title=line.title,
        kind=line.kind,
        status=line.status,
        signed_on=line.signed_on,
        parties=list(line.parties),
        confidential=line.confidential,
    )


def report_out(report: MissionReport, headline: str) -> ReportOut:
    return ReportOut(
        title=report.title,
        campaign=report.campaign,
        headline=headline,
        missions=[column_out(c) for c in report.missions],
        total=column_out(report.total),
        programme=[_programme_item(line) for line in report.programme],
        agreement_register=[_agreement(line) for line in report.agreements],
    )
