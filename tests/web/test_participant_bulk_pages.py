"""Bulk actions from the participant list over HTTP: a confirmation naming the selected, the result in words,
a refusal naming the row with nothing done, the CSV export, and the way back to the same search."""

import datetime as dt
import re

from sqlalchemy import func, select

from missionmatch.db import transaction
from missionmatch.models import OutboxMail, Participant
from tests.web.conftest import World

LIST = "/missions/test-osaka/participants"
BULK = f"{LIST}/bulk"


def _ids(world: World, *keys: str) -> list[str]:
    return [str(world.participant("test-osaka", key).id) for key in keys]


def _text(page: str, element_id: str) -> str:
    found = re.search(rf'<(\w+)[^>]*id="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
    assert found, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(2))).strip()


def _mails(world: World) -> int:
    with world.factory() as session:
        return session.scalar(select(func.count()).select_from(OutboxMail)) or 0


def test_the_list_offers_the_bulk_form(world: World) -> None:
    page = world.organiser().get(f"{LIST}?side=host").text
    assert 'form="bulk-form" aria-label="Select Hanako Sato"' in page
    assert '<input type="hidden" name="back" value="side=host">' in page


def test_invite_after_a_confirmation_naming_them(world: World) -> None:
    browser = world.organiser()
    form = {"selected": _ids(world, "p-4", "p-1"), "action": "invite", "back": "side=host&page=1"}
    confirm = browser.submit(BULK, form, page=LIST)
    assert confirm.status_code == 200
    assert _text(confirm.text, "bulk-question") == "Send a sign-in link to each of these participants?"
    assert (
        _text(confirm.text, "bulk-people") == "Anne Muller (LuxSat Services) Hanako Sato (Kansai Orbital KK)"
    )
    assert _mails(world) == 0  # asking is not doing
    done = browser.submit(f"{BULK}/apply", form, page=LIST)
    assert done.status_code == 200
    assert _text(done.text, "bulk-result") == (
        "Sign-in links were sent to 2 participants: Anne Muller, Hanako Sato."
    )
    assert f'<a href="{LIST}?side=host&amp;page=1">Back to the list</a>' in done.text
    assert _mails(world) == 2


def test_withdraw_confirmation_counts_what_is_cancelled(world: World) -> None:
    browser = world.organiser()
    form = {"selected": _ids(world, "p-3"), "action": "withdraw"}
    confirm = browser.submit(BULK, form, page=LIST)
    assert _text(confirm.text, "bulk-people") == "山田 太郎 (Kansai Orbital KK) — 1 meeting, 1 open request"
    done = browser.submit(f"{BULK}/apply", form, page=LIST)
    assert _text(done.text, "bulk-result") == (
        "1 participant withdrawn: 山田 太郎. Replan the schedule to fill their places."
    )
    assert world.participant("test-osaka", "p-3").withdrawn_at is not None


def test_a_refused_row_is_named_and_nothing_is_done(world: World) -> None:
    with transaction(world.factory) as session:
        sato = session.get(Participant, world.participant("test-osaka", "p-4").id)
        assert sato is not None
        sato.withdrawn_at = dt.datetime(2025, 5, 20, 9, tzinfo=dt.UTC)
    browser = world.organiser()
    form = {"selected": _ids(world, "p-1", "p-4"), "action": "invite"}
    for path in (BULK, f"{BULK}/apply"):  # refused at the confirmation, and if posted anyway
        response = browser.submit(path, form, page=LIST)
        assert response.status_code == 422
        assert _text(response.text, "bulk-problems") == (
            "Nothing was done: Hanako Sato: has withdrawn (undo the withdrawal first)."
        )
    assert _mails(world) == 0
    nothing = browser.submit(BULK, {"action": "invite"}, page=LIST)
    assert nothing.status_code == 422
    assert "Select at least one participant in the list first." in nothing.text
    limit = {"selected": _ids(world, "p-1"), "action": "max_meetings", "value": "-2"}
    value = browser.submit(BULK, limit, page=LIST)
    assert "Meetings accepted at most: -2 is not a whole number from 0 to 1000." in value.text


def test_export_of_the_selection_as_csv(world: World) -> None:
    form = {"selected": _ids(world, "p-3", "p-2"), "action": "export"}
    response = world.organiser().submit(BULK, form, page=LIST)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "email,first_name,last_name,organisation,side,country,city,job_title,languages"
    )
    assert [line.split(",")[:5] for line in lines[1:]] == [
        ["jonas.weber@sante.example.lu", "Jonas", "Weber", "Santé Data Lux", "delegation"],
        ["yamada@orbital.example.jp", "太郎", "山田", "Kansai Orbital KK", "host"],
    ]


def test_another_organisers_participants_cannot_be_selected(world: World) -> None:
    stranger = world.participant("other-tokyo", "p-1").id
    response = world.organiser().submit(BULK, {"selected": [str(stranger)], "action": "invite"}, page=LIST)
    assert response.status_code == 422
    assert _text(response.text, "bulk-problems") == (
        f"Nothing was done: #{stranger}: not a participant of this mission."
    )


def test_bulk_pages_are_for_this_missions_organisers_with_the_form_token(world: World) -> None:
    form = {"selected": _ids(world, "p-1"), "action": "check_in"}
    other = world.organiser("orga@b.lu")
    assert other.submit(f"{BULK}/apply", form, page="/missions").status_code == 404
    assert world.organiser().post(f"{BULK}/apply", data=form).status_code == 403  # no CSRF token
    participant = world.as_participant("test-osaka", "p-1")
    assert participant.submit(f"{BULK}/apply", form, page="/me").status_code == 303  # to the sign-in page
    assert world.participant("test-osaka", "p-1").checked_in_at is None


def test_a_field_set_on_a_selection_names_each_refused_row_and_field(world: World) -> None:
    browser = world.organiser()
    form = {"selected": _ids(world, "p-1", "p-2"), "action": "min_meetings", "value": "6"}
    refused = browser.submit(f"{BULK}/apply", form, page=LIST)
    assert refused.status_code == 422
    assert _text(refused.text, "bulk-problems") == (
        "Nothing was done: Anne Muller, Meetings wished at least: cannot be above their maximum (5)."
    )
    form = {"selected": _ids(world, "p-1", "p-2"), "action": "add_language", "value": "ja"}
    confirm = browser.submit(BULK, form, page=LIST)
    assert _text(confirm.text, "bulk-question") == "Add Japanese to the languages these participants speak?"
    done = browser.submit(f"{BULK}/apply", form, page=LIST)
    assert _text(done.text, "bulk-result") == (
        "Japanese added to the languages of 2 participants: Anne Muller, Jonas Weber."
    )
    assert world.participant("test-osaka", "p-2").languages == ["de", "en", "ja"]
    zone = {"selected": _ids(world, "p-2"), "action": "timezone", "value": "Europe/Paris"}
    browser.cookies.set("mm_lang", "fr")
    done = browser.submit(f"{BULK}/apply", zone, page=LIST)
    assert (
        _text(done.text, "bulk-result")
        == "Fuseau horaire réglé sur Europe/Paris pour 1 participant : Jonas Weber."
    )
    browser.cookies.set("mm_lang", "ja")
    wrong = browser.submit(BULK, {**zone, "value": "Mars/Olympus"}, page=LIST)
    assert wrong.status_code == 422
    assert "タイムゾーン：Mars/Olympus は既知のタイムゾーンではありません（例：Europe/Paris）。" in wrong.text
