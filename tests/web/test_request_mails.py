"""Finding of issue 9: a meeting request sent through the API mailed no one, while the page did. The use case
sends the mail now, so every interface does, in the recipient's language."""

import pytest
from sqlalchemy import select

from missionmatch.models import OutboxMail
from tests.web.api_client import participant_api
from tests.web.conftest import World

SUBJECT = "Anne Muller さんから面談の申し込みがあります"
BODY = (
    "Anne Muller さん（LuxSat Services）からのメッセージ：\n\nBonjour\n\n"
    "回答はこちら：http://testserver/me/requests\n"
)


def _send_by_page(world: World, recipient_id: int) -> int:
    browser = world.as_participant("test-osaka", "p-1")
    data = {"recipient_id": recipient_id, "message": "Bonjour"}
    return browser.submit("/me/requests", data, page="/me/requests").status_code


def _send_by_api(world: World, recipient_id: int) -> int:
    api = participant_api(world, "test-osaka", "p-1")
    return api.post("/api/v1/requests", json={"recipient_id": recipient_id, "message": "Bonjour"}).status_code


@pytest.mark.parametrize(("send", "status"), [(_send_by_page, 303), (_send_by_api, 201)])
def test_the_recipient_is_mailed_whichever_interface_sends_the_request(world: World, send, status) -> None:  # type: ignore[no-untyped-def]
    sato = world.participant("test-osaka", "p-4")
    assert send(world, sato.id) == status
    with world.factory() as session:
        mails = [(m.recipient, m.subject, m.body) for m in session.scalars(select(OutboxMail))]
    assert mails == [("sato@orbital.example.jp", SUBJECT, BODY)]


def test_a_refused_request_mails_no_one(world: World) -> None:
    sato = world.participant("test-osaka", "p-4")
    assert _send_by_api(world, sato.id) == 201
    assert _send_by_api(world, sato.id) == 409  # duplicate
    with world.factory() as session:
        assert len(list(session.scalars(select(OutboxMail)))) == 1
