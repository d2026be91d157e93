"""Organisers steer requests over HTTP: a veto from the board, a must-meet meeting, the matrix of
organisations and its bulk approval of whole cells."""

from sqlalchemy import select

from missionmatch.models import Meeting, MeetingRequest, OutboxMail
from missionmatch.models.enums import MeetingStatus, RequestStatus
from tests.web.conftest import World

BOARD = "/missions/test-osaka/requests"
MATRIX = f"{BOARD}/matrix"


def _request(world: World, key: str) -> MeetingRequest:
    with world.factory() as session:
        return session.scalars(
            select(MeetingRequest)
            .join(MeetingRequest.mission)
            .where(MeetingRequest.key == key)
            .where(MeetingRequest.mission.has(slug="test-osaka"))
        ).one()


def test_a_veto_from_the_board_needs_a_reason_and_stops_the_pair(world: World) -> None:
    pending = _request(world, "r-2")  # Jonas -> Sato
    browser = world.organiser()
    assert f'action="{BOARD}/{pending.id}/veto"' in browser.get(BOARD).text
    refused = browser.submit(f"{BOARD}/{pending.id}/veto", {"reason": " "}, page=BOARD)
    assert refused.status_code == 422 and "Give the requester a reason." in refused.text
    done = browser.submit(f"{BOARD}/{pending.id}/veto", {"reason": "Competitors"}, page=BOARD)
    assert done.status_code == 303
    vetoed = _request(world, "r-2")
    assert (vetoed.status, vetoed.rejection_reason) == (RequestStatus.VETOED, "Competitors")
    board = browser.get(f"{BOARD}?status=vetoed").text
    assert '<span class="status vetoed">vetoed</span>' in board and "Competitors" in board
    again = browser.submit(f"{BOARD}/{pending.id}/veto", {"reason": "Again"}, page=BOARD)
    assert again.status_code == 409 and "This request no longer awaits approval." in again.text
    sato = world.participant("test-osaka", "p-4")
    jonas = world.as_participant("test-osaka", "p-2")
    answer = jonas.submit("/me/requests", {"recipient_id": sato.id}, page="/me")
    assert answer.status_code == 409
    assert "The organisers have stopped meetings between you two." in answer.text


def test_another_missions_request_cannot_be_vetoed(world: World) -> None:
    with world.factory() as session:
        elsewhere = session.scalars(
            select(MeetingRequest).where(MeetingRequest.mission.has(slug="other-tokyo"))
        ).first()
    browser = world.organiser()
    response = browser.submit(f"{BOARD}/{elsewhere.id}/veto", {"reason": "No"}, page=BOARD)
    assert response.status_code == 404


def test_a_must_meet_from_the_board_is_accepted_drafted_and_shown_to_both(world: World) -> None:
    jonas, yamada = world.participant("test-osaka", "p-2"), world.participant("test-osaka", "p-3")
    browser = world.organiser()
    form = browser.get(BOARD).text
    assert f'<option value="{jonas.id}">Jonas Weber · ' in form
    done = browser.submit(f"{BOARD}/must-meet", {"delegate_id": jonas.id, "host_id": yamada.id}, page=BOARD)
    assert done.status_code == 303
    with world.factory() as session:
        made = session.scalars(select(MeetingRequest).where(MeetingRequest.must_meet.is_(True))).one()
        assert (made.requester_id, made.recipient_id, made.status) == (
            jonas.id,
            yamada.id,
            RequestStatus.ACCEPTED,
        )
        meeting = session.scalars(select(Meeting).where(Meeting.request_id == made.id)).one()
        assert meeting.status == MeetingStatus.DRAFT
        mailed = list(session.scalars(select(OutboxMail.recipient).order_by(OutboxMail.id)))
    assert mailed == [jonas.email, yamada.email]
    assert '<span class="status must-meet">must meet</span>' in browser.get(BOARD).text
    page = world.as_participant("test-osaka", "p-3").get("/me/requests").text
    assert "Arranged by the organisers" in page
    twice = browser.submit(f"{BOARD}/must-meet", {"delegate_id": jonas.id, "host_id": yamada.id}, page=BOARD)
    assert twice.status_code == 409 and "These two already have a meeting." in twice.text
    anne = world.participant("test-osaka", "p-1")
    same = browser.submit(f"{BOARD}/must-meet", {"delegate_id": anne.id, "host_id": jonas.id}, page=BOARD)
    assert same.status_code == 422


def test_the_matrix_counts_requests_and_meetings_by_organisation_pair_and_approves_cells(
    world: World,
) -> None:
    browser = world.organiser()
    settings = "/missions/test-osaka/settings"
    dates = {"start_date": "2025-05-24", "end_date": "2025-05-31", "timezone": "Asia/Tokyo"}
    browser.submit(settings, {**dates, "requests_need_approval": "true"}, page=settings)
    yamada = world.participant("test-osaka", "p-3")
    jonas = world.as_participant("test-osaka", "p-2")
    assert jonas.submit("/me/requests", {"recipient_id": yamada.id}, page="/me").status_code == 303
    orbital, lu_sat = yamada.organisation_id, world.participant("test-osaka", "p-1").organisation_id
    jonas_org = world.participant("test-osaka", "p-2").organisation_id
    page = browser.get(MATRIX).text
    # r-1 (Anne -> Yamada, accepted) and m-1 between lu-sat and jp-orbital; r-2 pending, Jonas's new one
    assert f'href="{BOARD}?delegation={lu_sat}&amp;host={orbital}"' in page
    assert '<span class="m-accepted">1✓</span><span class="m-meetings">1■</span>' in page
    cell = f'name="cell" value="{jonas_org}-{orbital}"'
    assert cell in page
    assert '<span class="m-awaiting_approval">1?</span><span class="m-pending">1…</span>' in page
    filtered = browser.get(f"{BOARD}?delegation={jonas_org}&host={orbital}").text
    assert filtered.count('<tr class="">') == 2
    response = browser.submit(f"{MATRIX}/approve", {"cell": [f"{jonas_org}-{orbital}"]}, page=MATRIX)
    assert response.headers["location"] == f"{MATRIX}?approved=1&skipped=0"
    assert "Approved: 1." in browser.get(response.headers["location"]).text
    assert browser.submit(f"{MATRIX}/approve", {"cell": ["x-1"]}, page=MATRIX).status_code == 422
    assert world.organiser("orga@b.lu").get(MATRIX).status_code in (403, 404)


def test_a_participant_withdraws_an_accepted_request_from_the_page(world: World) -> None:
    accepted = _request(world, "r-1")  # Anne -> Yamada, accepted, m-1 published
    anne = world.as_participant("test-osaka", "p-1")
    assert f'action="/me/requests/{accepted.id}/withdraw"' in anne.get("/me/requests").text
    jonas = world.as_participant("test-osaka", "p-2")
    assert jonas.submit(f"/me/requests/{accepted.id}/withdraw", page="/me/requests").status_code == 404
    assert anne.submit(f"/me/requests/{accepted.id}/withdraw", page="/me/requests").status_code == 303
    assert _request(world, "r-1").status == RequestStatus.CANCELLED
    again = anne.submit(f"/me/requests/{accepted.id}/withdraw", page="/me/requests")
    assert again.status_code == 409 and "This request has already been answered." in again.text
