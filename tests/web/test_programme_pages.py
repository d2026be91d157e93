"""Organiser pages: programme items (list, create, edit, delete) and registrations with capacity."""

import datetime as dt
import re

from sqlalchemy import func, select

from missionmatch.models import Mission, Participant, ProgrammeItem
from missionmatch.models.enums import ProgrammeKind
from tests.web.conftest import World

BASE = "/missions/test-osaka/programme"
ZONE = r"(?: \(Japan Time\))?"  # wall_time may name the zone the time is shown in
GOOD = {
    "kind": "workshop",
    "title": "Space workshop",
    "sector": "space",
    "city": "Osaka",
    "venue": "Room 3",
    "address": "Umeda 1-1",
    "host_organisation_id": "",
    "starts_at": "2025-05-29T10:00",
    "ends_at": "2025-05-29T11:30",
    "capacity": "30",
    "description": "Hands-on",
}


def _item(world: World, key: str) -> ProgrammeItem:
    with world.factory() as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == key))
        assert item is not None
        return item


def _registered(world: World, key: str) -> list[str]:
    with world.factory() as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == key))
        return [p.key for p in item.participants]


def _count(world: World) -> int:
    """Programme items of test-osaka (the other mission has its own two)."""
    with world.factory() as session:
        query = select(func.count()).select_from(ProgrammeItem).join(Mission)
        return session.scalar(query.where(Mission.slug == "test-osaka"))


def test_programme_list_shows_times_places_and_registrations(world: World) -> None:
    page = world.organiser().get(BASE).text
    rows = re.findall(r'<td class="registered">(\d+(?: / \d+)?)', page)
    assert rows == ["2 / 200", "1 / 2"]
    assert re.search(f"<td>5/28/25, 2:00\u202fPM{ZONE} – 4:00\u202fPM</td>", page)
    assert "Company visit · Kansai Orbital KK" in page


def test_creating_an_item_stores_every_field_and_opens_its_registrations(world: World) -> None:
    host = str(world.participant("test-osaka", "p-3").organisation_id)  # Kansai Orbital KK
    response = world.organiser().submit(BASE, {**GOOD, "host_organisation_id": host}, page=f"{BASE}/new")
    assert response.status_code == 303
    with world.factory() as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.title == "Space workshop"))
        assert response.headers["location"] == f"{BASE}/{item.id}/participants"
        assert (
            item.kind,
            item.sector,
            item.city,
            item.venue,
            item.address,
            item.host_organisation.name,
            item.starts_at,
            item.ends_at,
            item.capacity,
            item.description,
        ) == (
            ProgrammeKind.WORKSHOP,
            "space",
            "Osaka",
            "Room 3",
            "Umeda 1-1",
            "Kansai Orbital KK",
            dt.datetime(2025, 5, 29, 10, 0),
            dt.datetime(2025, 5, 29, 11, 30),
            30,
            "Hands-on",
        )


def _refused(world: World, changes: dict[str, str]) -> str:
    response = world.organiser().submit(BASE, {**GOOD, **changes}, page=f"{BASE}/new")
    assert response.status_code == 422
    assert _count(world) == 2  # nothing written
    return response.text


def _error(page: str, field: str) -> str:
    match = re.search(rf'<span class="error" id="error-{field}">([^<]*)</span>', page)
    assert match, f"no error on {field}"
    return match.group(1)


def test_an_item_ending_before_it_starts_is_refused(world: World) -> None:
    page = _refused(world, {"starts_at": "2025-05-29T12:00", "ends_at": "2025-05-29T11:00"})
    assert _error(page, "ends_at") == "The end must be after the start."
    assert 'value="Space workshop"' in page  # what was typed is kept


def test_an_item_outside_the_mission_dates_is_refused(world: World) -> None:
    page = _refused(world, {"starts_at": "2025-05-23T23:00", "ends_at": "2025-06-01T08:00"})
    message = "Must lie within the mission dates (May 24, 2025 to May 31, 2025)."
    assert (_error(page, "starts_at"), _error(page, "ends_at")) == (message, message)


def test_every_wrong_field_of_an_item_is_named(world: World) -> None:
    delegation_org = str(world.participant("test-osaka", "p-1").organisation_id)
    page = _refused(
        world,
        {
            "kind": "party",
            "title": " ",
            "sector": "mining",
            "host_organisation_id": delegation_org,
            "starts_at": "tomorrow",
            "capacity": "0",
        },
    )
    assert {field: _error(page, field) for field in re.findall(r'id="error-([a-z_]+)"', page)} == {
        "kind": "Choose a kind of programme item.",
        "title": "This field is required.",
        "sector": "Unknown sector.",
        "host_organisation_id": "Choose one of the mission&#39;s host organisations.",
        "starts_at": "Enter a date and a time.",
        "capacity": "Enter a whole number from 1 to 10000.",
    }


def test_editing_an_item_saves_it(world: World) -> None:
    item = _item(world, "visit-1")
    browser = world.organiser()
    page = browser.get(f"{BASE}/{item.id}").text
    assert 'value="2025-05-28T14:00"' in page and 'value="2" min="1"' in page
    response = browser.submit(
        f"{BASE}/{item.id}", {**GOOD, "kind": "company_visit", "capacity": ""}, page=f"{BASE}/{item.id}"
    )
    assert response.headers["location"] == f"{BASE}?saved=1"
    edited = _item(world, "visit-1")
    assert (edited.title, edited.capacity, edited.kind) == (
        "Space workshop",
        None,
        ProgrammeKind.COMPANY_VISIT,
    )


