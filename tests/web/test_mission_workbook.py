"""The mission workbook from the dashboard: the mission's organisers only, in a chosen language."""

import datetime as dt
import io

from openpyxl import load_workbook

from tests.web.conftest import World

WORKBOOK = "/missions/test-osaka/export.xlsx"


def test_organiser_downloads_the_workbook_linked_from_the_dashboard(world: World) -> None:
    browser = world.organiser()
    dashboard = browser.get("/missions/test-osaka").text
    assert f'<a href="{WORKBOOK}?language=fr" hreflang="fr" download>Français</a>' in dashboard
    response = browser.get(WORKBOOK, params={"language": "fr"})
    assert response.status_code == 200
    assert (
        response.headers["content-type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Participants", "Organisations", "B2B afternoon", "Programme"]
    rows = list(workbook["B2B afternoon"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Date", "Heure", "Table")
    assert rows[1:] == [
        (
            dt.datetime(2025, 5, 27),
            "14:40–15:00",
            1,
            "Anne Muller",
            "LuxSat Services",
            "山田 太郎, Hanako Sato",
            "Kansai Orbital KK",
            "fr-ja",
            "Publié",
            "m-1",
        )
    ]


def test_the_default_language_is_the_organisers_and_an_unknown_one_is_refused(world: World) -> None:
    browser = world.organiser()
    browser.cookies.set("mm_lang", "ja")
    assert load_workbook(io.BytesIO(browser.get(WORKBOOK).content)).sheetnames[:2] == ["参加者", "組織"]
    assert browser.get(WORKBOOK, params={"language": "de"}).status_code == 404


def test_participants_and_other_organisers_cannot_download_it(world: World) -> None:
    participant = world.as_participant("test-osaka", "p-1").get(WORKBOOK, follow_redirects=False)
    assert (participant.status_code, participant.headers["location"]) == (303, f"/login?next={WORKBOOK}")
    assert world.organiser("orga@b.lu").get(WORKBOOK).status_code == 404
    assert world.client().get(WORKBOOK, follow_redirects=False).status_code == 303
