"""Organiser pages for curating the schedule by hand: move, place, remove; refusals in words; permissions."""

import threading

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Mission
from missionmatch.models.enums import MeetingStatus, RequestStatus
from tests.web.conftest import World

SLUG = "test-osaka"
PAGE = f"/missions/{SLUG}/schedule"


def _ids(world: World, slug: str = SLUG) -> dict[str, int]:
    """Ids of m-1, r-1, r-2 and the B2B session of a mission."""
    with world.factory() as session:
        mission = session.scalar(select(Mission).where(Mission.slug == slug))
        meeting = session.scalar(
            select(Meeting).where(Meeting.mission_id == mission.id, Meeting.key == "m-1")
        )
        requests = {
            r.key: r.id
            for r in session.scalars(select(MeetingRequest).where(MeetingRequest.mission_id == mission.id))
        }
        b2b = session.scalar(select(B2BSession).where(B2BSession.mission_id == mission.id))
        return {"m-1": meeting.id, **requests, "session": b2b.id}


def _accept_r2(world: World) -> None:
    with transaction(world.factory) as session:
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-2"))
        request.status = RequestStatus.ACCEPTED  # Jonas → Hanako, who share English


def test_moving_a_published_meeting_to_a_free_slot_at_the_table_its_hosts_keep(world: World) -> None:
    ids = _ids(world)
    browser = world.organiser()
    path = f"/missions/{SLUG}/meetings/{ids['m-1']}/move"
    page = browser.get(path).text
    assert "Move a meeting" in page and "Anne Muller is unavailable from" in page
    refused = browser.submit(path, {"slot": f"{ids['session']}:4", "table": "3"}, page=path)
    assert refused.status_code == 409
    assert (
        '<ul class="error" role="alert" id="refusals"><li>太郎 山田 keeps table 2.</li></ul>' in refused.text
    )
    response = browser.submit(path, {"slot": f"{ids['session']}:4", "table": "2"}, page=path)
    assert (response.status_code, response.headers["location"]) == (303, PAGE)
    with world.factory() as session:
        meeting = session.get(Meeting, ids["m-1"])
        assert (meeting.status, meeting.slot, meeting.table) == (MeetingStatus.PUBLISHED, 4, 1)


def test_a_refused_move_names_every_broken_rule(world: World) -> None:
    _accept_r2(world)
    ids = _ids(world)
    browser = world.organiser()
    browser.submit(
        f"/missions/{SLUG}/requests/{ids['r-2']}/place",
        {"slot": f"{ids['session']}:0", "table": "2"},
        page=PAGE,
    )
    path = f"/missions/{SLUG}/meetings/{ids['m-1']}/move"
    response = browser.submit(path, {"slot": f"{ids['session']}:0", "table": "2"}, page=path)
    assert response.status_code == 409
    assert (
        '<ul class="error" role="alert" id="refusals">'
        "<li>Hanako Sato is already in a meeting at 2:00\u202fPM (table 2).</li>"
        "<li>Table 2 is already taken at 2:00\u202fPM (Jonas Weber, Hanako Sato).</li></ul>"
    ) in response.text
    # the refused choice is shown again, to be corrected
    assert f'<option value="{ids["session"]}:0" selected>' in response.text
    assert '<option value="2" selected>2</option>' in response.text
    browser.get("/language/fr")
    response = browser.submit(path, {"slot": f"{ids['session']}:3", "table": ""}, page=path)
    assert response.status_code == 409
    assert (
        "<li>Anne Muller est indisponible du 27 mai 2025, 15:00 au 27 mai 2025, 15:40 : call.</li>"
        in response.text
    )
    with world.factory() as session:
        assert session.get(Meeting, ids["m-1"]).slot == 2


def test_malformed_slot_or_table_is_a_422_naming_the_field(world: World) -> None:
    ids = _ids(world)
    browser = world.organiser()
    path = f"/missions/{SLUG}/meetings/{ids['m-1']}/move"
    other_session = _ids(world, "other-tokyo")["session"]
    response = browser.submit(path, {"slot": f"{other_session}:1", "table": "x"}, page=path)
    assert response.status_code == 422
    assert "<li>Choose a slot of one of this mission&#39;s B2B sessions.</li>" in response.text
    assert "<li>The table must be a number, or empty for the first free table.</li>" in response.text


def test_placing_an_accepted_request_by_hand(world: World) -> None:
    _accept_r2(world)
    ids = _ids(world)
    browser = world.organiser()
    listing = browser.get(f"/missions/{SLUG}/schedule/unplaced").text
    assert listing.count("Place by hand") == 1 and "Jonas Weber" in listing
    path = f"/missions/{SLUG}/requests/{ids['r-2']}/place"
    response = browser.submit(path, {"slot": f"{ids['session']}:5", "table": ""}, page=path)
    assert (response.status_code, response.headers["location"]) == (303, PAGE)
    with world.factory() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-r-2"))
        assert (meeting.status, meeting.slot, meeting.table, meeting.request_id) == (
            MeetingStatus.DRAFT,
            5,
            1,  # Hanako Sato keeps table 2
            ids["r-2"],
        )
    assert "Every accepted request has a meeting in the schedule." in browser.get(f"{PAGE}/unplaced").text
    again = browser.submit(path, {"slot": f"{ids['session']}:4", "table": ""}, page=path)
    assert again.status_code == 409
    assert "This request already has a meeting in the schedule (m-r-2)." in again.text


