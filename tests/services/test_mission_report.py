"""The report's figures against counts made independently in SQL, per mission and for the campaign, where
the people and companies present in both missions count once."""

from collections import Counter
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Campaign, Mission
from missionmatch.services.campaigns import campaign_named, find_campaign
from missionmatch.services.mission_report import (
    MissionReport,
    ReportColumn,
    campaign_report,
    mission_report,
)
from tests.services.report_fixtures import two_missions

WHERE_CAMPAIGN = "m.campaign_id = :scope"
WHERE_MISSION = "m.id = :scope"


def _sql(session: Session, query: str, where: str, scope: int) -> list[tuple]:
    return [tuple(row) for row in session.execute(text(query.format(where=where)), {"scope": scope})]


def _sectors_sql(session: Session) -> str:
    """The (person or organisation, sector) pairs: JSON arrays are opened by each database its own way."""
    if session.get_bind().dialect.name == "sqlite":
        return "JOIN json_each(o.sectors) AS s"
    return "CROSS JOIN LATERAL json_array_elements_text(o.sectors) AS s(value)"


def _expected(session: Session, where: str, scope: int) -> dict[str, Any]:
    from_org = "FROM organisation o JOIN mission m ON m.id = o.mission_id"
    from_people = (
        "FROM participant p JOIN organisation o ON o.id = p.organisation_id"
        " JOIN mission m ON m.id = p.mission_id"
    )
    # the test data's names differ only in case, blanks and full stops
    org_name = "replace(replace(lower(o.name), ' ', ''), '.', '')"
    sectors = _sectors_sql(session)
    meetings = "FROM meeting mt JOIN mission m ON m.id = mt.mission_id"
    feedback = (
        "FROM feedback f JOIN meeting mt ON mt.id = f.meeting_id JOIN mission m ON m.id = mt.mission_id"
    )
    requests = "FROM meeting_request r JOIN mission m ON m.id = r.mission_id"
    one = lambda query: _sql(session, query, where, scope)[0][0]  # noqa: E731
    return {
        "participants": dict(
            _sql(
                session,
                f"SELECT o.side, COUNT(DISTINCT lower(p.email)) {from_people} WHERE {{where}} "
                "GROUP BY o.side",
                where,
                scope,
            )
        ),
        # a company's side is the one it has in its first mission (the same in the test data)
        "organisations": dict(
            Counter(
                side
                for side, _ in _sql(
                    session,
                    f"SELECT min(o.side), {org_name} {from_org} WHERE {{where}} GROUP BY {org_name}",
                    where,
                    scope,
                )
            )
        ),
        "participants_by_sector": dict(
            _sql(
                session,
                f"SELECT s.value, COUNT(DISTINCT lower(p.email)) {from_people} {sectors} "
                "WHERE {where} GROUP BY s.value",
                where,
                scope,
            )
        ),
        "organisations_by_sector": dict(
            _sql(
                session,
                f"SELECT s.value, COUNT(DISTINCT {org_name}) {from_org} {sectors} "
                "WHERE {where} GROUP BY s.value",
                where,
                scope,
            )
        ),
        "requested": one(f"SELECT COUNT(*) {requests} WHERE {{where}}"),
        "accepted": one(f"SELECT COUNT(*) {requests} WHERE {{where}} AND r.status = 'accepted'"),
        "scheduled": one(
            f"SELECT COUNT(*) {meetings} WHERE {{where}}"
            " AND mt.session_id IS NOT NULL AND mt.slot IS NOT NULL"
            " AND mt.status IN ('published', 'held', 'no_show')"
        ),
        "held": one(f"SELECT COUNT(*) {meetings} WHERE {{where}} AND mt.status = 'held'"),
        "no_show": one(f"SELECT COUNT(*) {meetings} WHERE {{where}} AND mt.status = 'no_show'"),
        "cancelled": one(f"SELECT COUNT(*) {meetings} WHERE {{where}} AND mt.status = 'cancelled'"),
        "interpreter_minutes_held": one(
            f"SELECT COALESCE(SUM(b.slot_minutes), 0) {meetings} JOIN b2b_session b ON b.id = mt.session_id"
            " WHERE {where} AND mt.interpreter IS NOT NULL AND mt.slot IS NOT NULL AND mt.status = 'held'"
        ),
        "interpreter_minutes_booked": one(
            f"SELECT COALESCE(SUM(b.slot_minutes), 0) {meetings} JOIN b2b_session b ON b.id = mt.session_id"
            " WHERE {where} AND mt.interpreter IS NOT NULL AND mt.slot IS NOT NULL"
            " AND mt.status IN ('published', 'held', 'no_show')"
        ),
        "ratings": dict(
            _sql(
                session,
                f"SELECT f.rating, COUNT(*) {feedback} WHERE {{where}} GROUP BY f.rating",
                where,
                scope,
            )
        ),
        "follow_ups": dict(
            (kind, (promised, done))
            for kind, promised, done in _sql(
                session,
                f"SELECT f.follow_up, COUNT(*), COUNT(f.follow_up_done_at) {feedback} WHERE {{where}}"
                " AND f.follow_up <> 'none' GROUP BY f.follow_up",
                where,
                scope,
            )
        ),
        "agreements": dict(
            _sql(
                session,
                "SELECT a.status, COUNT(*) FROM agreement a JOIN mission m ON m.id = a.mission_id"
                " WHERE {where} GROUP BY a.status",
                where,
                scope,
            )
        ),
        "programme_items": one(
            "SELECT COUNT(*) FROM programme_item i JOIN mission m ON m.id = i.mission_id WHERE {where}"
        ),
        "attended": one(
            "SELECT CASE WHEN COUNT(i.attendance_recorded_at) = 0 THEN NULL ELSE COUNT(g.attended_at) END"
            " FROM programme_item i JOIN mission m ON m.id = i.mission_id"
            " LEFT JOIN programme_registration g ON g.programme_item_id = i.id WHERE {where}"
        ),
        "registrations": one(
            "SELECT COUNT(*) FROM programme_registration g"
            " JOIN programme_item i ON i.id = g.programme_item_id"
            " JOIN mission m ON m.id = i.mission_id WHERE {where}"
        ),
    }


