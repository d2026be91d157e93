"""The organisers' participant and organisation lists over HTTP: query-string search, sortable headers and a
pager whose links keep the other parameters, counts, and a fixed number of statements a page."""

import re

import pytest
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.web.templating import number
from tests.web.conftest import World
from tests.web.test_page_queries import _counted, _world

LIST = "/missions/test-osaka/participants"
ORGANISATIONS = "/missions/test-osaka/organisations"


def _names(page: str) -> list[str]:
    return re.findall(r"<tr class=\"[^\"]*\">\s*<td><input [^>]*></td>\s*<td>([^<]+)<br>", page)


def _count(page: str) -> str:
    found = re.search(r'<p id="list-count" role="status">([^<]*)</p>', page)
    assert found
    return found.group(1)


def test_counts_say_how_many_of_how_many(world: World) -> None:
    browser = world.organiser()
    assert _count(browser.get(LIST).text) == "4 participants"
    assert _count(browser.get(f"{LIST}?side=host").text) == "2 of 4"
    assert _count(browser.get(f"{ORGANISATIONS}?q=lux").text) == "2 of 3"
    assert _names(browser.get(f"{LIST}?q=nobody").text) == []
    assert "No participant matches." in browser.get(f"{LIST}?q=nobody").text


def test_numbers_are_written_the_viewers_way() -> None:
    assert [number(3000, language) for language in ("en", "fr", "ja")] == ["3,000", "3\u202f000", "3,000"]


def test_sort_links_keep_the_search_and_flip_the_direction(world: World) -> None:
    browser = world.organiser()
    page = browser.get(f"{LIST}?q=orbital&side=host&sort=organisation").text
    assert '<th scope="col" aria-sort="ascending">' in page
    flipped = "?q=orbital&amp;side=host&amp;sort=organisation&amp;dir=desc"
    assert f'href="{flipped}" data-sort="organisation"' in page
    assert 'href="?q=orbital&amp;side=host" data-sort="name"' in page  # the default sort leaves no trace
    assert _names(browser.get(f"{LIST}?q=orbital&side=host&sort=name&dir=desc").text) == [
        "山田 太郎",
        "Hanako Sato",
    ]
    # the filter form keeps the sort
    assert '<input type="hidden" name="sort" value="organisation">' in page


def test_unknown_parameters_show_the_default_list(world: World) -> None:
    browser = world.organiser()
    response = browser.get(f"{LIST}?sort=password&dir=sideways&page=-1&side=moon&status=%27")
    assert response.status_code == 200
    assert _names(response.text) == ["Anne Muller", "Hanako Sato", "Jonas Weber", "山田 太郎"]
    assert browser.get(f"{ORGANISATIONS}?sort=x&page=zz").status_code == 200


@pytest.mark.parametrize("extra_hosts", [0, 60])
@pytest.mark.parametrize("path", [LIST, ORGANISATIONS])
def test_a_list_page_reads_in_a_fixed_number_of_statements(
    sqlite_factory: sessionmaker[Session], extra_hosts: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MISSIONMATCH_PAGE_CACHE", "0")
    browser = _world(sqlite_factory, extra_hosts).organiser()
    assert browser.get(path).status_code == 200  # the first request of a client creates its CSRF token
    with _counted(sqlite_factory) as statements:
        response = browser.get(f"{path}?side=host&page=2")
    assert response.status_code == 200
    # the web session, the organiser and their missions, the mission, the counts, the page's rows
    assert len(statements) == 6, "\n".join(statements)
    if path == LIST and extra_hosts:
        assert _count(response.text) == "62 of 64"
        assert 'aria-label="Pages"' in response.text
        assert '<span aria-current="page">Page 2 of 2</span>' in response.text
        assert '<a rel="prev" href="?side=host">Previous</a>' in response.text
        assert len(_names(response.text)) == 12
