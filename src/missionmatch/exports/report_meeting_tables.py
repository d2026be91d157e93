"""The report's tables of what the B2B programme did: the meetings at each stage, the interpreters' hours by
language pair, the agreements by status and their register. A column (or rows) per mission, then the
campaign's total; a meeting or an agreement belongs to one mission, so the total is their sum."""

from missionmatch.exports.report_labels import AGREEMENT_KINDS, AGREEMENT_STATUSES, STAGES, label
from missionmatch.exports.tables import Table
from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.services.mission_report import MissionReport, ReportColumn
from missionmatch.services.report_meetings import STAGES as STAGE_CODES
from missionmatch.services.report_meetings import InterpreterUse


def report_columns(report: MissionReport) -> list[ReportColumn]:
    """A column per mission, then the total when there are several (in which people count once)."""
    return report.missions if len(report.missions) == 1 else [*report.missions, report.total]


def meetings(report: MissionReport, t: Translator) -> Table:
    columns = report_columns(report)
    header = [t.gettext(_("Meetings")), *[c.label for c in columns]]
    rows = [[label(t, STAGES, stage), *[c.meetings.stages[stage] for c in columns]] for stage in STAGE_CODES]
    return header, rows


def _languages(t: Translator, pair: str) -> str:
    return "–".join(t.language_name(code) for code in pair.split("-"))


def _use_row(mission: str, languages: str, use: InterpreterUse) -> list[str | int | float]:
    return [mission, languages, use.meetings, use.hours_booked, use.hours_held]


def interpreters(report: MissionReport, t: Translator) -> Table:
    """Per mission and language pair, then (for a campaign) per pair over all missions, then in all."""
    header = [
        t.gettext(_("Mission")),
        t.gettext(_("Languages")),
        t.gettext(_("Meetings with an interpreter")),
        t.gettext(_("Interpreter hours booked")),
        t.gettext(_("Interpreter hours in meetings held")),
    ]
    rows = [
        _use_row(column.label, _languages(t, pair), use)
        for column in report.missions
        for pair, use in column.meetings.interpreters.items()
    ]
    total = report.total.meetings
    if len(report.missions) > 1:
        rows += [_use_row(report.title, _languages(t, p), use) for p, use in total.interpreters.items()]
    rows.append(_use_row(report.title, t.gettext(_("All languages")), total.interpreting))
    return header, rows


def agreements(report: MissionReport, t: Translator) -> Table:
    columns = report_columns(report)
    header = [t.gettext(_("Agreements")), *[c.label for c in columns]]
    rows = [
        [label(t, AGREEMENT_STATUSES, status), *[c.outcomes.agreements[status] for c in columns]]
        for status in AGREEMENT_STATUSES
    ]
    rows.append([t.gettext(_("Agreements in all")), *[c.outcomes.agreement_total for c in columns]])
    return header, rows


def agreement_register(report: MissionReport, t: Translator) -> Table:
    """Every agreement; a confidential one shows its kind, status and date, never its title or parties."""
    header = [
        t.gettext(_("Agreement")),
        t.gettext(_("Mission")),
        t.gettext(_("Kind")),
        t.gettext(_("Status")),
        t.gettext(_("Signed on")),
        t.gettext(_("Parties")),
    ]
    rows = [
        [
            t.gettext(_("Confidential agreement")) if line.confidential else line.title,
            line.mission,
            label(t, AGREEMENT_KINDS, line.kind),
            label(t, AGREEMENT_STATUSES, line.status),
            t.date(line.signed_on) if line.signed_on else None,
            "" if line.confidential else ", ".join(line.parties),
        ]
        for line in report.agreements
    ]
    return header, rows
