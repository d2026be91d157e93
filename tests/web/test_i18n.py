"""Languages: the switch is remembered, dates follow the locale (catalogs: tests/test_catalogs.py)."""

import datetime as dt

import pytest

from missionmatch.web import i18n
from tests.web.conftest import World


def test_language_switch_is_remembered_in_a_cookie(world: World) -> None:
    browser = world.client()
    response = browser.get("/language/ja?next=/login", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    assert "主催者ログイン" in browser.get("/login").text
    assert '<html lang="ja">' in browser.get("/").text


def test_language_switch_refuses_unknown_languages_and_foreign_targets(world: World) -> None:
    browser = world.client()
    assert browser.get("/language/xx").status_code == 404
    assert browser.get("/language/fr?next=//evil.example", follow_redirects=False).headers["location"] == "/"


def test_accept_language_chooses_the_first_supported_language(world: World) -> None:
    page = world.client().get("/login", headers={"accept-language": "de-DE, fr;q=0.8"}).text
    assert "Connexion organisateur" in page


def test_agenda_times_in_japanese_locale_and_mission_time_zone(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    browser.get("/language/ja")
    page = browser.get("/me/agenda").text
    assert "<time>2025/05/27 14:40 (日本時間) – 15:00</time>" in page
    assert "テーブル 2" in page


def test_login_link_mail_is_written_in_the_participants_language(world: World) -> None:
    anne = world.participant("test-osaka", "p-1")  # speaks fr, de, en
    browser = world.organiser()
    browser.submit(f"/missions/test-osaka/participants/{anne.id}/login-link", page="/missions")
    assert (
        "Votre lien de connexion pour Test mission Osaka" in browser.get("/missions/test-osaka/outbox").text
    )


def test_negotiate_prefers_the_cookie() -> None:
    assert i18n.negotiate("ja", "fr") == "ja"
    assert i18n.negotiate(None, "en-GB,en") == "en"
    assert i18n.negotiate("xx", None) == "en"


@pytest.mark.parametrize(
    ("language", "medium", "utc", "short", "long"),
    [
        (
            "en",
            "May 27, 2025, 3:00\u202fPM (Japan Time)",
            "May 20, 2025, 9:05\u202fAM (Japan Time)",
            "5/27/25, 3:00\u202fPM (Japan Time)",
            "May 27, 2025, 3:00:59\u202fPM +0900 (Japan Time)",
        ),
        (
            "fr",
            "27 mai 2025, 15:00 (heure : Japon)",
            "20 mai 2025, 09:05 (heure : Japon)",
            "27/05/2025 15:00 (heure : Japon)",
            "27 mai 2025, 15:00:59 +0900 (heure : Japon)",
        ),
        (
            "ja",
            "2025/05/27 15:00 (日本時間)",
            "2025/05/20 9:05 (日本時間)",
            "2025/05/27 15:00 (日本時間)",
            "2025年5月27日 15:00:59 JST (日本時間)",
        ),
    ],
)
def test_times_show_the_medium_date_and_the_short_time_without_seconds(
    language: str, medium: str, utc: str, short: str, long: str
) -> None:
    t = i18n.Translator(language)
    meeting = dt.datetime(2025, 5, 27, 15, 0, 59)  # seconds are never shown, even when stored
    assert (
        t.wall_time(meeting, "Asia/Tokyo"),
        t.wall_time(meeting, "Asia/Tokyo", "medium"),
        t.instant(dt.datetime(2025, 5, 20, 0, 5, 30, tzinfo=dt.UTC), "Asia/Tokyo"),
        t.wall_time(meeting, "Asia/Tokyo", "short"),
        t.wall_time(meeting, "Asia/Tokyo", "long"),
    ) == (medium, medium, utc, short, long)
