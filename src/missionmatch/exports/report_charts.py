"""The mission report's charts as SVG, drawn by matplotlib's SVG backend without pyplot (no global state,
safe in a web worker). The same SVG goes into the page and the PDF, and is the same from one run to the
next: a fixed hash salt for the ids and no date in the metadata. Text stays text (svg.fonttype "none"), so
the page's and the PDF's fonts draw it, Japanese included. Every bar carries an id `bar-<chart>-<n>`."""

import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from missionmatch.exports.report_labels import STAGES, label, sector_label
from missionmatch.i18n import Translator
from missionmatch.services.mission_report import MissionReport

# the stages a meeting ends in, after the requests
MEETING_STAGES = ("scheduled", "held", "no_show", "cancelled")
COLOURS = ("#2b6cb0", "#38a169", "#d69e2e", "#c53030", "#805ad5", "#718096")
# typed Any: matplotlib types rc_context with a Literal of every key
_STYLE: Any = {
    "svg.hashsalt": "missionmatch-report",
    "svg.fonttype": "none",
    "font.family": ["DejaVu Sans", "Noto Sans CJK JP", "sans-serif"],
    "font.size": 9,
}
MAX_SECTORS = 12


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    FigureCanvasSVG(figure)
    with matplotlib.rc_context(_STYLE):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # inline in HTML: no XML declaration or doctype


def _figure(height: float = 2.8) -> Figure:
    with matplotlib.rc_context(_STYLE):
        return Figure(figsize=(6.4, height), layout="constrained")


def _tidy(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def meetings_chart(report: MissionReport, t: Translator) -> str:
    """Scheduled, held, no-show and cancelled meetings, one group of bars per mission."""
    figure = _figure()
    with matplotlib.rc_context(_STYLE):
        axes = figure.add_subplot()
        width = 0.8 / len(MEETING_STAGES)
        n = 0
        for index, stage in enumerate(MEETING_STAGES):
            values = [column.meetings.stages[stage] for column in report.missions]
            positions = [m + (index - (len(MEETING_STAGES) - 1) / 2) * width for m in range(len(values))]
            bars = axes.bar(positions, values, width, label=label(t, STAGES, stage), color=COLOURS[index])
            for bar in bars:
                bar.set_gid(f"bar-meetings-{n}")
                n += 1
        axes.set_xticks(range(len(report.missions)), [column.label for column in report.missions])
        axes.set_ylabel(t.gettext("Meetings"))
        axes.legend(frameon=False, ncols=len(MEETING_STAGES), loc="lower center", bbox_to_anchor=(0.5, 1))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        _tidy(axes)
    return _svg(figure)


def _horizontal(name: str, labels: Sequence[str], values: Sequence[int], xlabel: str) -> str:
    figure = _figure(max(1.2, 0.3 * len(labels) + 0.8))
    with matplotlib.rc_context(_STYLE):
        axes = figure.add_subplot()
        bars = axes.barh(range(len(labels)), values, color=COLOURS[0])
        for n, bar in enumerate(bars):
            bar.set_gid(f"bar-{name}-{n}")
        axes.set_yticks(range(len(labels)), labels)
        axes.invert_yaxis()  # the largest first, at the top
        axes.set_xlabel(xlabel)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.bar_label(bars, padding=2)
        _tidy(axes)
    return _svg(figure)


def sectors_chart(report: MissionReport, t: Translator) -> str:
    """Participants by sector of their organisation, the largest sectors first."""
    found = list(report.total.people.participants_by_sector.items())[:MAX_SECTORS]
    return _horizontal(
        "sectors",
        [sector_label(t, code) for code, _ in found],
        [count for _, count in found],
        t.gettext("Participants"),
    )


def satisfaction_chart(report: MissionReport, t: Translator) -> str:
    """How many ratings of each value, 5 (best) first."""
    ratings = report.total.outcomes.satisfaction.ratings
    return _horizontal(
        "satisfaction",
        [f"{'★' * rating}" for rating in range(5, 0, -1)],
        [ratings[rating] for rating in range(5, 0, -1)],
        t.gettext("Ratings"),
    )


_ID_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def scoped_ids(svg: str, prefix: str) -> str:
    """Every id of one chart and every reference to it prefixed: matplotlib numbers them the same way in each
    figure (`text_6`, `line2d_5`), so charts inline on one page would repeat ids and point at each other's."""
    return _ID_REFERENCE.sub(lambda match: f"{match.group(1)}{prefix}-{match.group(2)}", svg)


def report_charts(report: MissionReport, t: Translator) -> dict[str, str]:
    """Every chart of the report by name, as inline SVG whose ids are its own."""
    charts = {
        "meetings": meetings_chart(report, t),
        "sectors": sectors_chart(report, t),
        "satisfaction": satisfaction_chart(report, t),
    }
    return {name: scoped_ids(svg, name) for name, svg in charts.items()}
