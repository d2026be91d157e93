"""Organisers' approval over HTTP: the setting, a request awaiting approval hidden from its recipient (page
and API), the board's bulk approval and a rejection with a reason the requester reads."""

from fastapi.testclient import TestClient
from sqlalchemy import select

from missionmatch.models import MeetingRequest, Mission, OutboxMail
from missionmatch.models.enums import RequestStatus
from tests.web.api_client import errors_of, organiser_api, participant_api
from tests.web.conftest import World

BOARD = "/missions/test-osaka/requests"
API = "/api/v1/missions/test-osaka/requests"
SETTINGS = "/missions/test-osaka/settings"
DATES = {"start_date": "2025-05-24", "end_date": "2025-05-31", "timezone": "Asia/Tokyo"}


def _approval_on(world: World) -> None:
    browser = world.organiser()
    browser.submit(SETTINGS, {**DATES, "requests_need_approval": "true"}, page=SETTINGS)
    assert 'name="requests_need_approval" value="true" checked' in browser.get(SETTINGS).text


def _send(world: World, sender: str, recipient: str) -> int:
    to = world.participant("test-osaka", recipient)
    browser = world.as_participant("test-osaka", sender)
    assert browser.submit("/me/requests", {"recipient_id": to.id}, page="/me").status_code == 303
    with world.factory() as session:
        return session.scalars(
            select(MeetingRequest.id).where(MeetingRequest.recipient_id == to.id).order_by(MeetingRequest.id)
        ).all()[-1]


def _status(world: World, request_id: int) -> tuple[RequestStatus, str]:
    with world.factory() as session:
        request = session.get(MeetingRequest, request_id)
        return request.status, request.rejection_reason


def _mailed(world: World) -> list[str]:
    with world.factory() as session:
        return list(session.scalars(select(OutboxMail.recipient).order_by(OutboxMail.id)))


def test_awaiting_approval_the_recipient_neither_sees_nor_answers_it(world: World) -> None:
    _approval_on(world)
    request_id = _send(world, "p-2", "p-3")  # Jonas asks Yamada
    assert _status(world, request_id) == (RequestStatus.AWAITING_APPROVAL, "")
    assert _mailed(world) == []
    jonas = world.as_participant("test-osaka", "p-2").get("/me/requests").text
    assert '<span class="status awaiting_approval">awaiting approval</span>' in jonas
    yamada = world.as_participant("test-osaka", "p-3")
    assert "Jonas Weber" not in yamada.get("/me/requests").text
    accept = f"/me/requests/{request_id}/accept"
    assert yamada.submit(accept, page="/me/requests").status_code == 404
    token = world.api_token(participant=("test-osaka", "p-3"))
    api = TestClient(world.client().app, headers={"authorization": f"Bearer {token}"})
    assert api.post(f"/api/v1/requests/{request_id}/accept").status_code == 404
    assert request_id not in [r["id"] for r in api.get("/api/v1/requests").json()]
    assert _status(world, request_id)[0] == RequestStatus.AWAITING_APPROVAL


def test_the_board_approves_the_selected_requests_which_then_reach_their_recipients(world: World) -> None:
    _approval_on(world)
    first, second = _send(world, "p-2", "p-3"), _send(world, "p-1", "p-4")
    browser = world.organiser()
    board = browser.get(f"{BOARD}?status=awaiting_approval").text
    assert board.count('<tr class="">') == 2 and 'id="approve-requests"' in board
    assert f'name="request_id" value="{first}" form="approve-requests"' in board
    response = browser.submit(
        f"{BOARD}/approve", {"request_id": [first, second, 999999, 2**64 + 7]}, page=BOARD
    )
    assert response.headers["location"] == f"{BOARD}?approved=2&skipped=2"
    assert (
        "Approved: 2. Skipped (no longer awaiting approval, or requests closed): 2."
        in browser.get(response.headers["location"]).text
    )
    assert [_status(world, r)[0] for r in (first, second)] == [RequestStatus.PENDING, RequestStatus.PENDING]
    yamada, sato = world.participant("test-osaka", "p-3"), world.participant("test-osaka", "p-4")
    assert _mailed(world) == [yamada.email, sato.email]
    assert "Jonas Weber" in world.as_participant("test-osaka", "p-3").get("/me/requests").text


