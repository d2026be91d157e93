"""Bulk actions on a selection of participants: every row checked first, one bad row refuses the whole batch
naming it, nothing half-done (fixture: m-1 published, p-1 with p-3 and p-4; r-1 accepted from p-1 to p-3)."""

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, OutboxMail, Participant
from missionmatch.models.enums import MeetingStatus
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
        import_mission(session, small_mission(name="Other", slug="other"))
    return session_factory


def _ids(session: Session, *keys: str, slug: str = "test-osaka") -> list[int]:
    mission = session.scalars(select(Mission).where(Mission.slug == slug)).one()
    people = {p.key: p.id for p in mission.participants}
    return [people[key] for key in keys]


def _person(session: Session, key: str) -> Participant:
    mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
    return next(p for p in mission.participants if p.key == key)


def _run(factory: sessionmaker[Session], keys: list[str], action: str, value: str = "") -> list[str]:
    """Applies the action in one transaction; the names done, or the refusal (rolled back)."""
    with factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        outcome = apply(session, MAIL, mission, _ids(session, *keys), action, value, AT)
        session.commit()
        return [p.last_name for p in outcome.done]


def _mails(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(OutboxMail.recipient).order_by(OutboxMail.recipient)))


def _column(factory: sessionmaker[Session], name: str) -> dict[str, object]:
    with factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        return {p.key: getattr(p, name) for p in mission.participants}


def test_invite_mails_a_sign_in_link_to_each_selected(factory: sessionmaker[Session]) -> None:
    assert _run(factory, ["p-4", "p-1"], "invite") == ["Muller", "Sato"]
    assert _mails(factory) == ["anne.muller@luxsat.example.lu", "sato@orbital.example.jp"]


def test_one_erased_participant_refuses_the_whole_batch(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        _person(session, "p-4").erased_at = AT
    with pytest.raises(BulkRefused) as refused:
        _run(factory, ["p-1", "p-4", "p-2"], "invite")
    assert refused.value.problems == [BulkProblem("Hanako Sato", "erased")]
    assert _mails(factory) == []


def test_another_missions_participant_is_refused_by_id(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        stranger = _ids(session, "p-2", slug="other")[0]
        with pytest.raises(BulkRefused) as refused:
            apply(session, MAIL, mission, [*_ids(session, "p-1"), stranger], "check_in", "", AT)
    assert refused.value.problems == [BulkProblem(f"#{stranger}", "unknown")]
    assert _column(factory, "checked_in_at")["p-1"] is None


def test_withdraw_cancels_their_meetings_and_keeps_the_already_withdrawn(
    factory: sessionmaker[Session],
) -> None:
    assert _run(factory, ["p-3"], "withdraw") == ["山田"]
    assert _run(factory, ["p-3", "p-4"], "withdraw") == ["Sato"]  # 山田 was withdrawn already
    withdrawn = _column(factory, "withdrawn_at")
    assert [key for key, at in sorted(withdrawn.items()) if at is not None] == ["p-3", "p-4"]
    with factory() as session:
        meeting = next(m for m in _person(session, "p-3").mission.meetings if m.key == "m-1")
        assert meeting.status == MeetingStatus.CANCELLED
    # a withdrawn participant is neither checked in nor sent a link: the row is named
    with pytest.raises(BulkRefused) as refused:
        _run(factory, ["p-1", "p-3"], "check_in")
    assert refused.value.problems == [BulkProblem("山田 太郎", "withdrawn")]


def test_set_the_meetings_accepted_at_most(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        _person(session, "p-2").min_meetings = 4
    with pytest.raises(BulkRefused) as refused:
        _run(factory, ["p-1", "p-2"], "max_meetings", "3")
    assert refused.value.problems == [BulkProblem("Jonas Weber", "max_below_min", {"min": 4}, "max_meetings")]
    assert _column(factory, "max_meetings") == {"p-1": 5, "p-2": None, "p-3": None, "p-4": None}
    assert _run(factory, ["p-1", "p-3", "p-4"], "max_meetings", "５") == ["Sato", "山田"]  # full-width digit
    assert _column(factory, "max_meetings") == {"p-1": 5, "p-2": None, "p-3": 5, "p-4": 5}
    assert _run(factory, ["p-1"], "max_meetings", "") == ["Muller"]  # blank: no limit
    with pytest.raises(BulkRefused) as refused:
        _run(factory, ["p-1"], "max_meetings", "many")
    assert refused.value.problems == [BulkProblem("max_meetings", "value", {"value": "many", "max": 1000})]


def test_nothing_selected_or_an_unknown_action_is_refused(factory: sessionmaker[Session]) -> None:
    with pytest.raises(BulkRefused) as refused:
        _run(factory, [], "invite")
    assert refused.value.problems == [BulkProblem("", "none")]
    with pytest.raises(BulkRefused) as refused:
        _run(factory, ["p-1"], "delete")
    assert refused.value.problems == [BulkProblem("action", "value", {"value": "delete"})]
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMail)) == 0