def test_removing_a_draft_and_refusing_to_remove_a_published_meeting(world: World) -> None:
    _accept_r2(world)
    ids = _ids(world)
    browser = world.organiser()
    place = f"/missions/{SLUG}/requests/{ids['r-2']}/place"
    browser.submit(place, {"slot": f"{ids['session']}:5", "table": ""}, page=place)
    with world.factory() as session:
        draft_id = session.scalar(select(Meeting.id).where(Meeting.key == "m-r-2"))
    schedule = browser.get(PAGE).text
    assert f'action="/missions/{SLUG}/meetings/{draft_id}/remove"' in schedule
    assert schedule.count(">Move</a>") == 2 and schedule.count(">Remove</button>") == 1
    response = browser.submit(f"/missions/{SLUG}/meetings/{draft_id}/remove", page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, PAGE)
    refused = browser.submit(f"/missions/{SLUG}/meetings/{ids['m-1']}/remove", page=PAGE)
    assert refused.status_code == 409
    assert (
        "Only draft meetings can be removed; cancel a published one instead (this one is published)."
        in refused.text
    )
    with world.factory() as session:
        assert session.get(Meeting, draft_id) is None
        assert session.get(Meeting, ids["m-1"]).status == MeetingStatus.PUBLISHED


def test_forms_without_the_csrf_token_are_refused(world: World) -> None:
    _accept_r2(world)
    ids = _ids(world)
    browser = world.organiser()
    slot = {"slot": f"{ids['session']}:4", "table": ""}
    for path, data in [
        (f"/missions/{SLUG}/meetings/{ids['m-1']}/move", slot),
        (f"/missions/{SLUG}/requests/{ids['r-2']}/place", slot),
        (f"/missions/{SLUG}/meetings/{ids['m-1']}/remove", {}),
    ]:
        assert browser.post(path, data=data, follow_redirects=False).status_code == 403
    with world.factory() as session:
        assert session.get(Meeting, ids["m-1"]).slot == 2
        assert session.scalar(select(Meeting).where(Meeting.key == "m-r-2")) is None


def test_another_missions_organiser_gets_404_everywhere(world: World) -> None:
    _accept_r2(world)
    ids = _ids(world)
    stranger = world.organiser("orga@b.lu")
    own = "/missions/other-tokyo"
    slot = {"slot": f"{ids['session']}:4", "table": ""}
    assert stranger.get(f"/missions/{SLUG}/schedule/unplaced").status_code == 404
    assert stranger.get(f"/missions/{SLUG}/meetings/{ids['m-1']}/move").status_code == 404
    assert stranger.get(f"/missions/{SLUG}/requests/{ids['r-2']}/place").status_code == 404
    # through their own mission's URLs, with this mission's meeting and request ids
    assert stranger.get(f"{own}/meetings/{ids['m-1']}/move").status_code == 404
    assert stranger.submit(f"{own}/meetings/{ids['m-1']}/move", slot, page=own).status_code == 404
    assert stranger.submit(f"{own}/requests/{ids['r-2']}/place", slot, page=own).status_code == 404
    assert stranger.submit(f"{own}/meetings/{ids['m-1']}/remove", page=own).status_code == 404
    assert stranger.submit(f"/missions/{SLUG}/meetings/{ids['m-1']}/move", slot, page=own).status_code == 404
    with world.factory() as session:
        assert session.get(Meeting, ids["m-1"]).slot == 2
        assert session.scalar(select(Meeting).where(Meeting.key == "m-r-2")) is None


def test_organisers_moving_meetings_into_one_slot_at_once_double_book_nothing(world: World) -> None:
    ids = _ids(world)
    with transaction(world.factory) as session:
        mission = session.scalar(select(Mission).where(Mission.slug == SLUG))
        jonas, sato = (p for p in mission.participants if p.key in ("p-2", "p-4"))
        drafts = [Meeting(mission_id=mission.id, key=f"m-x{i}", participants=[jonas, sato]) for i in range(6)]
        session.add_all(drafts)
        session.flush()
        draft_ids = [m.id for m in drafts]
    clients = [world.organiser() for _ in draft_ids]
    forms = [
        (client, f"/missions/{SLUG}/meetings/{draft_id}/move", client.csrf(PAGE))
        for client, draft_id in zip(clients, draft_ids, strict=True)
    ]
    barrier = threading.Barrier(len(forms))
    codes: list[int] = []

    def post(client, path: str, token: str) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        data = {"csrf_token": token, "slot": f"{ids['session']}:4", "table": "2"}  # Sato's table
        codes.append(client.post(path, data=data, follow_redirects=False).status_code)

    threads = [threading.Thread(target=post, args=form) for form in forms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [303, 409, 409, 409, 409, 409]
    with world.factory() as session:
        placed = session.scalars(select(Meeting.key).where(Meeting.slot == 4)).all()
    assert len(placed) == 1 and placed[0].startswith("m-x")
