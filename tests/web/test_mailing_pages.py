"""Invitations and reminders over HTTP: the preview in each recipient's language with its count, sending
through the job (its page counts the mails), sending again without mailing anyone twice, the "remind" and
"invite" bulk actions on a selection, and who may do it."""

import re

from sqlalchemy import select

from missionmatch.models import Mailing, OutboxMail
from tests.web.conftest import World
from tests.web.test_participant_bulk_pages import BULK, LIST, _ids, _text

PAGE = "/missions/test-osaka/mailings"


def _outbox(world: World) -> list[tuple[str, str]]:
    with world.factory() as session:
        query = select(OutboxMail.recipient, OutboxMail.kind).order_by(OutboxMail.id)
        return [(recipient, kind) for recipient, kind in session.execute(query)]


def _previews(page: str) -> list[tuple[str, str, str]]:
    found = re.findall(
        r'data-language="(\w+)">\s*<header><h3>(.*?)</h3>\s*<strong class="preview-subject">(.*?)<', page
    )
    return [(code, heading, subject) for code, heading, subject in found]


def test_the_preview_shows_each_language_once_with_its_count(world: World) -> None:
    page = world.organiser().get(f"{PAGE}?kind=invitation&scope=not_signed_in").text
    assert _text(page, "mailing-count") == "4 participants will get this mail, each in their language:"
    assert _previews(page) == [
        ("ja", "日本語 — 2 recipients", "Test mission Osaka への招待"),
        ("en", "English — 1 recipient", "You are invited to Test mission Osaka"),
        ("fr", "Français — 1 recipient", "Invitation à Test mission Osaka"),
    ]
    assert "Bonjour Anne Muller,\n\nVous êtes invité(e) aux rendez-vous B2B" in page
    assert _text(page, "mailing-send") == "Send to 4 participants"
    assert _outbox(world) == []  # looking sends nothing


def test_an_invitation_is_sent_by_the_job_and_sent_again_to_nobody_twice(world: World) -> None:
    browser = world.organiser()
    form = {"kind": "invitation", "scope": "side:host"}
    sent = browser.submit(PAGE, form, page=PAGE)
    assert (sent.status_code, sent.headers["location"]) == (303, "/missions/test-osaka/jobs/1")
    job = browser.get("/missions/test-osaka/jobs/1").text
    assert _text(job, "mailing-report") == (
        "2 recipients: 2 mails written now, 0 already written before; 0 delivered, 0 not delivered. "
        "No SMTP server is configured: the mails are in the outbox. Outbox"
    )
    assert 'id="mailing-again"' not in job  # done, nothing failed
    assert _outbox(world) == [
        ("sato@orbital.example.jp", "invitation"),
        ("yamada@orbital.example.jp", "invitation"),
    ]
    with world.factory() as session:
        mailing = session.scalars(select(Mailing)).one()
        body = session.scalars(select(OutboxMail.body).where(OutboxMail.recipient.like("yamada%"))).one()
        assert mailing.audience == {"scope": "side", "side": "host"}
    token = re.search(r"/login/link/(\S+)", body).group(1)  # type: ignore[union-attr]
    yamada = world.client()
    signed_in = yamada.submit(f"/login/link/{token}", page=f"/login/link/{token}")
    assert (signed_in.status_code, signed_in.headers["location"]) == (303, "/me")
    again = browser.submit(f"{PAGE}/{mailing.id}/again", page="/missions/test-osaka/jobs/1")
    assert again.headers["location"] == "/missions/test-osaka/jobs/2"
    second = browser.get("/missions/test-osaka/jobs/2").text
    assert _text(second, "mailing-report").startswith(
        "2 recipients: 0 mails written now, 2 already written before;"
    )
    assert len(_outbox(world)) == 2
    # Yamada has signed in: the next invitation to those not signed in leaves him out
    preview = browser.get(f"{PAGE}?kind=invitation&scope=not_signed_in").text
    assert _text(preview, "mailing-count") == "3 participants will get this mail, each in their language:"


def test_remind_a_selection_from_the_participant_list(world: World) -> None:
    browser = world.organiser()
    selection = _ids(world, "p-1", "p-4")
    preview = browser.submit(BULK, {"selected": selection, "action": "remind_profile"}, page=LIST)
    assert preview.status_code == 200
    assert _text(preview.text, "mailing-audience") == (
        "Reminder: profile incomplete — The participants selected in the list (2 selected)"
    )
    # Anne's profile is complete: only Sato is reminded
    assert _text(preview.text, "mailing-count") == "1 participant will get this mail, each in their language:"
    assert _previews(preview.text) == [
        ("ja", "日本語 — 1 recipient", "リマインダー: Test mission Osaka のプロフィールを完成させてください")
    ]
    assert f'<input type="hidden" name="selected" value="{selection[0]}">' in preview.text
    sent = browser.submit(PAGE, {"kind": "profile", "scope": "selection", "selected": selection}, page=PAGE)
    assert sent.status_code == 303
    assert _outbox(world) == [("sato@orbital.example.jp", "profile")]


def test_a_reminder_that_concerns_nobody_offers_nothing_to_send(world: World) -> None:
    browser = world.organiser()
    preview = browser.submit(BULK, {"selected": _ids(world, "p-1"), "action": "remind_requests"}, page=LIST)
    assert _text(preview.text, "mailing-problem") == (
        "Nobody to mail: no participant chosen is concerned by this mailing."
    )
    assert 'id="mailing-send"' not in preview.text
    posted = browser.submit(
        PAGE, {"kind": "requests", "scope": "selection", "selected": _ids(world, "p-1")}, page=PAGE
    )
    assert (posted.status_code, _outbox(world)) == (200, [])
    assert "Nobody to mail" in posted.text
    wrong = browser.get(f"{PAGE}?kind=invitation&scope=side:guests")
    assert wrong.status_code == 422
    assert "side: guests is not a choice of this form." in wrong.text
    unknown = browser.submit(PAGE, {"kind": "party", "scope": "everyone"}, page=PAGE)
    assert unknown.status_code == 422
    assert "kind: party is not a choice of this form." in unknown.text


def test_mailings_are_for_this_missions_organisers_with_the_form_token(world: World) -> None:
    form = {"kind": "invitation", "scope": "everyone"}
    assert world.organiser("orga@b.lu").get(PAGE).status_code == 404
    assert world.organiser("orga@b.lu").submit(PAGE, form, page="/missions").status_code == 404
    assert world.organiser().post(PAGE, data=form).status_code == 403  # no CSRF token
    participant = world.as_participant("test-osaka", "p-1")
    assert participant.submit(PAGE, form, page="/me").status_code == 303  # to the sign-in page
    assert world.organiser().submit(f"{PAGE}/999/again", page=PAGE).status_code == 404
    assert _outbox(world) == []
