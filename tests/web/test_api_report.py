"""GET /api/v1/missions/{slug}/report and /api/v1/campaigns/{key}/report: the report's figures as JSON equal
counts made independently in SQL (the same queries as tests/services/test_mission_report.py), per mission and
for the campaign; organisers only, and only for who manages every mission of the campaign."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.exports.report_html import headline
from missionmatch.i18n import Translator
from missionmatch.models import Mission
from missionmatch.services.accounts import create_api_token, create_organiser
from missionmatch.services.mission_report import mission_report
from tests.services.report_fixtures import two_missions
from tests.services.test_mission_report import WHERE_CAMPAIGN, WHERE_MISSION, _expected
from tests.web.api_client import ORGANISERS_ONLY, api
from tests.web.conftest import PASSWORD, SETTINGS, World

CAMPAIGN = "/api/v1/campaigns/test-campaign/report"


@pytest.fixture(scope="module")
def campaign_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, dict[str, str]]]:
    """test-osaka and test-tokyo in "Test campaign"; tokens: who manages both, who manages Tokyo only, a
    participant of Osaka. The tests only read."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('report-api') / 'report.db'}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        osaka, tokyo = two_missions(session)
        both = create_organiser(session, "both@a.lu", PASSWORD, [osaka, tokyo])
        tokyo_only = create_organiser(session, "tokyo@a.lu", PASSWORD, [tokyo])
        tokens = {
            "both": create_api_token(session, organiser=both),
            "tokyo": create_api_token(session, organiser=tokyo_only),
            "participant": create_api_token(session, participant=osaka.participants[0]),
        }
    yield World(factory, SETTINGS), tokens
    engine.dispose()


def _client(setup: tuple[World, dict[str, str]], who: str) -> TestClient:
    world, tokens = setup
    return api(world, tokens[who])


def _nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (0, (0, 0))}


def _check(column: dict[str, Any], expected: dict[str, Any]) -> None:
    people, meetings = column["people"], column["meetings"]
    for figure in ("participants", "organisations"):
        sides = people[figure]
        assert _nonzero({"delegation": sides["delegation"], "host": sides["host"]}) == expected[figure]
        assert sides["total"] == sum(expected[figure].values())
    assert people["participants_by_sector"] == expected["participants_by_sector"]
    assert people["organisations_by_sector"] == expected["organisations_by_sector"]
    for stage in ("requested", "accepted", "scheduled", "held", "no_show", "cancelled"):
        assert meetings[stage] == expected[stage], stage
    interpreting = meetings["interpreting"]
    assert interpreting["hours_held"] == round(expected["interpreter_minutes_held"] / 60, 2)
    assert interpreting["hours_booked"] == round(expected["interpreter_minutes_booked"] / 60, 2)
    by_pair = meetings["interpreting_by_pair"]
    assert sum(p["meetings"] for p in by_pair) == interpreting["meetings"]
    ratings = {r["rating"]: r["count"] for r in column["satisfaction"]["ratings"]}
    assert list(ratings) == [1, 2, 3, 4, 5]
    assert _nonzero(ratings) == expected["ratings"]
    assert column["satisfaction"]["count"] == sum(expected["ratings"].values())
    follow_ups = {f["kind"]: (f["promised"], f["done"]) for f in column["follow_ups"]}
    assert _nonzero(follow_ups) == expected["follow_ups"]
    assert _nonzero(column["agreements_by_status"]) == expected["agreements"]
    assert column["agreements"] == sum(expected["agreements"].values())
    assert column["programme_items"] == expected["programme_items"]
    assert column["programme_registrations"] == expected["registrations"]
    assert column["programme_attended"] == expected["attended"]