def _nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value not in (0, (0, 0))}


def _check(column: ReportColumn, expected: dict[str, Any]) -> None:
    people, meetings, outcomes = column.people, column.meetings, column.outcomes
    assert _nonzero(people.participants) == expected["participants"]
    assert _nonzero(people.organisations) == expected["organisations"]
    assert people.participants_by_sector == expected["participants_by_sector"]
    assert people.organisations_by_sector == expected["organisations_by_sector"]
    for stage in ("requested", "accepted", "scheduled", "held", "no_show", "cancelled"):
        assert meetings.stages[stage] == expected[stage], stage
    assert meetings.interpreter_hours_held == round(expected["interpreter_minutes_held"] / 60, 2)
    assert meetings.interpreter_hours_booked == round(expected["interpreter_minutes_booked"] / 60, 2)
    assert _nonzero(outcomes.satisfaction.ratings) == expected["ratings"]
    assert _nonzero(outcomes.follow_ups) == expected["follow_ups"]
    assert _nonzero(outcomes.agreements) == expected["agreements"]
    assert column.programme_items == expected["programme_items"]
    assert column.programme_registrations == expected["registrations"]
    assert column.programme_attended == expected["attended"]


def _reports(session: Session) -> tuple[MissionReport, MissionReport, Mission, Mission]:
    osaka, tokyo = (
        session.query(Mission).filter_by(slug=slug).one() for slug in ("test-osaka", "test-tokyo")
    )
    campaign = find_campaign(session, "Test campaign")
    assert campaign is not None
    return campaign_report(session, campaign), mission_report(session, tokyo), osaka, tokyo


