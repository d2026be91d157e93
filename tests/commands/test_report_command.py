"""missionmatch report MISSION | --campaign CAMPAIGN --format html|pdf|xlsx --out FILE, on the demo."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from typer.testing import CliRunner

from missionmatch.cli import app
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.services.demo import load_demo

runner = CliRunner()
CAMPAIGN = "Luxembourg–Japan 2025"


@pytest.fixture(scope="module")
def demo_url(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "demo.db"
    shutil.copyfile(sqlite_template, path)  # the migrated schema
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    with transaction(make_session_factory(engine)) as db:
        load_demo(db)
    engine.dispose()
    return url


def _report(url: str, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> tuple[int, str]:
    monkeypatch.setenv("MISSIONMATCH_DATABASE_URL", url)
    result = runner.invoke(app, ["report", *arguments])
    return result.exit_code, result.output


def test_the_campaign_counts_each_person_and_company_once(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "bilan.html"
    assert _report(demo_url, monkeypatch, "--campaign", CAMPAIGN, "--out", str(out)) == (0, f"Wrote {out}\n")
    # people and companies in several missions counted once: the articles' "160 participants from 95"
    page = out.read_text(encoding="utf-8")
    assert (
        '<p class="headline" id="headline">160 participants from 95 organisations in the delegation met 110 '
        "people from 70 host organisations: 215 B2B meetings scheduled, 193 held, 10 agreements.</p>"
    ) in page


def test_the_campaign_as_a_japanese_pdf_and_a_french_workbook(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pdf = tmp_path / "campaign.pdf"
    assert _report(demo_url, monkeypatch, "-c", CAMPAIGN, "-f", "pdf", "-o", str(pdf), "-l", "ja")[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert (
        "代表団95組織の参加者160名が受け入れ側70組織の110名と面談：B2B商談215件を設定、193件を実施、合意10件。"
        in flat
    )
    assert "満足度" in text
    xlsx = tmp_path / "campaign.xlsx"
    assert _report(demo_url, monkeypatch, "-c", "1", "-f", "xlsx", "-o", str(xlsx), "-l", "fr")[0] == 0
    sheet = load_workbook(io.BytesIO(xlsx.read_bytes()))["Chiffres par mission"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert rows["Participants au total"] == (82, 102, 52, 51, 270)


def test_an_unknown_campaign_or_both_arguments_are_refused(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = str(tmp_path / "x.html")
    assert _report(demo_url, monkeypatch, "--campaign", "Mars", "--out", out)[0] == 1
    assert _report(demo_url, monkeypatch, "tokyo", "--campaign", "1", "--out", out)[0] == 2
    assert not Path(out).exists()


def test_one_mission_as_a_workbook_and_an_unknown_one_refused(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    xlsx = tmp_path / "osaka-2.xlsx"
    assert _report(demo_url, monkeypatch, "osaka-2", "-f", "xlsx", "-o", str(xlsx)) == (0, f"Wrote {xlsx}\n")
    figures = load_workbook(io.BytesIO(xlsx.read_bytes())).worksheets[0]
    rows = {row[0]: row[1:] for row in figures.iter_rows(values_only=True)}
    engine = make_engine(demo_url)
    with engine.connect() as connection:
        people = connection.execute(
            text(
                "SELECT COUNT(DISTINCT lower(p.email)) FROM participant p"
                " JOIN mission m ON m.id = p.mission_id WHERE m.slug = 'osaka-2'"
            )
        ).scalar_one()
    engine.dispose()
    assert rows["Participants in all"] == (people,) and people > 0
    missing = tmp_path / "none.html"
    assert _report(demo_url, monkeypatch, "no-such-mission", "--out", str(missing))[0] != 0
    assert not missing.exists()
