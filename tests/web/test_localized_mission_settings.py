"""The mission's name and description in every language, edited on the settings page through real HTTP, and
shown to French and Japanese viewers in their language."""

import pytest
from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Mission
from tests.web.conftest import World

SETTINGS = "/missions/test-osaka/settings"
DATES = {"start_date": "2025-05-24", "end_date": "2025-05-31", "timezone": "Asia/Tokyo"}
FORM = {
    **DATES,
    "name": "Test mission Osaka",
    "name_fr": "Mission test à Osaka",
    "name_ja": "大阪テストミッション",
    "description": "Multisector",
    "description_fr": "Multisectorielle",
    "description_ja": "複数分野",
}


def _texts(world: World) -> tuple[dict[str, str], dict[str, str]]:
    with world.factory() as session:
        mission = session.scalar(select(Mission).where(Mission.slug == "test-osaka"))
        assert mission is not None
        return dict(mission.name.texts), dict(mission.description.texts)


def test_the_settings_form_saves_every_language_and_shows_them_again(world: World) -> None:
    browser = world.organiser()
    response = browser.submit(SETTINGS, FORM, page=SETTINGS)
    assert (response.status_code, response.headers["location"]) == (303, f"{SETTINGS}?saved=1")
    assert _texts(world) == (
        {"en": "Test mission Osaka", "fr": "Mission test à Osaka", "ja": "大阪テストミッション"},
        {"en": "Multisector", "fr": "Multisectorielle", "ja": "複数分野"},
    )
    browser.cookies.set("mm_lang", "fr")
    page = browser.get(SETTINGS).text
    assert 'name="name" value="Test mission Osaka"' in page  # the default language's, whatever the viewer's
    assert 'name="name_ja" value="大阪テストミッション" maxlength="200" lang="ja"' in page
    assert 'lang="fr">Multisectorielle</textarea>' in page
    assert "Nom en japonais" in page


def test_saving_keeps_the_languages_the_form_does_not_show(world: World) -> None:
    with transaction(world.factory) as session:
        mission = session.scalar(select(Mission).where(Mission.slug == "test-osaka"))
        assert mission is not None
        mission.name = {"en": "Test mission Osaka", "de": "Testmission Osaka", "fr": "Ancien nom"}
    form = {**DATES, "name": "Test mission Osaka", "name_fr": "", "description": "Multisector"}
    assert world.organiser().submit(SETTINGS, form, page=SETTINGS).status_code == 303
    # French emptied (removed), German not on the form (kept), Japanese not sent (nothing to keep)
    assert _texts(world)[0] == {"en": "Test mission Osaka", "de": "Testmission Osaka"}


def test_a_name_in_no_language_or_another_missions_name_is_refused(world: World) -> None:
    browser = world.organiser()
    empty = browser.submit(SETTINGS, {**FORM, "name": "", "name_fr": "", "name_ja": ""}, page=SETTINGS)
    assert empty.status_code == 422 and "This field is required." in empty.text
    browser.cookies.set("mm_lang", "ja")
    taken = browser.submit(SETTINGS, {**FORM, "name": "Other mission Tokyo"}, page=SETTINGS)
    assert taken.status_code == 422
    assert "別のミッションがすでにこの名前を使っています。" in taken.text
    assert 'name="name" value="Other mission Tokyo"' in taken.text  # what was typed stays on the form
    long = browser.submit(SETTINGS, {**FORM, "name_fr": "x" * 201}, page=SETTINGS)
    assert long.status_code == 422 and 'class="invalid">氏名（フランス語）' in long.text
    assert _texts(world)[0] == {"en": "Test mission Osaka"}


@pytest.mark.parametrize(
    ("language", "name", "description"),
    [("fr", "Mission test à Osaka", "Multisectorielle"), ("ja", "大阪テストミッション", "複数分野")],
)
def test_viewers_see_the_missions_name_and_description_in_their_language(
    world: World, language: str, name: str, description: str
) -> None:
    organiser = world.organiser()
    assert organiser.submit(SETTINGS, FORM, page=SETTINGS).status_code == 303
    organiser.cookies.set("mm_lang", language)
    assert f"<h1>{name}</h1>" in organiser.get("/missions/test-osaka").text
    anne = world.as_participant("test-osaka", "p-1")
    anne.cookies.set("mm_lang", language)
    home = anne.get("/me").text
    assert f"<title>{name}" in home and f'<p class="mission-description">{description}</p>' in home
    assert "Test mission Osaka" not in home and "Multisector<" not in home
