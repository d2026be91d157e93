"""Waiting lists through real HTTP: a full item puts people on the list, a cancellation promotes and mails,
the organiser moves, takes off and promotes by hand, raises the capacity; a participant sees their position
and leaves the list; the withdrawal page says what becomes of the programme places."""

import re

from sqlalchemy import select

from missionmatch.models import Mission, OutboxMail, ProgrammeItem
from tests.web.conftest import World

BASE = "/missions/test-osaka/programme"


def _item_id(world: World, key: str) -> int:
    with world.factory() as session:
        query = (
            select(ProgrammeItem.id)
            .join(Mission)
            .where(Mission.slug == "test-osaka", ProgrammeItem.key == key)
        )
        return session.scalars(query).one()


def _waiting(page: str) -> list[tuple[str, str, str]]:
    """(position, name, next free place) of each row of the waiting list."""
    rows = re.findall(
        r'<tr class="waiting">\s*<td class="position">(\d+)</td>\s*<td>([^<]*)</td>\s*<td>[^<]*</td>\s*'
        r'<td class="skip">([^<]*)</td>',
        page,
    )
    return [(position, name, skip) for position, name, skip in rows]


def _names(world: World, *keys: str) -> list[str]:
    return [world.participant("test-osaka", key).full_name for key in keys]


def _outbox(world: World) -> list[tuple[str, str]]:
    with world.factory() as session:
        return [(m.recipient, m.subject) for m in session.scalars(select(OutboxMail).order_by(OutboxMail.id))]


def _fill_the_visit(world: World) -> str:
    """Jonas takes the last place of the visit (2 places, Anne registered); Yamada, then Sato wait."""
    path = f"{BASE}/{_item_id(world, 'visit-1')}/participants"
    ids = [str(world.participant("test-osaka", key).id) for key in ("p-2", "p-3", "p-4")]
    response = world.organiser().submit(path, {"participant_id": ids}, page=path)
    assert response.headers["location"] == f"{path}?added=1&waiting=2"
    return path


def test_a_full_item_puts_people_on_the_list_and_a_cancellation_promotes_and_mails(world: World) -> None:
    path = _fill_the_visit(world)
    browser = world.organiser()
    page = browser.get(path).text
    yamada, sato = _names(world, "p-3", "p-4")
    assert _waiting(page) == [("1", yamada, "Would be promoted"), ("2", sato, "Would be promoted")]
    assert "2 registered of 2 places\n  · 2 on the waiting list" in page
    assert '<td class="waiting">2</td>' in browser.get(BASE).text
    anne = world.participant("test-osaka", "p-1")
    response = browser.submit(f"{path}/{anne.id}/remove", page=path)
    assert response.headers["location"] == f"{path}?promoted=1"
    page = browser.get(response.headers["location"]).text
    assert "1 participant was promoted from the waiting list and mailed." in page
    assert _waiting(page) == [("1", sato, "Would be promoted")]
    assert _outbox(world) == [("yamada@orbital.example.jp", "空きが出ました：Visit of Kansai Orbital")]


def test_the_organiser_moves_takes_off_and_promotes_by_hand(world: World) -> None:
    path = _fill_the_visit(world)
    browser = world.organiser()
    jonas, yamada, sato = (world.participant("test-osaka", key) for key in ("p-2", "p-3", "p-4"))
    waiting = f"{BASE}/{_item_id(world, 'visit-1')}/waiting"
    assert (
        browser.submit(f"{waiting}/{sato.id}/move", {"position": "1"}, page=path).headers["location"] == path
    )
    assert [name for _, name, _ in _waiting(browser.get(path).text)] == [sato.full_name, yamada.full_name]
    refused = browser.submit(f"{waiting}/{yamada.id}/promote", page=path)
    assert refused.status_code == 422
    assert "All 2 places are taken: cancel a registration or raise the capacity first." in refused.text
    bad = browser.submit(f"{waiting}/{yamada.id}/move", {"position": "0"}, page=path)
    assert (bad.status_code, "Give a position from 1." in bad.text) == (422, True)
    browser.submit(f"{path}/{jonas.id}/remove", page=path)  # Sato promoted: first
    assert [name for _, name, _ in _waiting(browser.get(path).text)] == [yamada.full_name]
    assert browser.submit(f"{waiting}/{yamada.id}/remove", page=path).headers["location"] == path
    assert _waiting(browser.get(path).text) == []
    assert "Nobody is waiting." in browser.get(path).text
    gone = browser.submit(f"{waiting}/{yamada.id}/remove", page=path)
    assert "This participant is not on the waiting list (any more)." in gone.text