def test_a_rejection_needs_a_reason_and_the_requester_reads_it(world: World) -> None:
    _approval_on(world)
    request_id = _send(world, "p-2", "p-3")
    browser = world.organiser()
    reject = f"{BOARD}/{request_id}/reject"
    empty = browser.submit(reject, {"reason": " "}, page=BOARD)
    assert (empty.status_code, "Give the requester a reason." in empty.text) == (422, True)
    assert browser.submit(reject, {"reason": "Outside the programme"}, page=BOARD).status_code == 303
    assert _status(world, request_id) == (RequestStatus.REJECTED, "Outside the programme")
    jonas = world.participant("test-osaka", "p-2")
    assert _mailed(world) == [jonas.email]
    page = world.as_participant("test-osaka", "p-2").get("/me/requests").text
    assert "The organisers&#39; reason: Outside the programme" in page
    again = browser.submit(reject, {"reason": "Twice"}, page=BOARD)
    assert (again.status_code, "This request no longer awaits approval." in again.text) == (409, True)
    other = world.organiser("orga@b.lu")
    assert other.submit(reject, {"reason": "Not mine"}, page="/").status_code == 404


def test_the_requester_withdraws_a_request_awaiting_approval(world: World) -> None:
    _approval_on(world)
    request_id = _send(world, "p-2", "p-3")
    jonas = world.as_participant("test-osaka", "p-2")
    assert f'action="/me/requests/{request_id}/cancel"' in jonas.get("/me/requests").text
    assert jonas.submit(f"/me/requests/{request_id}/cancel", page="/me/requests").status_code == 303
    assert _status(world, request_id)[0] == RequestStatus.CANCELLED


def test_without_approval_a_request_goes_straight_to_its_recipient(world: World) -> None:
    with world.factory() as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        assert mission.requests_need_approval is False
    request_id = _send(world, "p-2", "p-3")
    assert _status(world, request_id)[0] == RequestStatus.PENDING
    assert _mailed(world) == [world.participant("test-osaka", "p-3").email]


def test_the_api_shows_the_requester_a_rejection_and_its_reason(world: World) -> None:
    _approval_on(world)
    request_id = _send(world, "p-2", "p-3")
    token = world.api_token(participant=("test-osaka", "p-2"))
    api = TestClient(world.client().app, headers={"authorization": f"Bearer {token}"})
    mine = [r for r in api.get("/api/v1/requests").json() if r["id"] == request_id]
    assert [(r["status"], r["rejection_reason"]) for r in mine] == [("awaiting_approval", "")]
    world.organiser().submit(f"{BOARD}/{request_id}/reject", {"reason": "Full day"}, page=BOARD)
    mine = [r for r in api.get("/api/v1/requests").json() if r["id"] == request_id]
    assert [(r["status"], r["rejection_reason"]) for r in mine] == [("rejected", "Full day")]


def test_organisers_approve_and_reject_through_the_api(world: World) -> None:
    _approval_on(world)
    first, second = _send(world, "p-2", "p-3"), _send(world, "p-1", "p-4")
    api = organiser_api(world)
    approved = api.post(f"{API}/approve", json={"request_ids": [first, 999999, 2**64 + 7, 0]})
    assert (approved.status_code, approved.json()) == (200, {"approved": 1, "skipped": 3})
    assert _status(world, first)[0] == RequestStatus.PENDING
    blank = api.post(f"{API}/{second}/reject", json={"reason": "  "})
    assert errors_of(blank) == ["reason"]
    rejected = api.post(f"{API}/{second}/reject", json={"reason": "Not in the programme"})
    assert (rejected.status_code, rejected.json()["status"], rejected.json()["rejection_reason"]) == (
        200,
        "rejected",
        "Not in the programme",
    )
    again = api.post(f"{API}/{first}/reject", json={"reason": "Late"})
    assert (again.status_code, again.json()) == (409, {"detail": "not_pending"})
    assert (
        organiser_api(world, "orga@b.lu").post(f"{API}/{second}/reject", json={"reason": "x"}).status_code
        == 404
    )
    as_participant = participant_api(world, "test-osaka", "p-1").post(
        f"{API}/approve", json={"request_ids": []}
    )
    assert as_participant.status_code == 403
