"""The outbox over HTTP: searched by recipient or subject, filtered by kind and status, paged in SQL, and
mails sent again one at a time or as a selection, each resend a new mail naming the one it repeats."""

import datetime as dt
import re

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Mission, OutboxMail
from tests.web.conftest import World
from tests.web.test_participant_bulk_pages import _text

PAGE = "/missions/test-osaka/outbox"
AT = dt.datetime(2025, 5, 15, 9, 0, tzinfo=dt.UTC)


def _fill(world: World) -> dict[str, int]:
    """60 schedule notices to Anne, one sent sign-in link to Sato, one failed request mail to Yamada."""
    with transaction(world.factory) as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        other = session.scalars(select(Mission).where(Mission.slug == "other-tokyo")).one()

        def add(mission: Mission, recipient: str, subject: str, kind: str, **more: object) -> OutboxMail:
            mail = OutboxMail(
                mission_id=mission.id,
                recipient=recipient,
                subject=subject,
                body="b",
                kind=kind,
                created_at=AT,
                **more,
            )
            session.add(mail)
            session.flush()
            return mail

        for n in range(60):
            add(mission, "anne@luxsat.example.lu", f"Schedule {n:02d}", "schedule")
        link = add(mission, "sato@orbital.example.jp", "Your sign-in link", "sign_in", sent_at=AT)
        failed = add(mission, "yamada@orbital.example.jp", "Yamada asks", "request", error="SMTP down")
        foreign = add(other, "x@example.org", "Not yours", "request")
        return {"link": link.id, "failed": failed.id, "foreign": foreign.id}


def _subjects(page: str) -> list[str]:
    return re.findall(r"aria-label=\"Select mail #\d+\"> <strong>(.*?)</strong>", page)


def test_search_filter_and_pages(world: World) -> None:
    _fill(world)
    browser = world.organiser()
    first = browser.get(PAGE).text
    assert _text(first, "list-count") == "62 mails"
    assert len(_subjects(first)) == 50
    assert _subjects(first)[:2] == ["Yamada asks", "Your sign-in link"]  # newest first
    assert '<span aria-current="page">Page 1 of 2</span>' in first
    second = browser.get(f"{PAGE}?page=2").text
    assert _subjects(second) == [f"Schedule {n:02d}" for n in range(11, -1, -1)]
    assert _subjects(browser.get(f"{PAGE}?q=ORBITAL.example").text) == ["Yamada asks", "Your sign-in link"]
    assert _subjects(browser.get(f"{PAGE}?q=schedule+5").text) == [f"Schedule 5{n}" for n in range(9, -1, -1)]
    searched = browser.get(f"{PAGE}?q=schedule+5").text
    assert _text(searched, "list-count") == "10 of 62"
    assert _subjects(browser.get(f"{PAGE}?kind=sign_in").text) == ["Your sign-in link"]
    assert _subjects(browser.get(f"{PAGE}?status=failed").text) == ["Yamada asks"]
    assert _subjects(browser.get(f"{PAGE}?status=sent").text) == ["Your sign-in link"]
    assert len(_subjects(browser.get(f"{PAGE}?status=queued&kind=schedule").text)) == 50
    assert _subjects(browser.get(f"{PAGE}?q=100%25").text) == []  # a % is a character, not a wildcard
    assert "Not yours" not in browser.get(f"{PAGE}?q=not").text
    assert len(_subjects(browser.get(f"{PAGE}?kind=bogus&status=x&page=abc").text)) == 50  # defaults


def test_resend_one_mail_or_a_selection(world: World) -> None:
    ids = _fill(world)
    browser = world.organiser()
    one = browser.submit(
        f"{PAGE}/resend", {"selected": str(ids["failed"]), "back": "kind=request"}, page=PAGE
    )
    assert one.status_code == 200
    assert _text(one.text, "outbox-message") == "1 mail sent again."
    assert _subjects(one.text) == ["Yamada asks", "Yamada asks"]  # the search it came from, with the copy
    assert f"sent again from #{ids['failed']}" in one.text
    both = browser.submit(f"{PAGE}/resend", {"selected": [str(ids["link"]), str(ids["failed"])]}, page=PAGE)
    assert _text(both.text, "outbox-message") == "2 mails sent again."
    with world.factory() as session:
        copies = session.scalars(select(OutboxMail).where(OutboxMail.resent_from_id.is_not(None))).all()
        assert [(m.resent_from_id, m.recipient, m.kind, m.sent_at) for m in copies] == [
            (ids["failed"], "yamada@orbital.example.jp", "request", None),
            (ids["link"], "sato@orbital.example.jp", "sign_in", None),
            (ids["failed"], "yamada@orbital.example.jp", "request", None),
        ]
        original = session.get(OutboxMail, ids["failed"])
        assert original is not None and original.error == "SMTP down"  # left as it was


def test_resend_refuses_nothing_chosen_and_another_missions_mail(world: World) -> None:
    ids = _fill(world)
    browser = world.organiser()
    nothing = browser.submit(f"{PAGE}/resend", {}, page=PAGE)
    assert (nothing.status_code, _text(nothing.text, "outbox-message")) == (
        422,
        "Select at least one mail first.",
    )
    foreign = browser.submit(
        f"{PAGE}/resend", {"selected": [str(ids["link"]), str(ids["foreign"])]}, page=PAGE
    )
    assert foreign.status_code == 422
    assert _text(foreign.text, "outbox-message") == (
        f"Nothing was resent: #{ids['foreign']} is not a mail of this mission."
    )
    with world.factory() as session:
        assert session.scalars(select(OutboxMail).where(OutboxMail.resent_from_id.is_not(None))).all() == []
    assert (
        world.organiser("orga@b.lu").submit(f"{PAGE}/resend", {"selected": "1"}, page="/missions").status_code
        == 404
    )
    assert browser.post(f"{PAGE}/resend", data={"selected": "1"}).status_code == 403
