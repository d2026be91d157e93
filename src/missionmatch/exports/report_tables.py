"""The mission report as tables (a header and rows), in the reader's language: the page, the PDF and the
workbook (one sheet per table) all show these, so that they never disagree."""

from collections.abc import Callable
from typing import Any

from missionmatch.exports.report_labels import (
    AGREEMENT_STATUSES,
    FOLLOW_UPS,
    SIDES,
    STAGES,
    label,
    sector_label,
)
from missionmatch.exports.report_meeting_tables import (
    agreement_register,
    agreements,
    interpreters,
    meetings,
    report_columns,
)
from missionmatch.exports.tables import Table
from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.services.mission_report import MissionReport, ReportColumn
from missionmatch.services.report_meetings import STAGES as STAGE_CODES

Figure = Callable[[ReportColumn], Any]
NOT_RECORDED = "–"


def _figures(t: Translator) -> list[tuple[str, Figure]]:
    """The comparison's rows: a label and how to read the figure from a column."""
    rows: list[tuple[str, Figure]] = []
    for side in SIDES:
        rows.append((f"{t.gettext(_('Participants'))}: {label(t, SIDES, side)}", _people(side)))
    rows.append((t.gettext(_("Participants in all")), lambda c: c.people.participant_total))
    for side in SIDES:
        rows.append((f"{t.gettext(_('Organisations'))}: {label(t, SIDES, side)}", _organisations(side)))
    rows.append((t.gettext(_("Organisations in all")), lambda c: c.people.organisation_total))
    rows.append((t.gettext(_("Programme items")), lambda c: c.programme_items))
    rows.append((t.gettext(_("Programme registrations")), lambda c: c.programme_registrations))
    rows.append((t.gettext(_("Programme attendance")), lambda c: _recorded(c.programme_attended)))
    for stage in STAGE_CODES:
        rows.append((f"{t.gettext(_('Meetings'))}: {label(t, STAGES, stage)}", _stage(stage)))
    rows += [
        (t.gettext(_("Interpreter hours booked")), lambda c: c.meetings.interpreter_hours_booked),
        (t.gettext(_("Interpreter hours in meetings held")), lambda c: c.meetings.interpreter_hours_held),
        (t.gettext(_("Feedback given")), lambda c: c.outcomes.satisfaction.count),
        (t.gettext(_("Average rating")), lambda c: c.outcomes.satisfaction.mean),
        (t.gettext(_("Follow-ups promised")), lambda c: c.outcomes.follow_ups_promised),
        (t.gettext(_("Follow-ups done")), lambda c: c.outcomes.follow_ups_done),
        (t.gettext(_("Agreements in all")), lambda c: c.outcomes.agreement_total),
    ]
    for status in AGREEMENT_STATUSES:
        rows.append(
            (f"{t.gettext(_('Agreements'))}: {label(t, AGREEMENT_STATUSES, status)}", _agreed(status))
        )
    return rows


def _recorded(count: int | None) -> int | str:
    """A count of people who came, or "–" where nobody recorded attendance (not the same as 0)."""
    return NOT_RECORDED if count is None else count


def _people(side: str) -> Figure:
    return lambda c: c.people.participants[side]


def _organisations(side: str) -> Figure:
    return lambda c: c.people.organisations[side]


def _stage(stage: str) -> Figure:
    return lambda c: c.meetings.stages[stage]


def _agreed(status: str) -> Figure:
    return lambda c: c.outcomes.agreements[status]


def comparison(report: MissionReport, t: Translator) -> Table:
    columns = report_columns(report)
    header = [t.gettext(_("Figure")), *[c.label for c in columns]]
    return header, [[name, *[read(c) for c in columns]] for name, read in _figures(t)]


def sectors(report: MissionReport, t: Translator) -> Table:
    people = report.total.people
    codes = sorted(
        set(people.participants_by_sector) | set(people.organisations_by_sector),
        key=lambda code: (-people.participants_by_sector.get(code, 0), code),
    )
    header = [t.gettext(_("Sector")), t.gettext(_("Participants")), t.gettext(_("Organisations"))]
    rows = [
        [
            sector_label(t, code),
            people.participants_by_sector.get(code, 0),
            people.organisations_by_sector.get(code, 0),
        ]
        for code in codes
    ]
    return header, rows


def programme(report: MissionReport, t: Translator) -> Table:
    header = [
        t.gettext(_("Mission")),
        t.gettext(_("Programme item")),
        t.gettext(_("Starts")),
        t.gettext(_("Registered")),
        t.gettext(_("Came")),
        t.gettext(_("Capacity")),
        t.gettext(_("Waiting")),
    ]
    rows = [
        [
            line.mission,
            line.title,
            f"{t.date(line.starts_at.date())} {t.time(line.starts_at, line.timezone)}",
            line.registered,
            _recorded(line.attended),
            line.capacity,
            line.waiting,
        ]
        for line in report.programme
    ]
    return header, rows


def satisfaction(report: MissionReport, t: Translator) -> Table:
    ratings = report.total.outcomes.satisfaction.ratings
    header = [t.gettext(_("Rating")), t.gettext(_("Feedback given"))]
    return header, [[rating, ratings[rating]] for rating in range(5, 0, -1)]


def follow_ups(report: MissionReport, t: Translator) -> Table:
    header = [t.gettext(_("Follow-up")), t.gettext(_("Promised")), t.gettext(_("Done"))]
    found = report.total.outcomes.follow_ups
    return header, [[label(t, FOLLOW_UPS, kind), *found[kind]] for kind in found]


def report_tables(report: MissionReport, t: Translator) -> dict[str, Table]:
    """Every table of the report by name (the workbook's sheet names and the page's ids)."""
    return {
        "comparison": comparison(report, t),
        "sectors": sectors(report, t),
        "programme": programme(report, t),
        "meetings": meetings(report, t),
        "interpreters": interpreters(report, t),
        "satisfaction": satisfaction(report, t),
        "follow_ups": follow_ups(report, t),
        "agreements": agreements(report, t),
        "agreement_register": agreement_register(report, t),
    }
