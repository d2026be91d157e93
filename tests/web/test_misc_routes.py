"""The front door, static files, cancelling a request, and mails delivered by SMTP from the web."""

import dataclasses
from email import message_from_bytes

from aiosmtpd.controller import Controller
from sqlalchemy import select

from missionmatch.models import MeetingRequest, OutboxMail
from missionmatch.models.enums import RequestStatus
from missionmatch.settings import SmtpSettings
from missionmatch.web.app import create_app
from tests.services.test_mail import Collector, _free_port
from tests.web.conftest import Browser, World


def test_front_door_offers_both_sign_ins_and_redirects_signed_in_users(world: World) -> None:
    page = world.client().get("/").text
    assert 'href="/login/participant"' in page and 'href="/login"' in page
    assert world.organiser().get("/", follow_redirects=False).headers["location"] == "/missions"
    assert (
        world.as_participant("test-osaka", "p-1").get("/", follow_redirects=False).headers["location"]
        == "/me"
    )


def test_static_files_are_served(world: World) -> None:
    browser = world.client()
    assert browser.get("/static/site.css").headers["content-type"].startswith("text/css")
    assert "data-live-filter" in browser.get("/static/site.js").text


def test_the_requester_cancels_a_pending_request(world: World) -> None:
    with world.factory() as session:
        jonas_id = world.participant("test-osaka", "p-2").id
        request_id = session.scalar(
            select(MeetingRequest.id).where(
                MeetingRequest.key == "r-2", MeetingRequest.requester_id == jonas_id
            )
        )
    browser = world.as_participant("test-osaka", "p-2")
    assert browser.submit(f"/me/requests/{request_id}/cancel", page="/me").status_code == 303
    with world.factory() as session:
        assert session.get(MeetingRequest, request_id).status == RequestStatus.CANCELLED


def test_unknown_request_action_is_404(world: World) -> None:
    assert (
        world.as_participant("test-osaka", "p-4").submit("/me/requests/1/approve", page="/me").status_code
        == 404
    )


def test_login_link_is_delivered_by_smtp_when_configured(world: World) -> None:
    collector, port = Collector(), _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = dataclasses.replace(world.settings, smtp=SmtpSettings("127.0.0.1", port))
        browser = Browser(create_app(world.factory, settings))
        data = {"email": "yamada@orbital.example.jp", "mission": "test-osaka"}
        assert browser.submit("/login/participant", data, page="/login").status_code == 200
    finally:
        controller.stop()
    # 山田 is registered for both missions of the fixture: one link for each
    [(_, recipients, content), (_, second, _)] = collector.messages
    assert recipients == second == ["yamada@orbital.example.jp"]
    body = message_from_bytes(content).get_payload(decode=True).decode("utf-8")
    assert "ログインするには" in body and "http://testserver/login/link/" in body
    with world.factory() as session:
        mail = session.scalar(select(OutboxMail))
        assert (mail.sent_at is not None, mail.error) == (True, "")


def test_unreachable_smtp_server_leaves_the_mail_in_the_outbox_with_the_reason(world: World) -> None:
    settings = dataclasses.replace(world.settings, smtp=SmtpSettings("127.0.0.1", _free_port()))
    browser = Browser(create_app(world.factory, settings))
    browser.submit(
        "/login/participant", {"email": "yamada@orbital.example.jp", "mission": "test-osaka"}, page="/login"
    )
    with world.factory() as session:
        mail = session.scalar(select(OutboxMail))
        assert (mail.sent_at, mail.error != "") == (None, True)


def test_pages_forbid_third_party_content_and_referrers(world: World) -> None:
    headers = world.client().get("/login").headers
    assert headers["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'"
    assert (headers["referrer-policy"], headers["x-content-type-options"]) == ("no-referrer", "nosniff")
