"""Participant pages for company meetings: ask an organisation, bring a colleague, name who comes."""

from sqlalchemy import select

from missionmatch.models import Meeting, MeetingRequest
from tests.web.conftest import World


def test_a_request_to_an_organisation_is_answered_by_a_colleague_naming_who_comes(world: World) -> None:
    host = world.participant("test-osaka", "p-3")
    asking = world.as_participant("test-osaka", "p-2")
    page = asking.get(f"/me/directory/{host.id}")
    assert "Ask Kansai Orbital KK: any of its representatives may answer and decide who comes" in page.text
    sent = asking.submit(
        "/me/requests",
        {"recipient_id": host.id, "to_organisation": "true", "message": "Hello"},
        page=f"/me/directory/{host.id}",
    )
    assert sent.status_code == 303
    colleague = world.as_participant("test-osaka", "p-4")
    inbox = colleague.get("/me/requests")
    assert "Addressed to Kansai Orbital KK: any of its representatives may answer." in inbox.text
    assert "Who of you comes" in inbox.text
    with world.factory() as session:
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.to_organisation))
        assert request is not None
        request_id = request.id
    sato = world.participant("test-osaka", "p-4")
    answered = colleague.submit(
        f"/me/requests/{request_id}/accept",
        {"attendee_ids": [sato.id, host.id]},
        page="/me/requests",
    )
    assert answered.status_code == 303
    with world.factory() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.request_id == request_id))
        assert meeting is not None
        assert [p.key for p in meeting.participants] == ["p-2", "p-3", "p-4"]
