"""The mission report as HTML: one body (figures, tables and the SVG charts) that the organisers' page
embeds and that, wrapped with a print stylesheet, is the standalone file and the PDF (WeasyPrint, the
agendas' offline fetcher and system fonts: nothing is downloaded)."""

from markupsafe import Markup

from missionmatch.exports.agenda_pdf import TEMPLATES, html_to_pdf
from missionmatch.exports.report_charts import report_charts
from missionmatch.exports.report_tables import report_tables
from missionmatch.i18n import Translator
from missionmatch.i18n import mark as _
from missionmatch.localized import viewing_in
from missionmatch.services.mission_report import MissionReport

TITLES = {
    "comparison": _("Figures by mission"),
    "sectors": _("Participants and organisations by sector"),
    "programme": _("Programme and attendance"),
    "meetings": _("Meetings from request to outcome"),
    "interpreters": _("Interpreter hours"),
    "satisfaction": _("Satisfaction"),
    "follow_ups": _("Follow-ups"),
    "agreements": _("Agreements by status"),
    "agreement_register": _("Agreements register"),
}
CHART_TITLES = {
    "meetings": _("Meetings by status"),
    "sectors": _("Participants by sector"),
    "satisfaction": _("Ratings of the meetings"),
}


def headline(report: MissionReport, t: Translator) -> str:
    """The sentence a press release opens with: "160 participants from 95 organisations in the delegation…",
    people and organisations counted once across the missions."""
    people, meetings = report.total.people, report.total.meetings
    return t.gettext(
        _(
            "%(delegates)s participants from %(delegate_organisations)s organisations in the delegation met "
            "%(hosts)s people from %(host_organisations)s host organisations: %(scheduled)s B2B meetings "
            "scheduled, %(held)s held, %(agreements)s agreements."
        ),
        delegates=people.participants["delegation"],
        delegate_organisations=people.organisations["delegation"],
        hosts=people.participants["host"],
        host_organisations=people.organisations["host"],
        scheduled=meetings.stages["scheduled"],
        held=meetings.stages["held"],
        agreements=report.total.outcomes.agreement_total,
    )


def report_body(report: MissionReport, t: Translator) -> Markup:
    """The report's content, without page or stylesheet (every text escaped by the template)."""
    with viewing_in(t.language):  # mission names and programme titles in the report's language
        html = TEMPLATES.get_template("report_body.html").render(
            report=report,
            headline=headline(report, t),
            tables=report_tables(report, t),
            titles=TITLES,
            charts={name: Markup(svg) for name, svg in report_charts(report, t).items()},
            chart_titles=CHART_TITLES,
            _=t.gettext,
        )
    return Markup(html)


def report_document(report: MissionReport, t: Translator) -> str:
    """A whole HTML file: the body with its print stylesheet."""
    return TEMPLATES.get_template("report_document.html").render(
        report=report, body=report_body(report, t), lang=t.language
    )


def report_pdf(report: MissionReport, t: Translator) -> bytes:
    return html_to_pdf(report_document(report, t))
