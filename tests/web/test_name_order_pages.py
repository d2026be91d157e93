"""Names in the order the person chose: set by an organiser or by the participant, shown in the organisers'
list, kept by mission documents."""

import json
import re

from sqlalchemy import select

from missionmatch.db import transaction
from missionmatch.models import Mission
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_export import export_mission
from tests.factories import small_mission
from tests.web.conftest import World

LIST = "/missions/test-osaka/participants"


def _names(page: str) -> list[str]:
    return re.findall(r"<tr class=\"[^\"]*\">\s*<td><input [^>]*></td>\s*<td>([^<]+)<br>", page)


def test_an_organiser_sets_the_order_on_the_participant_form(world: World) -> None:
    browser = world.organiser()
    yamada = world.participant("test-osaka", "p-3")
    edit = f"{LIST}/{yamada.id}/edit"
    form = re.findall(r'name="([a-z_0-9]+)" value="([^"]*)"', browser.get(edit).text)
    values = {name: value for name, value in form if name != "csrf_token"}
    values.update(organisation=str(yamada.organisation_id), profile_language="ja", name_order="given_first")
    assert browser.submit(edit, values, page=edit).status_code == 303
    assert world.participant("test-osaka", "p-3").name_order == "given_first"
    assert _names(browser.get(f"{LIST}?side=host").text) == ["Hanako Sato", "太郎 山田"]
    assert '<option value="given_first" selected>' in browser.get(edit).text


def test_a_participant_chooses_family_name_first(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-4")
    data = {"language": "en", "offers": "Robots", "name_order": "family_first"}
    assert browser.submit("/me/profile", data, page="/me/profile").status_code == 303
    assert world.participant("test-osaka", "p-4").name_order == "family_first"
    assert "Sato Hanako" in _names(world.organiser().get(LIST).text)


def test_mission_documents_keep_the_order_and_refuse_an_unknown_one(world: World) -> None:
    document = small_mission()
    document["participants"][0]["name_order"] = "family_first"
    assert validate(document) == []
    document["participants"][1]["name_order"] = "upside_down"
    assert [str(p) for p in validate(document)] == [
        "participants[1], name_order: 'upside_down' is not one of family_first, given_first"
    ]
    with transaction(world.factory) as session:
        mission = session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()
        mission.participants[0].name_order = "family_first"
        exported = json.loads(json.dumps(export_mission(session, mission)))
    assert [p.get("name_order") for p in exported["participants"]] == ["family_first", None, None, None]