def test_a_missions_figures_equal_sql_counts(campaign_world: tuple[World, dict[str, str]]) -> None:
    world, _ = campaign_world
    response = _client(campaign_world, "both").get("/api/v1/missions/test-tokyo/report")
    assert response.status_code == 200, response.text
    body = response.json()
    with world.factory() as session:
        tokyo = session.scalars(select(Mission).where(Mission.slug == "test-tokyo")).one()
        _check(body["total"], _expected(session, WHERE_MISSION, tokyo.id))
        assert body["headline"] == headline(mission_report(session, tokyo), Translator("en"))
    assert (body["title"], body["campaign"], [c["label"] for c in body["missions"]]) == (
        "Test mission Tokyo",
        None,
        ["Test mission Tokyo"],
    )
    assert body["missions"][0] == body["total"]
    # the 30-minute slots of Tokyo: a held meeting with a fr-ja interpreter and a no-show with en-ja
    assert body["total"]["meetings"]["interpreting_by_pair"] == [
        {"pair": "en-ja", "meetings": 1, "hours_booked": 0.5, "hours_held": 0.0},
        {"pair": "fr-ja", "meetings": 2, "hours_booked": 1.0, "hours_held": 1.0},
    ]
    # a confidential agreement keeps its kind, status and date only
    secret = next(a for a in body["agreement_register"] if a["confidential"])
    assert (secret["title"], secret["parties"], secret["kind"]) == ("", [], "contract")
    # Tokyo's forum: Anne and Kato of the 3 registered came; its company visit is not recorded
    assert [(line["registered"], line["attended"]) for line in body["programme"]] == [(3, 2), (1, None)]
    starts = [line["starts_at"] for line in body["programme"]]
    assert starts and all(s.endswith("+09:00") for s in starts)


def test_a_campaigns_figures_count_people_once(campaign_world: tuple[World, dict[str, str]]) -> None:
    world, _ = campaign_world
    client = _client(campaign_world, "both")
    client.headers["accept-language"] = "fr"
    response = client.get(CAMPAIGN)
    assert response.status_code == 200, response.text
    body = response.json()
    with world.factory() as session:
        osaka, tokyo = (
            session.scalars(select(Mission).where(Mission.slug == slug)).one()
            for slug in ("test-osaka", "test-tokyo")
        )
        assert osaka.campaign_id is not None
        _check(body["total"], _expected(session, WHERE_CAMPAIGN, osaka.campaign_id))
        for column, mission in zip(body["missions"], (osaka, tokyo), strict=True):
            assert column["label"] == mission.name
            _check(column, _expected(session, WHERE_MISSION, mission.id))
    assert (body["title"], body["campaign"]) == ("Test campaign", "Test campaign")
    # Anne Muller and Jonas Weber are in both missions: 2 + 2 delegates, 2 once
    assert [c["people"]["participants"]["delegation"] for c in body["missions"]] == [2, 2]
    assert body["total"]["people"]["participants"] == {"delegation": 2, "host": 5, "total": 7}
    assert body["headline"].startswith("2 participants de 2 organisations")


def test_organisers_only(campaign_world: tuple[World, dict[str, str]]) -> None:
    participant = _client(campaign_world, "participant")
    for path in ("/api/v1/missions/test-osaka/report", CAMPAIGN):
        response = participant.get(path)
        assert (response.status_code, response.json()) == (403, ORGANISERS_ONLY)
    world, _ = campaign_world
    for path in ("/api/v1/missions/test-osaka/report", CAMPAIGN):
        response = api(world, None).get(path)
        assert (response.status_code, response.json()) == (401, {"detail": "missing or invalid API token"})


def test_what_is_not_the_callers_is_not_found(campaign_world: tuple[World, dict[str, str]]) -> None:
    tokyo_only = _client(campaign_world, "tokyo")
    assert tokyo_only.get("/api/v1/missions/test-tokyo/report").status_code == 200
    mission = tokyo_only.get("/api/v1/missions/test-osaka/report")
    assert (mission.status_code, mission.json()) == (404, {"detail": "mission not found"})
    # a campaign with a mission the caller does not manage answers like one that does not exist
    partly = tokyo_only.get(CAMPAIGN)
    missing = _client(campaign_world, "both").get("/api/v1/campaigns/no-such-campaign/report")
    assert (partly.status_code, partly.json()) == (404, {"detail": "campaign not found"})
    assert (missing.status_code, missing.json()) == (404, {"detail": "campaign not found"})
