"""Organiser schedule page: run the scheduler into a draft, publish it, notify in each language."""

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Meeting, MeetingRequest, OutboxMail, ScheduleVersion, Unavailability
from missionmatch.models.enums import MeetingStatus, RequestStatus
from tests.web.conftest import World

PAGE = "/missions/test-osaka/schedule"
JOB_PAGE = "/missions/test-osaka/jobs/{id}"


def _accept_pending_request(world: World) -> None:
    with transaction(world.factory) as session:
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-2"))
        request.status = RequestStatus.ACCEPTED  # Jonas → Hanako, who share English


def test_running_the_scheduler_shows_the_draft_and_its_table_plan(world: World) -> None:
    _accept_pending_request(world)
    browser = world.organiser()
    response = browser.submit(f"{PAGE}/run", {"time_limit": "5"}, page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, JOB_PAGE.format(id=1))
    job_page = browser.get(response.headers["location"]).text  # the job ran (immediate queue in tests)
    assert '<dd id="job-state" data-job-field="state_text">Done</dd>' in job_page
    assert "1 of 1 wanted meetings placed (priority weight 11 of 11)." in job_page
    page = browser.get(PAGE).text
    assert '<dd id="count-draft">1</dd>' in page
    assert '<dd id="count-published">1</dd>' in page
    assert page.count('<tr class="meeting ') == 2
    assert '<a href="/missions/test-osaka/jobs/1">Scheduler run #1</a>: Done' in page
    with world.factory() as session:
        draft = session.scalar(select(Meeting).where(Meeting.status == MeetingStatus.DRAFT))
        assert ([p.key for p in draft.participants], draft.request.key) == (["p-2", "p-4"], "r-2")


def test_publishing_notifies_every_participant_concerned_in_their_language(world: World) -> None:
    _accept_pending_request(world)
    browser = world.organiser()
    browser.submit(f"{PAGE}/run", {"time_limit": "5"}, page=PAGE)
    response = browser.submit(f"{PAGE}/publish", {"comment": "first release"}, page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, JOB_PAGE.format(id=2))
    report = browser.get(response.headers["location"]).text  # the notices' job (no SMTP server here)
    assert "4 notices are in the outbox (no SMTP server is configured)." in report
    with world.factory() as session:
        version = session.scalar(select(ScheduleVersion))
        assert (version.number, version.comment, version.published_by) == (1, "first release", "orga@a.lu")
        assert sorted(c["meeting"] for c in version.changelog) == sorted(["m-1", "m-r-2"])
        mails = {m.recipient: m for m in session.scalars(select(OutboxMail))}
    assert sorted(mails) == [
        "anne.muller@luxsat.example.lu",
        "jonas.weber@sante.example.lu",
        "sato@orbital.example.jp",
        "yamada@orbital.example.jp",
    ]
    assert mails["yamada@orbital.example.jp"].subject == "Test mission Osaka のB2B日程"
    assert mails["anne.muller@luxsat.example.lu"].subject == "Votre planning B2B pour Test mission Osaka"
    assert "Nouveau rendez-vous : 2025-05-27 14:40, table 2, avec 太郎 山田, Hanako Sato" in (
        mails["anne.muller@luxsat.example.lu"].body
    )
    assert mails["sato@orbital.example.jp"].body.count("新しい面談") == 2


def test_publishing_twice_without_changes_is_refused(world: World) -> None:
    browser = world.organiser()
    assert browser.submit(f"{PAGE}/publish", page=PAGE).status_code == 303
    response = browser.submit(f"{PAGE}/publish", page=PAGE)
    assert response.status_code == 409
    assert "Nothing changed since the last publication." in response.text


def test_another_missions_organiser_cannot_see_or_run_the_schedule(world: World) -> None:
    browser = world.organiser("orga@b.lu")
    assert browser.get(PAGE).status_code == 404
    assert browser.submit(f"{PAGE}/run", page="/missions/other-tokyo").status_code == 404
    assert browser.submit(f"{PAGE}/publish", page="/missions/other-tokyo").status_code == 404
    with world.factory() as session:
        assert session.scalar(select(ScheduleVersion)) is None


def test_a_forged_publish_without_csrf_token_is_refused(world: World) -> None:
    browser = world.organiser()
    assert browser.post(f"{PAGE}/publish", data={"comment": "x"}, follow_redirects=False).status_code == 403


def test_replanning_after_a_new_unavailability_shows_exactly_what_moved(world: World) -> None:
    _accept_pending_request(world)
    browser = world.organiser()
    browser.submit(f"{PAGE}/run", {"time_limit": "5"}, page=PAGE)
    browser.submit(f"{PAGE}/publish", page=PAGE)
    with transaction(world.factory) as session:
        meeting = session.scalar(select(Meeting).where(Meeting.key == "m-r-2"))
        old_slot = meeting.slot
        start, end = meeting.session.slot_times()[old_slot]
        jonas = next(p for p in meeting.participants if p.key == "p-2")
        jonas.unavailability.append(Unavailability(starts_at=start, ends_at=end, reason="visit"))
    response = browser.submit(f"{PAGE}/replan", {"time_limit": "5"}, page=PAGE)  # after the mails' job
    assert (response.status_code, response.headers["location"]) == (303, JOB_PAGE.format(id=3))
    response = browser.get(response.headers["location"])
    assert "1 published meetings kept in place, 1 moved, 0 no longer possible, 0 added." in response.text
    with world.factory() as session:
        moved = session.scalar(select(Meeting).where(Meeting.key == "m-r-2"))
        kept = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        assert moved.slot != old_slot and kept.slot == 2
        was, now = (moved.session.slot_times()[slot][0] for slot in (old_slot, moved.slot))
    pair = "Jonas Weber (Santé Data Lux) – Hanako Sato (Kansai Orbital KK)"
    line = f"{pair}: moved from {was:%-I:%M}\u202fPM, table 2 to {now:%-I:%M}\u202fPM, table 2"
    assert f'<li class="moved">{line}</li>' in response.text
    assert "<code>" not in response.text.split('id="replanned"')[1]


def test_marking_a_meeting_no_show_and_refusing_unknown_statuses(world: World) -> None:
    browser = world.organiser()
    with world.factory() as session:
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.key == "m-1"))
    path = f"/missions/test-osaka/meetings/{meeting_id}/status"
    assert browser.submit(path, {"status": "teleported"}, page=PAGE).status_code == 422
    response = browser.submit(path, {"status": "no_show"}, page=PAGE)
    assert (response.status_code, response.headers["location"]) == (303, PAGE)
    with world.factory() as session:
        assert session.get(Meeting, meeting_id).status == MeetingStatus.NO_SHOW
    stranger = world.organiser("orga@b.lu")
    assert (
        stranger.submit(
            path.replace("test-osaka", "other-tokyo"), {"status": "held"}, page="/missions/other-tokyo"
        ).status_code
        == 404
    )


def test_withdrawing_a_participant_cancels_their_meetings_and_requests(world: World) -> None:
    browser = world.organiser()
    yamada = world.participant("test-osaka", "p-3")
    response = browser.submit(f"/missions/test-osaka/participants/{yamada.id}/withdraw", page=PAGE)
    after = f"/missions/test-osaka/participants?withdrawn={yamada.id}"  # with an undo button
    assert (response.status_code, response.headers["location"]) == (303, after)
    with world.factory() as session:
        assert session.scalar(select(Meeting.status).where(Meeting.key == "m-1")) == MeetingStatus.CANCELLED
        request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == "r-1"))
        assert request.status == RequestStatus.CANCELLED
