"""Organiser pages: adding and editing a participant and an organisation (fixture: tests/factories.py)."""

import re

from sqlalchemy import select

from missionmatch.models import Mission, Organisation, Participant
from tests.web.conftest import World

BASE = "/missions/test-osaka"


def _errors(page: str) -> dict[str, str]:
    return dict(re.findall(r'class="error" id="error-([a-z_0-9]+)">([^<]*)<', page))


def _organisation_id(world: World, key: str) -> int:
    with world.factory() as session:
        query = select(Organisation.id).join(Mission).where(Mission.slug == "test-osaka")
        return session.scalars(query.where(Organisation.key == key)).one()


def test_an_organiser_adds_a_participant_from_the_list(world: World) -> None:
    browser = world.organiser()
    assert f'href="{BASE}/participants/new"' in browser.get(f"{BASE}/participants").text
    form = {
        "first_name": "Léa",
        "last_name": "Schmit",
        "email": "lea@luxsat.example.lu",
        "organisation": str(_organisation_id(world, "lu-sat")),
        "languages": ["fr", "en"],
        "arrives_at": "2025-05-26T18:00",
        "unavailable_0_starts": "2025-05-27T14:00",
        "unavailable_0_ends": "2025-05-27T15:00",
        "unavailable_0_reason": "Embassy",
        "profile_language": "fr",
        "offers": "Stations sol",
        "sectors": ["space"],
    }
    response = browser.submit(f"{BASE}/participants/new", form, page=f"{BASE}/participants/new")
    with world.factory() as session:
        lea = session.scalars(select(Participant).where(Participant.email == "lea@luxsat.example.lu")).one()
        assert (lea.languages, len(lea.unavailability)) == (["fr", "en"], 1)
    edit = f"{BASE}/participants/{lea.id}/edit"
    assert (response.status_code, response.headers["location"]) == (303, f"{edit}?saved=1")
    page = browser.get(f"{edit}?saved=1").text
    assert "Saved." in page
    assert 'name="arrives_at" value="2025-05-26T18:00"' in page
    assert 'name="unavailable_0_reason" value="Embassy"' in page
    assert 'name="unavailable_1_starts" value=""' in page  # a blank row to add one more window


def test_wrong_fields_are_named_in_the_viewers_language_and_typed_values_kept(world: World) -> None:
    browser = world.organiser()
    browser.cookies.set("mm_lang", "fr")
    anne = world.participant("test-osaka", "p-1")
    edit = f"{BASE}/participants/{anne.id}/edit"
    form = {
        "first_name": "Anne",
        "last_name": "",
        "email": "yamada@orbital.example.jp",
        "organisation": str(_organisation_id(world, "lu-sat")),
        "min_meetings": "deux",
        "profile_language": "fr",
    }
    response = browser.submit(edit, form, page=edit)
    assert response.status_code == 422
    assert _errors(response.text) == {
        "last_name": "Ce champ est obligatoire.",
        "email": "yamada@orbital.example.jp est déjà inscrit à cette mission.",
        "min_meetings": "Saisissez un nombre entier de 0 à 1000.",
    }
    assert 'name="min_meetings" value="deux"' in response.text
    assert world.participant("test-osaka", "p-1").last_name == "Muller"


def test_an_organisation_is_added_then_its_side_cannot_change_under_meetings(world: World) -> None:
    browser = world.organiser()
    new = f"{BASE}/organisations/new"
    assert f'href="{new}"' in browser.get(f"{BASE}/organisations").text
    form = {"name": "Orbit Lab", "side": "host", "country": "JP", "city": "Osaka", "sectors": ["ai"]}
    response = browser.submit(new, form, page=new)
    with world.factory() as session:
        lab = session.scalars(select(Organisation).where(Organisation.name == "Orbit Lab")).one()
        assert (lab.side.value, lab.sectors) == ("host", ["ai"])
    assert response.headers["location"] == f"{BASE}/organisations/{lab.id}/edit?saved=1"
    orbital = f"{BASE}/organisations/{_organisation_id(world, 'jp-orbital')}/edit"
    response = browser.submit(
        orbital, {"name": "Kansai Orbital KK", "side": "delegation", "country": "JP"}, page=orbital
    )
    refusal = "Meetings or open requests exist across the two sides: cancel them before changing the side."
    assert (response.status_code, _errors(response.text)) == (422, {"side": refusal})


def test_another_missions_participant_is_not_found(world: World) -> None:
    other = world.participant("other-tokyo", "p-1")
    assert world.organiser().get(f"{BASE}/participants/{other.id}/edit").status_code == 404
