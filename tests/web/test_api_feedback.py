"""/api/v1/me/meetings/{id}/feedback: the feedback page's rules — attendees only, published or held meetings,
one feedback per author (given again: replaced); everything else is 404 with the same body."""

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Feedback, Meeting
from missionmatch.models.enums import FollowUp, MeetingStatus
from tests.web.api_client import (
    INVALID_TOKEN,
    PARTICIPANTS_ONLY,
    api,
    errors_of,
    meeting_id,
    organiser_api,
    participant_api,
)
from tests.web.conftest import World

NOT_FOUND = {"detail": "meeting not found"}


def _path(meeting: int) -> str:
    return f"/api/v1/me/meetings/{meeting}/feedback"


def test_an_attendee_gives_feedback_and_gives_it_again(world: World) -> None:
    meeting = meeting_id(world, "test-osaka")
    client = participant_api(world, "test-osaka", "p-3")
    first = client.post(_path(meeting), json={"rating": 4, "follow_up": "call", "comment": " 良い "})
    expected = {"meeting_id": meeting, "rating": 4, "follow_up": "call", "comment": "良い"}
    assert (first.status_code, first.json()) == (200, expected)
    again = client.post(_path(meeting), json={"rating": 2})
    expected = {"meeting_id": meeting, "rating": 2, "follow_up": "none", "comment": ""}
    assert (again.status_code, again.json()) == (200, expected)
    assert client.get(_path(meeting)).json() == expected
    yamada = world.participant("test-osaka", "p-3")
    with world.factory() as session:
        rows = select(Feedback.rating, Feedback.follow_up).where(Feedback.author_id == yamada.id)
        assert session.execute(rows).all() == [(2, FollowUp.NONE)]


def test_reading_existing_feedback(world: World) -> None:
    meeting = meeting_id(world, "test-osaka")
    response = participant_api(world, "test-osaka", "p-1").get(_path(meeting))
    expected = {"meeting_id": meeting, "rating": 5, "follow_up": "visit", "comment": "Très utile"}
    assert (response.status_code, response.json()) == (200, expected)
    none_yet = participant_api(world, "test-osaka", "p-4").get(_path(meeting))
    assert (none_yet.status_code, none_yet.json()) == (404, {"detail": "feedback not found"})


def test_not_my_meeting_is_404_like_a_missing_one(world: World) -> None:
    meeting = meeting_id(world, "test-osaka")
    missing = participant_api(world, "test-osaka", "p-2").post(_path(999_999), json={"rating": 3})
    assert (missing.status_code, missing.json()) == (404, NOT_FOUND)
    for slug, key in (("test-osaka", "p-2"), ("other-tokyo", "p-1")):  # not attending; another mission
        client = participant_api(world, slug, key)
        for response in (client.post(_path(meeting), json={"rating": 3}), client.get(_path(meeting))):
            assert (response.status_code, response.json()) == (404, NOT_FOUND)
    with world.factory() as session:
        written = select(Feedback).where(Feedback.meeting_id == meeting, Feedback.rating == 3)
        assert session.scalar(written) is None


def test_a_draft_meeting_is_not_open_for_feedback(world: World) -> None:
    meeting = meeting_id(world, "test-osaka")
    with transaction(world.factory) as session:
        session.get(Meeting, meeting).status = MeetingStatus.DRAFT
    response = participant_api(world, "test-osaka", "p-3").post(_path(meeting), json={"rating": 3})
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_wrong_fields_are_named(world: World) -> None:
    client = participant_api(world, "test-osaka", "p-3")
    path = _path(meeting_id(world, "test-osaka"))
    assert errors_of(client.post(path, json={"rating": 9})) == ["rating"]
    assert errors_of(client.post(path, json={"follow_up": "marry"})) == ["follow_up", "rating"]
    assert errors_of(client.post(path, json={"rating": 1, "comment": "x" * 4001})) == ["comment"]


def test_without_or_with_a_bad_token_is_401_and_organisers_403(world: World) -> None:
    path = _path(meeting_id(world, "test-osaka"))
    for token in (None, "not-a-token"):
        for response in (api(world, token).post(path, json={"rating": 3}), api(world, token).get(path)):
            assert (response.status_code, response.json()) == (401, INVALID_TOKEN)
    response = organiser_api(world).post(path, json={"rating": 3})
    assert (response.status_code, response.json()) == (403, PARTICIPANTS_ONLY)
