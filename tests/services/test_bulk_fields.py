"""A field set at once on a selection (meetings wished at least, a language spoken added or removed, the time
zone): the single edit's rules, every refused row named with the field, nothing half-done, one operation in
the audit log that undo takes back whole (fixture: small_mission; p-1 min 0 max 5, languages fr de en)."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import AuditEntry, Mission
from missionmatch.services.audit_undo import UndoRefused, undo_batch
from missionmatch.services.bulk_actions import BulkProblem, BulkRefused, apply
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

AT = dt.datetime(2025, 5, 26, 9, tzinfo=dt.UTC)
MAIL = MailSettings()


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


def _run(factory: sessionmaker[Session], keys: list[str], action: str, value: str) -> list[str]:
    with factory() as session:
        mission = _mission(session)
        ids = [p.id for p in mission.participants if p.key in keys]
        outcome = apply(session, MAIL, mission, ids, action, value, AT)
        session.commit()
        return [p.last_name for p in outcome.done]


def _refusal(factory: sessionmaker[Session], keys: list[str], action: str, value: str) -> list[BulkProblem]:
    with pytest.raises(BulkRefused) as refused:
        _run(factory, keys, action, value)
    return refused.value.problems


def _column(factory: sessionmaker[Session], name: str) -> dict[str, object]:
    with factory() as session:
        return {p.key: getattr(p, name) for p in _mission(session).participants}


def _last_batch(factory: sessionmaker[Session], operation: str) -> tuple[str, list[AuditEntry]]:
    with factory() as session:
        query = select(AuditEntry).where(AuditEntry.operation == operation).order_by(AuditEntry.id)
        entries = list(session.scalars(query))
        batch = entries[-1].batch
        return batch, [e for e in entries if e.batch == batch]


def _undo(factory: sessionmaker[Session], batch: str) -> str:
    with transaction(factory) as session:
        return undo_batch(session, _mission(session), batch, mail=MAIL)


def test_minimum_meetings_follow_the_single_edits_rule(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        next(p for p in _mission(session).participants if p.key == "p-3").max_meetings = 2
    assert _refusal(factory, ["p-1", "p-2", "p-3"], "min_meetings", "6") == [
        BulkProblem("Anne Muller", "min_above_max", {"max": 5}, "min_meetings"),
        BulkProblem("山田 太郎", "min_above_max", {"max": 2}, "min_meetings"),
    ]
    assert _column(factory, "min_meetings") == {"p-1": 0, "p-2": None, "p-3": None, "p-4": None}
    assert _refusal(factory, ["p-1"], "min_meetings", "-1") == [
        BulkProblem("min_meetings", "value", {"value": "-1", "max": 1000})
    ]
    assert _run(factory, ["p-1", "p-2", "p-3"], "min_meetings", "2") == ["Muller", "Weber", "山田"]
    assert _column(factory, "min_meetings") == {"p-1": 2, "p-2": 2, "p-3": 2, "p-4": None}


def test_a_language_is_added_or_removed_and_undone(factory: sessionmaker[Session]) -> None:
    assert _refusal(factory, ["p-1"], "add_language", "klingon") == [
        BulkProblem(
            "add_language", "value", {"value": "klingon", "codes": "en, fr, ja, de, lb, nl, it, es, zh"}
        )
    ]
    assert _run(factory, ["p-1", "p-2", "p-3"], "add_language", "FR") == ["Weber", "山田"]  # p-1 speaks it
    assert _column(factory, "languages") == {
        "p-1": ["fr", "de", "en"],
        "p-2": ["de", "en", "fr"],
        "p-3": ["ja", "fr"],
        "p-4": ["ja", "en"],
    }
    batch, entries = _last_batch(factory, "bulk_add_language")
    assert sorted(e.changes["languages"] for e in entries) == [
        [["de", "en"], ["de", "en", "fr"]],
        [["ja"], ["ja", "fr"]],
    ]
    assert _run(factory, ["p-1", "p-4"], "remove_language", "en") == ["Muller", "Sato"]
    assert _column(factory, "languages")["p-4"] == ["ja"]
    assert _undo(factory, batch) == "bulk_add_language"
    assert _column(factory, "languages") == {
        "p-1": ["fr", "de"],
        "p-2": ["de", "en"],
        "p-3": ["ja"],
        "p-4": ["ja"],
    }


def test_the_time_zone_is_set_in_one_operation_and_undone_whole(factory: sessionmaker[Session]) -> None:
    assert _refusal(factory, ["p-1"], "timezone", "Mars/Olympus") == [
        BulkProblem("timezone", "value", {"value": "Mars/Olympus"})
    ]
    assert _run(factory, ["p-1", "p-2", "p-3"], "timezone", "Europe/Paris") == ["Muller", "Weber", "山田"]
    batch, entries = _last_batch(factory, "bulk_timezone")
    assert sorted((e.changes["timezone"][0] or "") for e in entries) == [
        "",
        "Asia/Tokyo",
        "Europe/Luxembourg",
    ]
    with transaction(factory) as session:
        next(p for p in _mission(session).participants if p.key == "p-2").timezone = "Europe/Berlin"
    with factory() as session, pytest.raises(UndoRefused) as refused:
        undo_batch(session, _mission(session), batch, mail=MAIL)
    assert (refused.value.code, refused.value.row) == ("changed", "Jonas Weber")
    assert _column(factory, "timezone")["p-1"] == "Europe/Paris"  # nothing undone
    with transaction(factory) as session:
        next(p for p in _mission(session).participants if p.key == "p-2").timezone = "Europe/Paris"
    assert _undo(factory, batch) == "bulk_timezone"
    assert _column(factory, "timezone") == {
        "p-1": "Europe/Luxembourg",
        "p-2": None,
        "p-3": "Asia/Tokyo",
        "p-4": None,
    }
    assert _run(factory, ["p-1"], "timezone", "") == ["Muller"]  # blank: the mission's
    assert _column(factory, "timezone")["p-1"] is None


def test_a_minimum_undo_that_would_pass_the_maximum_is_refused(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        next(p for p in _mission(session).participants if p.key == "p-2").min_meetings = 4
    assert _run(factory, ["p-2"], "min_meetings", "1") == ["Weber"]
    batch, _ = _last_batch(factory, "bulk_min_meetings")
    with transaction(factory) as session:
        next(p for p in _mission(session).participants if p.key == "p-2").max_meetings = 3
    with factory() as session, pytest.raises(UndoRefused) as refused:
        undo_batch(session, _mission(session), batch, mail=MAIL)
    assert (refused.value.code, refused.value.row) == ("above_max", "Jonas Weber")
