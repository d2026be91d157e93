"""The report's charts: SVG that parses, one bar per figure with its height in proportion, the same bytes
from one run to the next, translated labels."""

import re
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.report_charts import report_charts
from missionmatch.i18n import Translator
from missionmatch.models import Campaign
from missionmatch.services.mission_report import MissionReport, campaign_report
from tests.services.report_fixtures import two_missions

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def report(sqlite_factory: sessionmaker[Session]) -> MissionReport:
    with transaction(sqlite_factory) as session:
        two_missions(session)
    with sqlite_factory() as session:
        return campaign_report(session, session.query(Campaign).one())


def _bars(svg: str, chart: str) -> list[float]:
    """The bars' lengths in drawing units, in the order they were drawn (a bar of 0 is drawn too)."""
    root = ET.fromstring(svg)
    lengths = []
    for group in root.iter(f"{SVG}g"):
        if re.fullmatch(f"{chart}-bar-{chart}-\\d+", group.get("id", "")):  # scoped by report_charts
            path = group.find(f"{SVG}path")
            assert path is not None
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
            xs, ys = numbers[0::2], numbers[1::2]
            lengths.append(round(max(ys) - min(ys) if chart == "meetings" else max(xs) - min(xs), 1))
    return lengths


def _ratio(lengths: list[float], values: list[int]) -> None:
    """Bars proportional to the values: a common scale, 0 for 0."""
    scale = max(lengths) / max(values)
    assert lengths == pytest.approx([v * scale for v in values], abs=0.2)


def test_meetings_by_status_per_mission(report: MissionReport) -> None:
    svg = report_charts(report, Translator("en"))["meetings"]
    # drawn stage by stage, each over the two missions: scheduled, held, no-show, cancelled
    values = [1, 3, 0, 2, 0, 1, 0, 1]
    lengths = _bars(svg, "meetings")
    assert len(lengths) == 8
    _ratio(lengths, values)
    assert "Test mission Osaka" in svg and "No-show" in svg


def test_participants_by_sector_and_satisfaction(report: MissionReport) -> None:
    charts = report_charts(report, Translator("fr"))
    sectors = report.total.people.participants_by_sector
    _ratio(_bars(charts["sectors"], "sectors"), list(sectors.values()))
    assert "Santé" in charts["sectors"]  # the health sector's French name
    ratings = report.total.outcomes.satisfaction.ratings
    _ratio(_bars(charts["satisfaction"], "satisfaction"), [ratings[r] for r in range(5, 0, -1)])


def test_the_same_report_draws_the_same_bytes(report: MissionReport) -> None:
    first = report_charts(report, Translator("ja"))
    assert report_charts(report, Translator("ja")) == first
    for svg in first.values():
        assert svg.startswith("<svg") and "<dc:date>" not in svg


def test_charts_on_one_page_have_ids_of_their_own_and_point_only_at_them(report: MissionReport) -> None:
    charts = report_charts(report, Translator("en"))
    ids = [i for svg in charts.values() for i in re.findall(r'\bid="([^"]+)"', svg)]
    assert len(ids) == len(set(ids)) > 30  # matplotlib gave each figure the same text_6, line2d_5, ...
    for name, svg in charts.items():
        own = set(re.findall(r'\bid="([^"]+)"', svg))
        references = re.findall(r'(?:url\(#|href="#)([^")]+)', svg)
        assert references and set(references) <= own, name
        assert all(i.startswith(f"{name}-") for i in own), name