def test_capacity_below_the_registered_participants_is_refused(world: World) -> None:
    forum = _item(world, "forum")  # two registered
    response = world.organiser().submit(f"{BASE}/{forum.id}", {**GOOD, "capacity": "1"}, page=BASE)
    assert response.status_code == 422
    assert _error(response.text, "capacity") == (
        "2 participants are already registered: remove some first or raise the capacity."
    )
    assert (_item(world, "forum").capacity, _item(world, "forum").title) == (200, "Business Forum")


def test_deleting_an_item_removes_it_and_its_registrations(world: World) -> None:
    forum = _item(world, "forum")
    response = world.organiser().submit(f"{BASE}/{forum.id}/delete", page=BASE)
    assert response.headers["location"] == f"{BASE}?saved=1"
    assert _count(world) == 1
    anne = world.participant("test-osaka", "p-1")
    with world.factory() as session:
        assert [i.key for i in session.get(Participant, anne.id).programme_items] == ["visit-1"]


def test_registering_participants_up_to_the_capacity_then_on_the_waiting_list(world: World) -> None:
    visit = _item(world, "visit-1")  # capacity 2, Anne registered
    jonas, yamada = world.participant("test-osaka", "p-2"), world.participant("test-osaka", "p-3")
    browser = world.organiser()
    path = f"{BASE}/{visit.id}/participants"
    response = browser.submit(path, {"participant_id": [str(jonas.id), str(yamada.id)]}, page=path)
    assert response.headers["location"] == f"{path}?added=1&waiting=1"
    assert _registered(world, "visit-1") == ["p-1", "p-2"]
    page = browser.get(response.headers["location"]).text
    assert '<p id="places">2 registered of 2 places\n  · 1 on the waiting list</p>' in page
    assert (
        '<p class="notice" role="status">1 registered. The item is full: 1 participant was put on the '
        "waiting list.</p>" in page
    )


def test_registering_a_whole_side_and_removing_one(world: World) -> None:
    item = _item(world, "forum")
    path = f"{BASE}/{item.id}/participants"
    browser = world.organiser()
    browser.submit(path, {"everyone": "host"}, page=path)
    assert _registered(world, "forum") == ["p-1", "p-2", "p-3", "p-4"]
    sato = world.participant("test-osaka", "p-4")
    response = browser.submit(f"{path}/{sato.id}/remove", page=path)
    assert response.headers["location"] == f"{path}?promoted=0"
    assert _registered(world, "forum") == ["p-1", "p-2", "p-3"]


def test_registering_nobody_is_explained(world: World) -> None:
    path = f"{BASE}/{_item(world, 'forum').id}/participants"
    response = world.organiser().submit(path, {}, page=path)
    assert response.status_code == 422
    assert '<p class="error" role="alert">Choose at least one participant.</p>' in response.text


def test_a_registered_participant_with_a_meeting_during_the_item_is_flagged(world: World) -> None:
    # m-1 (Anne, Yamada, Sato) is published at 14:40 on 27 May
    browser = world.organiser()
    created = browser.submit(
        BASE, {**GOOD, "starts_at": "2025-05-27T14:30", "ends_at": "2025-05-27T15:30"}, page=BASE
    )
    path = created.headers["location"]
    yamada = world.participant("test-osaka", "p-3")
    browser.submit(path, {"participant_id": str(yamada.id)}, page=path)
    page = browser.get(path).text
    assert re.search(f"<li>太郎 山田: 5/27/25, 2:40\u202fPM{ZONE} \\(<code>m-1</code>\\)</li>", page)
    assert "Meetings during this item: 1" in browser.get(BASE).text


def test_a_forged_form_is_refused_and_writes_nothing(world: World) -> None:
    browser = world.organiser()
    response = browser.post(BASE, data={**GOOD, "csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403
    visit = _item(world, "visit-1")
    jonas = world.participant("test-osaka", "p-2")
    response = browser.post(
        f"{BASE}/{visit.id}/participants", data={"participant_id": str(jonas.id)}, follow_redirects=False
    )
    assert response.status_code == 403
    assert (_count(world), _registered(world, "visit-1")) == (2, ["p-1"])


def test_another_organisers_mission_and_items_are_404(world: World) -> None:
    visit = _item(world, "visit-1")
    jonas = world.participant("test-osaka", "p-2")
    stranger = world.organiser("orga@b.lu")
    for path in (BASE, f"{BASE}/new", f"{BASE}/{visit.id}", f"{BASE}/{visit.id}/participants"):
        assert stranger.get(path).status_code == 404
    assert stranger.submit(BASE, GOOD, page="/missions").status_code == 404
    assert stranger.submit(f"{BASE}/{visit.id}/delete", page="/missions").status_code == 404
    # the item under the stranger's own mission is not found either
    own = f"/missions/other-tokyo/programme/{visit.id}"
    assert stranger.get(own).status_code == 404
    assert stranger.submit(f"{own}/delete", page="/missions").status_code == 404
    forged = stranger.submit(f"{own}/participants", {"participant_id": str(jonas.id)}, page="/missions")
    assert forged.status_code == 404
    assert (_count(world), _registered(world, "visit-1")) == (2, ["p-1"])


def test_a_participant_of_another_mission_cannot_be_registered(world: World) -> None:
    visit = _item(world, "visit-1")
    stranger = world.participant("other-tokyo", "p-2")
    path = f"{BASE}/{visit.id}/participants"
    browser = world.organiser()
    assert browser.submit(path, {"participant_id": str(stranger.id)}, page=path).status_code == 404
    assert browser.submit(f"{path}/{stranger.id}/remove", page=path).status_code == 404
    assert _registered(world, "visit-1") == ["p-1"]


def test_the_programme_pages_speak_japanese(world: World) -> None:
    browser = world.organiser()
    browser.get("/language/ja")
    page = browser.get(BASE).text
    assert "プログラム項目を追加" in page and "企業訪問" in page
