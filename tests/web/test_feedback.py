"""Feedback on meetings: only attendees, only published or held meetings, one per author (updated)."""

from sqlalchemy import select

from missionmatch.models import Feedback, Meeting
from missionmatch.models.enums import FollowUp
from missionmatch.web import permissions
from tests.web.conftest import World


def _meeting_id(world: World, slug: str = "test-osaka") -> int:
    anne = world.participant(slug, "p-1")
    with world.factory() as session:
        return session.scalar(
            select(Meeting.id).where(Meeting.key == "m-1", Meeting.mission_id == anne.mission_id)
        )


def test_rule_only_attendees_give_feedback(world: World) -> None:
    with world.factory() as session:
        meeting = session.get(Meeting, _meeting_id(world))
        attendees = [
            permissions.participant_attends_meeting(world.participant("test-osaka", k), meeting)
            for k in ("p-3", "p-2")
        ]
    assert attendees == [True, False]


def test_attendee_rates_a_meeting_and_can_change_it(world: World) -> None:
    meeting_id = _meeting_id(world)
    browser = world.as_participant("test-osaka", "p-3")
    assert "Feedback" in browser.get("/me/agenda").text
    for rating in ("4", "2"):
        data = {"rating": rating, "follow_up": "visit", "comment": "良い"}
        response = browser.submit(
            f"/me/meetings/{meeting_id}/feedback", data, page=f"/me/meetings/{meeting_id}/feedback"
        )
        assert response.headers["location"] == f"/me/meetings/{meeting_id}/feedback?saved=1"
    yamada = world.participant("test-osaka", "p-3")
    with world.factory() as session:
        rows = session.execute(
            select(Feedback.rating, Feedback.follow_up).where(Feedback.author_id == yamada.id)
        ).all()
    assert rows == [(2, FollowUp.VISIT)]


def test_non_attendee_and_other_mission_get_404(world: World) -> None:
    meeting_id = _meeting_id(world)
    assert (
        world.as_participant("test-osaka", "p-2").get(f"/me/meetings/{meeting_id}/feedback").status_code
        == 404
    )
    assert (
        world.as_participant("other-tokyo", "p-1").get(f"/me/meetings/{meeting_id}/feedback").status_code
        == 404
    )


def test_rating_out_of_range_is_422_naming_the_field(world: World) -> None:
    meeting_id = _meeting_id(world)
    browser = world.as_participant("test-osaka", "p-3")
    response = browser.submit(f"/me/meetings/{meeting_id}/feedback", {"rating": "9"}, page="/me")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["rating"]