def test_every_figure_equals_an_sql_count(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        two_missions(session)
    with session_factory() as session:
        campaign, tokyo_report, osaka, tokyo = _reports(session)
        assert osaka.campaign_id is not None
        _check(campaign.total, _expected(session, WHERE_CAMPAIGN, osaka.campaign_id))
        for column, mission in zip(campaign.missions, (osaka, tokyo), strict=True):
            assert column.label == mission.name
            _check(column, _expected(session, WHERE_MISSION, mission.id))
        _check(tokyo_report.total, _expected(session, WHERE_MISSION, tokyo.id))


def test_each_programme_line_says_who_came_as_an_sql_count(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        two_missions(session)
    with session_factory() as session:
        campaign, _, _, _ = _reports(session)
        rows = _sql(
            session,
            "SELECT m.name, i.title, COUNT(g.participant_id),"
            " CASE WHEN i.attendance_recorded_at IS NULL THEN NULL ELSE COUNT(g.attended_at) END"
            " FROM programme_item i JOIN mission m ON m.id = i.mission_id"
            " LEFT JOIN programme_registration g ON g.programme_item_id = i.id WHERE {where}"
            " GROUP BY m.name, m.start_date, m.id, i.id, i.title, i.attendance_recorded_at"
            " ORDER BY m.start_date, m.id, i.id",
            WHERE_CAMPAIGN,
            campaign_id(session),
        )
    lines = [(line.mission, line.title, line.registered, line.attended) for line in campaign.programme]
    assert lines == rows
    # Tokyo's forum recorded (2 of 3 came); nothing recorded in Osaka: "–", not 0
    assert [line.attended for line in campaign.programme] == [None, None, 2, None]
    assert [c.programme_attended for c in campaign.missions] == [None, 2]
    assert campaign.total.programme_attended == 2


def campaign_id(session: Session) -> int:
    campaign = find_campaign(session, "Test campaign")
    assert campaign is not None
    return campaign.id


def test_a_person_and_a_company_in_two_missions_count_once(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as session:
        two_missions(session)
    with session_factory() as session:
        campaign, _, _, _ = _reports(session)
    osaka, tokyo = campaign.missions
    # Anne Muller and Jonas Weber come twice; the Kansai Orbital people and Tokyo Quantum's differ
    assert osaka.people.participants == {"delegation": 2, "host": 2}
    assert tokyo.people.participants == {"delegation": 2, "host": 3}
    assert campaign.total.people.participants == {"delegation": 2, "host": 5}
    # LuxSat ("LUXSAT services." in Tokyo), Santé Data Lux and Kansai Orbital are in both; Tokyo Quantum
    assert campaign.total.people.organisations == {"delegation": 2, "host": 2}
    assert campaign.total.people.organisations_by_sector == {"space": 2, "ai": 2, "health": 1, "quantum": 1}
    assert campaign.total.meetings.stages == {
        "requested": 5,
        "accepted": 2,
        "scheduled": 4,
        "held": 2,
        "no_show": 1,
        "cancelled": 1,
    }
    assert campaign.total.outcomes.satisfaction.mean == 4.25
    assert campaign.title == campaign.campaign == "Test campaign"
    assert [line.mission for line in campaign.programme] == [osaka.label] * 2 + [tokyo.label] * 2


def test_a_campaign_is_found_by_key_number_or_name(sqlite_factory: sessionmaker[Session]) -> None:
    with transaction(sqlite_factory) as session:
        two_missions(session)
    with sqlite_factory() as session:
        campaign = session.query(Campaign).one()
        assert campaign.key == "test-campaign"
        assert find_campaign(session, "test-campaign") is campaign
        assert find_campaign(session, str(campaign.id)) is campaign
        assert find_campaign(session, "test CAMPAIGN") is campaign
        assert find_campaign(session, "Other") is None
        with pytest.raises(ValueError, match="no mission"):
            campaign_report(session, Campaign(name="Empty"))


def test_a_campaign_whose_key_is_taken_gets_the_next_free_one(
    sqlite_factory: sessionmaker[Session],
) -> None:
    with transaction(sqlite_factory) as session:
        first = campaign_named(session, "Osaka 2025")
        again = campaign_named(session, "Osaka 2025")
        second = campaign_named(session, "Osaka – 2025")
        third = campaign_named(session, "Another", key="osaka-2025")
        assert (first.key, again.key, second.key, third.key) == (
            "osaka-2025",
            "osaka-2025",
            "osaka-2025-2",
            "osaka-2025-3",
        )
