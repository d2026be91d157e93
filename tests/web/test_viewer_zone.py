"""Times in the viewer's time zone: the mission's by default, or one they choose (remembered in a cookie),
always with the zone's name next to them."""

import datetime as dt

import pytest

from missionmatch.web.i18n import ZONE_COOKIE, Translator, viewer_zone
from tests.web.conftest import World

MEETING = dt.datetime(2025, 5, 27, 14, 40)  # wall-clock time in Osaka (m-1, slot 2 of the B2B afternoon)
SENT = dt.datetime(2025, 5, 20, 0, 0, tzinfo=dt.UTC)  # an instant


@pytest.mark.parametrize(
    ("language", "zone", "wall", "utc", "short"),
    [
        (
            "en",
            None,
            "May 27, 2025, 2:40\u202fPM (Japan Time)",
            "May 20, 2025, 9:00\u202fAM (Japan Time)",
            "2:40\u202fPM",
        ),
        (
            "en",
            "Europe/Luxembourg",
            "May 27, 2025, 7:40\u202fAM (Luxembourg Time)",
            "May 20, 2025, 2:00\u202fAM (Luxembourg Time)",
            "7:40\u202fAM",
        ),
        (
            "fr",
            None,
            "27 mai 2025, 14:40 (heure : Japon)",
            "20 mai 2025, 09:00 (heure : Japon)",
            "14:40",
        ),
        (
            "fr",
            "Europe/Luxembourg",
            "27 mai 2025, 07:40 (heure : Luxembourg)",
            "20 mai 2025, 02:00 (heure : Luxembourg)",
            "07:40",
        ),
        ("ja", None, "2025/05/27 14:40 (日本時間)", "2025/05/20 9:00 (日本時間)", "14:40"),
        (
            "ja",
            "Europe/Luxembourg",
            "2025/05/27 7:40 (ルクセンブルク時間)",
            "2025/05/20 2:00 (ルクセンブルク時間)",
            "7:40",
        ),
    ],
)
def test_times_render_in_the_viewers_zone_with_its_name(
    language: str, zone: str | None, wall: str, utc: str, short: str
) -> None:
    t = Translator(language, zone)
    assert (
        t.wall_time(MEETING, "Asia/Tokyo"),
        t.instant(SENT, "Asia/Tokyo"),
        t.time(MEETING, "Asia/Tokyo"),
    ) == (
        wall,
        utc,
        short,
    )


def test_a_viewer_in_tokyo_sees_a_luxembourg_mission_in_tokyo_time() -> None:
    t = Translator("en", "Asia/Tokyo")
    assert (
        t.wall_time(dt.datetime(2025, 9, 1, 9, 0), "Europe/Luxembourg")
        == "Sep 1, 2025, 4:00\u202fPM (Japan Time)"
    )


def test_utc_zones_are_named_by_their_id() -> None:
    assert Translator("fr", "UTC").wall_time(MEETING, "Asia/Tokyo") == "27 mai 2025, 05:40 (UTC)"


def test_only_real_iana_zones_are_accepted_from_the_cookie() -> None:
    assert [viewer_zone(v) for v in ("Europe/Luxembourg", "Mars/Olympus", "", None, "../etc")] == [
        "Europe/Luxembourg",
        None,
        None,
        None,
        None,
    ]


def test_the_chosen_zone_is_remembered_and_used_on_the_agenda(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    before = browser.get("/me/agenda").text
    assert "May 27, 2025, 2:40\u202fPM (Japan Time)" in before
    response = browser.submit(
        "/timezone", {"zone": "Europe/Luxembourg", "next": "/me/agenda"}, page="/timezone"
    )
    assert (response.status_code, response.headers["location"]) == (303, "/me/agenda")
    assert browser.cookies.get(ZONE_COOKIE) == '"Europe/Luxembourg"'  # quoted for the "/"; read back unquoted
    after = browser.get("/me/agenda").text
    assert "May 27, 2025, 7:40\u202fAM (Luxembourg Time)" in after and "(Japan Time)" not in after
    assert "Time zone: Europe/Luxembourg" in after
    browser.get("/language/ja")
    assert "2025/05/27 7:40 (ルクセンブルク時間)" in browser.get("/me/agenda").text


def test_choosing_the_mission_zone_again_forgets_the_cookie(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-1")
    browser.submit("/timezone", {"zone": "Europe/Luxembourg"}, page="/timezone")
    browser.submit("/timezone", {"zone": "mission"}, page="/timezone")
    assert browser.cookies.get(ZONE_COOKIE) is None
    assert "May 27, 2025, 2:40\u202fPM (Japan Time)" in browser.get("/me/agenda").text


def test_an_unknown_zone_is_refused_naming_the_field(world: World) -> None:
    browser = world.client()
    response = browser.submit("/timezone", {"zone": "Mars/Olympus"}, page="/timezone")
    assert (response.status_code, "Unknown time zone." in response.text) == (422, True)
    assert browser.cookies.get(ZONE_COOKIE) is None


def test_the_zone_form_only_sends_back_to_this_site(world: World) -> None:
    browser = world.client()
    response = browser.submit("/timezone", {"zone": "Asia/Tokyo", "next": "//evil.example"}, page="/timezone")
    assert response.headers["location"] == "/"


def test_an_instant_in_another_offset_is_the_same_moment() -> None:
    # 09:00 in Tokyo is midnight UTC: the instant is shown at the moment it names, not its clock reading
    tokyo = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    shown = Translator("en").instant(tokyo, "Europe/Luxembourg")
    assert shown == "May 20, 2025, 2:00\u202fAM (Luxembourg Time)"


def test_a_naive_instant_or_an_aware_wall_time_is_refused() -> None:
    t = Translator("en")
    with pytest.raises(ValueError, match="has no offset"):
        t.instant(dt.datetime(2025, 5, 20, 0, 0), "Asia/Tokyo")
    with pytest.raises(ValueError, match="has an offset"):
        t.wall_time(SENT, "Asia/Tokyo")
