"""Instants are shown at the moment they name, in the mission's (or the viewer's) zone; every date-time the
API sends is RFC 3339 with an explicit offset, and its schema says so (docs/time.md)."""

import datetime as dt
import re
from typing import Any

import pytest

from missionmatch import clock
from tests.web.api_client import api, organiser_api, participant_api
from tests.web.conftest import World

PUBLISHED = dt.datetime(2025, 5, 20, 3, 0, tzinfo=dt.UTC)  # 12:00 in Osaka, 05:00 in Luxembourg
BASE = "/api/v1/missions/test-osaka"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> dt.datetime:
    """The application's one clock, stopped at PUBLISHED."""
    monkeypatch.setattr(clock, "now", lambda: PUBLISHED)
    return PUBLISHED


def _published_through_the_page(world: World) -> str:
    browser = world.organiser()
    page = "/missions/test-osaka/schedule"
    assert browser.submit(f"{page}/publish", page=page).status_code == 303
    return re.search(r'<dd id="version">(.*?)</dd>', browser.get(page).text).group(1)


def test_the_published_version_shows_the_mission_time_of_its_instant(
    world: World, frozen: dt.datetime
) -> None:
    # the finding: published at 03:00 UTC, the page said 03:00 Japan Time (9 hours off)
    assert _published_through_the_page(world) == "1 · May 20, 2025, 12:00\u202fPM (Japan Time)"


def test_the_published_version_in_the_viewers_zone(world: World, frozen: dt.datetime) -> None:
    browser = world.organiser()
    browser.submit("/timezone", {"zone": "Europe/Luxembourg"}, page="/timezone")
    page = "/missions/test-osaka/schedule"
    assert browser.submit(f"{page}/publish", page=page).status_code == 303
    shown = re.search(r'<dd id="version">(.*?)</dd>', browser.get(page).text).group(1)
    assert shown == "1 · May 20, 2025, 5:00\u202fAM (Luxembourg Time)"


def _date_times(value: Any, path: str = "") -> dict[str, str]:
    """Every value of a JSON body whose field name ends in _at, by its path."""
    found: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            if key.endswith("_at") and isinstance(item, str):
                found[f"{path}.{key}"] = item
            else:
                found.update(_date_times(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(_date_times(item, f"{path}[{index}]"))
    return found


def test_every_api_date_time_has_an_offset(world: World, frozen: dt.datetime) -> None:
    organiser = organiser_api(world)
    anne = participant_api(world, "test-osaka", "p-1")
    checked_in = organiser.post(f"{BASE}/participants/{world.participant('test-osaka', 'p-3').id}/check-in")
    published = organiser.post(f"{BASE}/schedule/publish", json={})
    bodies = {
        "check-in": checked_in.json(),
        "publish": published.json(),
        "participants": organiser.get(f"{BASE}/participants").json(),
        "programme": organiser.get(f"{BASE}/programme").json(),
        "sessions": organiser.get(f"{BASE}/sessions").json(),
        "schedule": organiser.get(f"{BASE}/schedule").json(),
        "agenda": anne.get("/api/v1/me/agenda").json(),
        "requests": anne.get("/api/v1/requests").json(),
    }
    found = {
        f"{name}{path}": value for name, body in bodies.items() for path, value in _date_times(body).items()
    }
    assert {name.split(".")[0].split("[")[0] for name in found} == set(bodies)
    assert {path: value for path, value in found.items() if not RFC3339.match(value)} == {}
    # instants in UTC, mission times with the mission's offset
    assert (checked_in.json()["checked_in_at"], published.json()["published_at"]) == (
        "2025-05-20T03:00:00Z",
        "2025-05-20T03:00:00Z",
    )
    assert bodies["schedule"]["meetings"][0]["starts_at"] == "2025-05-27T14:40:00+09:00"
    assert bodies["programme"][0]["starts_at"] == "2025-05-27T09:00:00+09:00"


def test_a_request_expiry_is_the_instant_the_document_named(world: World) -> None:
    # r-1 expires at 09:00 on 20 May in Osaka (the mission document's wall time): midnight UTC
    body = participant_api(world, "test-osaka", "p-1").get("/api/v1/requests").json()
    assert [
        r["expires_at"] for r in body if r["recipient_id"] == world.participant("test-osaka", "p-3").id
    ] == ["2025-05-20T00:00:00Z"]


DATE_TIME_FIELDS = {
    "MeetingOut": ["starts_at", "ends_at"],
    "VersionOut": ["published_at"],
    "PublicationOut": ["published_at"],
    "AgendaEntryOut": ["starts_at", "ends_at"],
    "ParticipantOut": ["checked_in_at"],
    "RequestOut": ["expires_at"],
    "ProgrammeItemOut": ["starts_at", "ends_at"],
    "SlotOut": ["starts_at", "ends_at"],
}


def _date_time_choices(field: dict) -> list[dict]:
    return [choice for choice in field.get("anyOf", [field]) if choice.get("type") != "null"]


def test_the_schema_declares_every_date_time_with_its_offset(world: World) -> None:
    schemas = api(world, None).get("/api/v1/openapi.json").json()["components"]["schemas"]
    for model, fields in DATE_TIME_FIELDS.items():
        for name in fields:
            [choice] = _date_time_choices(schemas[model]["properties"][name])
            assert (choice["type"], choice["format"]) == ("string", "date-time"), (model, name)
            assert "RFC 3339" in choice["description"], (model, name)
