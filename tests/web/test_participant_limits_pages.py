"""Organiser page: a participant's meeting limits and hosted table (fixture: p-3 and p-4 of Kansai Orbital
keep table 2; Anne (p-1) wishes 0 to 5 meetings; the mission's one session has 4 tables)."""

import re

from tests.web.conftest import World

PARTICIPANTS = "/missions/test-osaka/participants"


def _path(world: World, key: str, slug: str = "test-osaka") -> str:
    return f"/missions/{slug}/participants/{world.participant(slug, key).id}/limits"


def _errors(page: str) -> dict[str, str]:
    return dict(re.findall(r'class="error" id="error-([a-z_]+)">([^<]*)<', page))


def _stored(world: World, key: str, slug: str = "test-osaka") -> tuple[int | None, int | None, int | None]:
    person = world.participant(slug, key)
    return person.min_meetings, person.max_meetings, person.hosted_table


def test_the_participants_list_links_to_the_limits_and_shows_hosted_tables(world: World) -> None:
    page = world.organiser().get(PARTICIPANTS).text
    assert f'href="{_path(world, "p-2")}"' in page
    assert page.count("Hosted table 2") == 2


def test_the_page_shows_the_values_and_the_tables_of_others(world: World) -> None:
    page = world.organiser().get(_path(world, "p-1")).text
    assert 'name="min_meetings" value="0"' in page
    assert 'name="max_meetings" value="5"' in page
    assert 'name="hosted_table" value=""' in page
    assert "The smallest session has 4 tables." in page
    assert "<li>Hosted table 2: 太郎 山田 (Kansai Orbital KK)</li>" in page


def test_saving_writes_the_three_values_and_blanks_clear_them(world: World) -> None:
    browser = world.organiser()
    path = _path(world, "p-2")
    response = browser.submit(
        path, {"min_meetings": "2", "max_meetings": "6", "hosted_table": "4"}, page=path
    )
    assert (response.status_code, response.headers["location"]) == (303, f"{path}?saved=1")
    assert _stored(world, "p-2") == (2, 6, 4)
    assert "Saved." in browser.get(f"{path}?saved=1").text
    response = browser.submit(path, {"min_meetings": "", "max_meetings": "", "hosted_table": ""}, page=path)
    assert (response.status_code, _stored(world, "p-2")) == (303, (None, None, None))


def test_a_colleague_may_keep_the_same_table(world: World) -> None:
    path = _path(world, "p-3")
    response = world.organiser().submit(path, {"hosted_table": "2", "max_meetings": "4"}, page=path)
    assert (response.status_code, _stored(world, "p-3")) == (303, (None, 4, 2))


def test_every_wrong_field_is_named_with_422_and_nothing_is_written(world: World) -> None:
    browser = world.organiser()
    path = _path(world, "p-1")
    bad = {"min_meetings": "-1", "max_meetings": "many", "hosted_table": "0"}
    response = browser.submit(path, bad, page=path)
    assert (response.status_code, _errors(response.text)) == (
        422,
        {
            "min_meetings": "Enter a whole number from 0 to 1000.",
            "max_meetings": "Enter a whole number from 0 to 1000.",
            "hosted_table": "Enter a whole number from 1 to 1000.",
        },
    )
    assert 'name="max_meetings" value="many"' in response.text  # what was typed is shown again
    assert _stored(world, "p-1") == (0, 5, None)


def test_the_rules_on_limits_and_tables_are_explained(world: World) -> None:
    browser = world.organiser()
    path = _path(world, "p-1")
    response = browser.submit(
        path, {"min_meetings": "6", "max_meetings": "5", "hosted_table": "2"}, page=path
    )
    assert (response.status_code, _errors(response.text)) == (
        422,
        {
            "max_meetings": "The maximum cannot be below the minimum (6).",
            "hosted_table": "Table 2 is already kept by 太郎 山田 (Kansai Orbital KK). "
            "Only people of the same organisation share a table.",
        },
    )
    response = browser.submit(path, {"hosted_table": "5"}, page=path)
    assert (response.status_code, _errors(response.text)) == (
        422,
        {"hosted_table": "There is no table 5: the smallest B2B session of the mission has 4 tables."},
    )
    assert _stored(world, "p-1") == (0, 5, None)


def test_errors_in_french_and_japanese(world: World) -> None:
    path = _path(world, "p-1")
    expected = {
        "fr": "Il n'y a pas de table 5 : la plus petite session B2B de la mission compte 4 tables.",
        "ja": "テーブル5はありません。このミッションで最も小さいB2Bセッションのテーブル数は4です。",
    }
    for language, message in expected.items():
        browser = world.organiser()
        browser.get(f"/language/{language}")
        response = browser.submit(path, {"hosted_table": "5"}, page=path)
        errors = {name: text.replace("&#39;", "'") for name, text in _errors(response.text).items()}
        assert (response.status_code, errors) == (422, {"hosted_table": message})


def test_a_forged_form_is_refused(world: World) -> None:
    path = _path(world, "p-2")
    data = {"csrf_token": "forged", "min_meetings": "3"}
    response = world.organiser().post(path, data=data, follow_redirects=False)
    assert (response.status_code, _stored(world, "p-2")) == (403, (None, None, None))


def test_another_organisers_participant_is_404(world: World) -> None:
    stranger = world.organiser("orga@b.lu")
    mine = _path(world, "p-2")
    # the participant of mission A addressed through mission B, which the stranger does manage
    through_own = f"/missions/other-tokyo/participants/{world.participant('test-osaka', 'p-2').id}/limits"
    for path in (mine, through_own):
        assert stranger.get(path).status_code == 404
        assert stranger.submit(path, {"min_meetings": "3"}, page="/missions").status_code == 404
    assert _stored(world, "p-2") == (None, None, None)


def test_a_participant_cannot_use_the_organiser_page(world: World) -> None:
    participant = world.as_participant("test-osaka", "p-2")
    path = _path(world, "p-2")
    response = participant.get(path, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, f"/login?next={path}")
    response = participant.submit(path, {"min_meetings": "3"}, page="/me")
    assert (response.status_code, response.headers["location"]) == (303, f"/login?next={path}")
    assert _stored(world, "p-2") == (None, None, None)