def test_the_list_says_who_the_next_place_would_skip_and_why_in_french(world: World) -> None:
    path = f"{BASE}/{_item_id(world, 'visit-1')}/participants"
    browser = world.organiser()
    form = {
        "kind": "workshop",
        "title": "Morning workshop",
        "starts_at": "2025-05-27T10:00",
        "ends_at": "2025-05-27T11:00",
        "capacity": "1",
    }
    created = browser.submit(BASE, form, page=f"{BASE}/new")
    path = created.headers["location"]
    ids = [str(world.participant("test-osaka", key).id) for key in ("p-3", "p-1")]  # Anne: at the forum then
    browser.submit(path, {"participant_id": ids}, page=path)
    page = browser.get(path, headers={"accept-language": "fr"}).text
    assert "Liste d&#39;attente" in page
    [(position, name, skip)] = _waiting(page)
    assert (position, name) == ("1", world.participant("test-osaka", "p-1").full_name)
    assert skip.startswith("Passe son tour : inscrit à Business Forum à ce moment-là (")


def test_a_participant_sees_their_position_and_leaves_the_list(world: World) -> None:
    _fill_the_visit(world)
    browser = world.as_participant("test-osaka", "p-4")
    page = browser.get("/me/agenda").text
    assert 'id="waiting-lists"' in page and "Visit of Kansai Orbital" in page and "position 2" in page
    visit_id = _item_id(world, "visit-1")
    response = browser.submit(f"/me/waiting/{visit_id}/leave", page="/me/agenda")
    assert response.headers["location"] == "/me/agenda"
    assert 'id="waiting-lists"' not in browser.get("/me/agenda").text
    again = browser.submit(f"/me/waiting/{visit_id}/leave", page="/me/agenda")
    assert again.headers["location"] == "/me/agenda"  # no longer on it: nothing to do
    assert browser.submit("/me/waiting/999999/leave", page="/me/agenda").status_code == 404


def test_the_withdrawal_page_lists_the_programme_places_given_up(world: World) -> None:
    _fill_the_visit(world)
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser()
    page = browser.get(f"/missions/test-osaka/participants/{anne.id}/withdraw").text
    assert (
        "Their registrations for 2 programme items are cancelled; the places go to the waiting lists:" in page
    )
    browser.submit(
        f"/missions/test-osaka/participants/{anne.id}/withdraw", page="/missions/test-osaka/participants"
    )
    assert _outbox(world) == [("yamada@orbital.example.jp", "空きが出ました：Visit of Kansai Orbital")]
    undone = browser.submit(
        f"/missions/test-osaka/participants/{anne.id}/undo-withdrawal",
        page="/missions/test-osaka/participants",
    )
    assert "Visit of Kansai Orbital: on the waiting list, position 1" in undone.text
    assert "Registered again for 1 programme item: Business Forum" in undone.text


def test_raising_the_capacity_promotes_the_first_waiting(world: World) -> None:
    path = _fill_the_visit(world)
    browser = world.organiser()
    visit_id = _item_id(world, "visit-1")
    form = {
        "kind": "company_visit",
        "title": "Visit of Kansai Orbital",
        "starts_at": "2025-05-28T14:00",
        "ends_at": "2025-05-28T16:00",
        "capacity": "3",
    }
    response = browser.submit(f"{BASE}/{visit_id}", form, page=f"{BASE}/{visit_id}")
    assert response.headers["location"] == f"{BASE}?saved=1"
    assert [name for _, name, _ in _waiting(browser.get(path).text)] == _names(world, "p-4")
    assert [recipient for recipient, _ in _outbox(world)] == ["yamada@orbital.example.jp"]
