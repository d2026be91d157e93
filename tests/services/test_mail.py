"""The outbox and SMTP delivery against a real local SMTP server (aiosmtpd)."""

import socket
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.services.mail import deliver, queue_mail
from missionmatch.settings import SmtpSettings


class Collector:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collector, int]]:
    collector = Collector()
    port = _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield collector, port
    controller.stop()


def test_queued_mail_stays_in_the_outbox_until_delivered(
    sqlite_factory: sessionmaker[Session], smtp_server: tuple[Collector, int]
) -> None:
    collector, port = smtp_server
    with transaction(sqlite_factory) as session:
        mail = queue_mail(
            session,
            None,
            "anne@example.lu",
            "Votre lien",
            "Bonjour Anne,\nhttp://x/login/link/t",
            kind="sign_in",
        )
        assert (mail.sent_at, collector.messages) == (None, [])
        sent = deliver(session, SmtpSettings("127.0.0.1", port, sender="mm@example.org"), [mail])
        assert sent == 1 and mail.sent_at is not None and mail.error == ""
        assert deliver(session, SmtpSettings("127.0.0.1", port), [mail]) == 0  # never twice
    [(sender, recipients, content)] = collector.messages
    message = message_from_bytes(content)
    assert (sender, recipients, message["Subject"]) == ("mm@example.org", ["anne@example.lu"], "Votre lien")
    assert message.get_payload(decode=True).decode("utf-8") == "Bonjour Anne,\r\nhttp://x/login/link/t\r\n"
