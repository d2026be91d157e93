"""The recommendations page shows one card per organisation by default, the person-level list on request."""

from tests.web.conftest import World
from tests.web.test_recommendations import _recommend


def test_two_representatives_of_one_company_give_one_card_and_the_person_view_stays(world: World) -> None:
    _recommend(world, "p-1", "p-4", 2)
    _recommend(world, "p-1", "p-3", 1)
    browser = world.as_participant("test-osaka", "p-1")
    page = browser.get("/me/recommendations").text
    assert page.count("<strong>Kansai Orbital KK</strong>") == 1
    assert page.index("太郎 山田</a> (部長)") < page.index("Hanako Sato</a> (Engineer)")
    assert page.count("Shared sectors: Space") == 1 and "One card per person" in page
    people = browser.get("/me/recommendations?view=people").text
    assert people.count("Shared sectors: Space") == 2 and "One card per organisation" in people
