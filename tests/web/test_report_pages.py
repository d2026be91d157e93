"""The mission report for organisers: the page shows the service's figures, the PDF and the workbook
carry the same, a campaign's report is open only to who manages all of its missions."""

import html
import io
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.exports.report_html import headline
from missionmatch.i18n import Translator
from missionmatch.models import Campaign, Mission, OrganiserAccount
from missionmatch.services.demo import load_demo
from missionmatch.services.mission_report import mission_report
from tests.web.api_client import organiser_api
from tests.web.conftest import World

PAGE = "/missions/test-osaka/report"


def _expected_headline(world: World, language: str) -> str:
    with world.factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        return headline(mission_report(session, mission), Translator(language))


def _campaign(world: World) -> tuple[int, str]:
    with transaction(world.factory) as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        campaign = Campaign(name="Luxembourg–Japan test")
        campaign.missions.append(mission)
        session.add(campaign)
        session.flush()
        return campaign.id, campaign.key


def test_the_page_shows_the_services_headline_and_is_linked_from_the_dashboard(world: World) -> None:
    browser = world.organiser()
    assert f'<a href="{PAGE}">Mission report</a>' in browser.get("/missions/test-osaka").text
    page = browser.get(PAGE)
    assert page.status_code == 200
    assert (
        f'<p class="headline" id="headline">{html.escape(_expected_headline(world, "en"))}</p>' in page.text
    )
    assert '<figure class="chart" id="chart-meetings"><svg' in page.text
    assert 'id="report-campaign"' not in page.text  # its campaign has a mission orga@a.lu does not manage
    browser.cookies.set("mm_lang", "ja")
    assert html.escape(_expected_headline(world, "ja")) in browser.get(PAGE).text


def test_the_pdf_and_the_workbook_carry_the_same_figures(world: World, tmp_path: Path) -> None:
    browser = world.organiser()
    browser.cookies.set("mm_lang", "fr")
    response = browser.get(f"{PAGE}.pdf")
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka-report.pdf"'
    (tmp_path / "report.pdf").write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert " ".join(_expected_headline(world, "fr").split()) in " ".join(text.split())
    workbook = load_workbook(io.BytesIO(browser.get(f"{PAGE}.xlsx").content))
    assert workbook.sheetnames == [
        "Chiffres par mission",
        "Participants et organisations p",
        "Programme et présence",
        "Rendez-vous, de la demande à l'",
        "Heures d'interprétation",
        "Satisfaction",
        "Suites données",
        "Accords par statut",
        "Registre des accords",
    ]


def test_participants_and_other_organisers_cannot_see_it(world: World) -> None:
    participant = world.as_participant("test-osaka", "p-1").get(PAGE, follow_redirects=False)
    assert (participant.status_code, participant.headers["location"]) == (303, f"/login?next={PAGE}")
    assert world.organiser("orga@b.lu").get(PAGE).status_code == 404
    assert world.organiser("orga@b.lu").get(f"{PAGE}.pdf").status_code == 404


def test_a_campaigns_report_for_who_manages_its_missions(world: World) -> None:
    _, key = _campaign(world)
    assert key == "luxembourg-japan-test"  # made from the name
    page = f"/campaigns/{key}/report"
    browser = world.organiser()
    assert f'<a href="{page}">Campaign report</a>' in browser.get("/missions/test-osaka").text
    response = browser.get(page)
    assert response.status_code == 200
    assert "<h1>Luxembourg–Japan test</h1>" in response.text
    assert f'<a href="{page}.pdf" download>PDF</a>' in response.text
    workbook = browser.get(f"{page}.xlsx")
    assert workbook.headers["content-disposition"] == f'attachment; filename="{key}-report.xlsx"'
    assert world.organiser("orga@b.lu").get(page).status_code == 404
    assert browser.get("/campaigns/no-such-campaign/report").status_code == 404
    # the mission's report and the campaign's link to each other
    assert (
        '<p id="report-missions">Mission report: '
        '<a href="/missions/test-osaka/report">Test mission Osaka</a></p>'
    ) in response.text
    assert (
        f'<p id="report-campaign"><a href="{page}">Campaign report</a>: Luxembourg–Japan test</p>'
    ) in browser.get(PAGE).text


def test_the_old_address_by_number_moves_to_the_key(world: World) -> None:
    campaign_id, key = _campaign(world)
    browser = world.organiser()
    for suffix in ("", ".pdf", ".xlsx"):
        moved = browser.get(f"/campaigns/{campaign_id}/report{suffix}", follow_redirects=False)
        assert (moved.status_code, moved.headers["location"]) == (308, f"/campaigns/{key}/report{suffix}")
    # no hint of a campaign the organiser does not manage, nor of a number that is none
    assert world.organiser("orga@b.lu").get(f"/campaigns/{campaign_id}/report").status_code == 404
    assert browser.get(f"/campaigns/{campaign_id + 100}/report").status_code == 404
    assert browser.get("/campaigns/99999999999999999999999/report").status_code == 404


def test_the_demo_campaigns_page_counts_people_and_companies_once(world: World) -> None:
    with transaction(world.factory) as session:
        missions = load_demo(session)
        organiser = session.scalars(
            select(OrganiserAccount).where(OrganiserAccount.email == "orga@a.lu")
        ).one()
        organiser.missions.extend(missions)
        campaign = missions[0].campaign
        assert campaign is not None
        key = campaign.key
    assert key == "luxembourg-japan-2025"
    page = world.organiser().get(f"/campaigns/{key}/report").text
    assert (
        '<p class="headline" id="headline">160 participants from 95 organisations in the delegation met 110 '
        "people from 70 host organisations: 215 B2B meetings scheduled, 193 held, 10 agreements.</p>"
    ) in page
    # each mission's column, then the campaign's, in which a returning person counts once (82+102+52+51 > 270)
    assert (
        '<th scope="row">Participants in all</th><td>82</td><td>102</td><td>52</td><td>51</td><td>270</td>'
        in page
    )
    # who came to the programme items; Osaka 1, the draft, has no attendance recorded: "–", not 0
    assert (
        '<th scope="row">Programme attendance</th><td>179</td><td>–</td><td>104</td><td>93</td><td>376</td>'
        in page
    )
    # the same figures through the API, the headline in French
    client = organiser_api(world)
    client.headers["accept-language"] = "fr"
    body = client.get(f"/api/v1/campaigns/{key}/report").json()
    assert body["headline"] == (
        "160 participants de 95 organisations de la délégation ont rencontré 110 personnes de 70 "
        "organisations hôtes : 215 rendez-vous B2B programmés, 193 tenus, 10 accords."
    )
    assert [c["people"]["participants"]["total"] for c in [*body["missions"], body["total"]]] == [
        82,
        102,
        52,
        51,
        270,
    ]
