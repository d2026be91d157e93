"""A schedule the independent checker finds fault with is refused before anything is stored."""

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from missionmatch.scheduling import Instance, Participant, Solution
from missionmatch.scheduling import Meeting as CoreMeeting
from missionmatch.scheduling.replanner import ReplanResult
from missionmatch.services import replanning, scheduling_run
from missionmatch.services.mission_import import import_mission
from missionmatch.services.replanning import replan_mission
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.services.solver_output import ScheduleRejected, require_valid
from missionmatch.settings import MailSettings
from tests.services.test_scheduling_run import _requests_document


def _pair() -> Instance:
    people = (Participant(), Participant(), Participant())
    return Instance("i", 3, 2, people, (CoreMeeting((0, 1)), CoreMeeting((0, 2))))


def test_a_valid_schedule_passes_and_a_clash_is_refused_with_the_violation_named() -> None:
    require_valid(_pair(), Solution("i", "optimal", 0, [0, 1], tables=[0, 0], engine="cp-sat"), "draft")
    bad = Solution("i", "optimal", 0, [1, 1], tables=[0, 1], engine="cp-sat")
    with pytest.raises(ScheduleRejected) as refused:
        require_valid(_pair(), bad, "draft")
    assert str(refused.value) == (
        "the draft was not stored: the cp-sat schedule breaks the rules: "
        "[clash] participant 0 has 2 meetings in slot 1: [0, 1]"
    )


def test_a_wrong_objective_claim_is_refused() -> None:
    with pytest.raises(ScheduleRejected, match=r"\[objective\] claimed 0 breaks, recomputed 1"):
        require_valid(_pair(), Solution("i", "optimal", 0, [0, 2], tables=[0, 0]), "draft")


def test_no_schedule_is_nothing_to_check() -> None:
    require_valid(_pair(), Solution("i", "unknown", None, None), "draft")


def _drafts(factory: sessionmaker[Session]) -> list[tuple[str, int | None]]:
    with factory() as session:
        query = select(Meeting).where(Meeting.status == MeetingStatus.DRAFT).order_by(Meeting.key)
        return [(m.key, m.slot) for m in session.scalars(query)]


def test_a_solver_schedule_with_a_false_claim_is_not_stored_and_the_old_draft_stays(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(session_factory) as session:
        mission_id = import_mission(session, _requests_document()).id
    run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    before = _drafts(session_factory)
    assert len(before) == 2

    real = scheduling_run.solve

    def overclaiming(
        instance: Instance, fairness: int | None, time_limit: float, workers: int, progress: Any
    ) -> Solution:
        solution = real(instance, fairness, time_limit, workers, progress)
        return replace(solution, objective=(solution.objective or 0) + 1, engine="cp-sat")

    monkeypatch.setattr(scheduling_run, "solve", overclaiming)
    with pytest.raises(
        ScheduleRejected, match=r"^the draft was not stored: the cp-sat schedule .*\[objective\]"
    ):
        run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    assert _drafts(session_factory) == before


def test_a_replanned_schedule_with_a_clash_is_not_stored(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(session_factory) as session:
        mission_id = import_mission(session, _requests_document()).id
    run_scheduling(session_factory, mission_id, time_limit=10, workers=1)
    with transaction(session_factory) as session:
        publish_schedule(session, session.get(Mission, mission_id), mail=MailSettings())
    with session_factory() as session:
        published = sorted((m.key, m.slot) for m in session.scalars(select(Meeting)))
    real = replanning.replan

    def clashing(instance: Instance, published: dict[str, int], time_limit: float) -> ReplanResult:
        result = real(instance, published, time_limit=time_limit)
        slots = [0 if t is not None else None for t in result.solution.meeting_slots or []]
        return replace(result, solution=replace(result.solution, meeting_slots=slots))

    monkeypatch.setattr(replanning, "replan", clashing)
    with pytest.raises(ScheduleRejected, match=r"^the replanned schedule was not stored: "):
        replan_mission(session_factory, mission_id, time_limit=10)
    with session_factory() as session:
        assert sorted((m.key, m.slot) for m in session.scalars(select(Meeting))) == published
