"""Organiser page: who came to a programme item (checkboxes, one POST, undo); the programme list counts."""

import re

from sqlalchemy import select, text

from missionmatch.models import ProgrammeItem
from tests.web.conftest import World

BASE = "/missions/test-osaka/programme"


def _item_id(world: World, key: str) -> int:
    with world.factory() as session:
        item = session.scalar(select(ProgrammeItem).where(ProgrammeItem.key == key))
        assert item is not None
        return item.id


def _came(world: World, item_id: int) -> list[int]:
    query = (
        "SELECT participant_id FROM programme_registration"
        " WHERE programme_item_id = :i AND attended_at IS NOT NULL ORDER BY participant_id"
    )
    with world.factory() as session:
        return list(session.scalars(text(query), {"i": item_id}))


def test_the_page_lists_the_registered_with_a_checkbox_each(world: World) -> None:
    forum = _item_id(world, "forum")  # Anne and Jonas registered
    page = world.organiser().get(f"{BASE}/{forum}/attendance").text
    anne, jonas = world.participant("test-osaka", "p-1"), world.participant("test-osaka", "p-2")
    boxes = re.findall(r'<input type="checkbox" name="came" value="(\d+)"', page)
    assert boxes == [str(anne.id), str(jonas.id)]
    assert '<p id="attendance">Attendance not recorded yet.</p>' in page
    assert f'href="{BASE}/{forum}/attendance"' in world.organiser().get(BASE).text


def test_saving_records_who_came_and_the_list_counts_them(world: World) -> None:
    forum = _item_id(world, "forum")
    anne = world.participant("test-osaka", "p-1")
    browser = world.organiser()
    path = f"{BASE}/{forum}/attendance"
    assert re.findall(r'<td class="attended">([^<]*)</td>', browser.get(BASE).text) == ["–", "–"]
    response = browser.submit(path, {"came": str(anne.id)}, page=path)
    assert (response.status_code, response.headers["location"]) == (303, f"{path}?saved=1")
    assert _came(world, forum) == [anne.id]
    page = browser.get(path).text
    assert '<p id="attendance">1 of 2 registered participants came.</p>' in page
    assert f'value="{anne.id}" id="came-{anne.id}" checked>' in page
    assert re.findall(r'<td class="attended">([^<]*)</td>', browser.get(BASE).text) == ["1", "–"]
    browser.submit(path, {}, page=path)  # nobody ticked: recorded, nobody came
    assert '<p id="attendance">0 of 2 registered participants came.</p>' in browser.get(path).text
    assert browser.submit(f"{path}/undo", page=path).headers["location"] == path
    assert '<p id="attendance">Attendance not recorded yet.</p>' in browser.get(path).text


def test_an_unregistered_participant_is_named_and_nothing_is_saved(world: World) -> None:
    forum = _item_id(world, "forum")
    anne, yamada = world.participant("test-osaka", "p-1"), world.participant("test-osaka", "p-3")
    stranger = world.participant("other-tokyo", "p-2")
    browser = world.organiser()
    path = f"{BASE}/{forum}/attendance"
    response = browser.submit(path, {"came": [str(anne.id), str(yamada.id)]}, page=path)
    assert response.status_code == 422
    assert (
        '<p class="error" role="alert">太郎 山田 is not registered for this item. Nothing was saved.</p>'
        in response.text
    )
    assert browser.submit(path, {"came": [str(stranger.id)]}, page=path).status_code == 422
    wrong = browser.submit(path, {"came": ["x1"]}, page=path)
    assert (
        wrong.status_code,
        '<p class="error" role="alert">x1 is not a participant.</p>' in wrong.text,
    ) == (
        422,
        True,
    )
    assert _came(world, forum) == []


def test_a_forged_form_or_another_organiser_writes_nothing(world: World) -> None:
    forum = _item_id(world, "forum")
    anne = world.participant("test-osaka", "p-1")
    path = f"{BASE}/{forum}/attendance"
    forged = world.organiser().post(
        path, data={"came": str(anne.id), "csrf_token": "x"}, follow_redirects=False
    )
    assert forged.status_code == 403
    stranger = world.organiser("orga@b.lu")
    assert stranger.get(path).status_code == 404
    assert stranger.submit(path, {"came": str(anne.id)}, page="/missions").status_code == 404
    assert (
        stranger.submit(f"/missions/other-tokyo/programme/{forum}/attendance", page="/missions").status_code
        == 404
    )
    assert _came(world, forum) == []


def test_the_attendance_page_speaks_french_and_japanese(world: World) -> None:
    path = f"{BASE}/{_item_id(world, 'forum')}/attendance"
    browser = world.organiser()
    browser.get("/language/fr")
    assert "Présence non encore relevée." in browser.get(path).text
    browser.get("/language/ja")
    assert "出席はまだ記録されていません。" in browser.get(path).text
