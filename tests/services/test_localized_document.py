"""Mission documents with content in several languages: a plain string or a map language -> text for each
translatable field, both read; the export writes them back as they came; bad maps are named."""

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, ProgrammeItem
from missionmatch.services import programme_setup
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from missionmatch.services.problems import InputRejected, Problem
from tests.factories import small_mission

NAME = {"en": "Osaka mission", "fr": "Mission à Osaka", "ja": "大阪ミッション"}
TITLE = {"en": "Space forum", "ja": "宇宙フォーラム"}
SESSION = {"en": "B2B day", "fr": "Journée B2B"}


def _translated() -> dict:
    document = small_mission(name=NAME, languages=["fr", "ja"])
    document["programme"][0].update(title=TITLE, venue="Hôtel Hankyu")
    document["b2b_sessions"][0]["name"] = SESSION
    return document


def test_maps_and_plain_strings_round_trip(session_factory: sessionmaker[Session]) -> None:
    document = _translated()
    with transaction(session_factory) as session:
        import_mission(session, json.loads(json.dumps(document, ensure_ascii=False)))
    with transaction(session_factory) as session:
        mission = session.scalar(select(Mission))
        assert mission is not None
        item, block = mission.programme_items[0], mission.b2b_sessions[0]
        assert (mission.name, item.title.localize("fr"), block.name.localize("ja")) == (
            "Mission à Osaka",
            "Space forum",
            "Journée B2B",
        )
        assert item.venue.texts == {"fr": "Hôtel Hankyu"}  # a plain string: the mission's first language
        exported = export_mission(session, mission)
    assert exported["mission"]["name"] == NAME
    assert exported["programme"][0]["title"] == TITLE
    assert exported["programme"][0]["venue"] == "Hôtel Hankyu"
    assert exported["b2b_sessions"][0]["name"] == SESSION
    assert exported["b2b_sessions"][0]["venue"] == document["b2b_sessions"][0]["venue"]


def test_a_mission_is_found_again_by_its_default_languages_name(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as session:
        import_mission(session, _translated())
    with transaction(session_factory) as session:
        import_mission(session, _translated(), replace=True)  # same name: replaced, not a second mission
        assert session.scalars(select(Mission.name)).all() == ["Mission à Osaka"]


def test_a_bad_map_is_named_with_its_field() -> None:
    document = small_mission()
    document["programme"][0]["title"] = {"en": 3}
    document["b2b_sessions"][0]["name"] = {"en": " "}
    document["mission"]["description"] = {"fr": "x" * 4001}
    problems = validate(document)
    assert (
        Problem("programme[0]", "title", "expected a language code mapped to a text, got 'en': 3") in problems
    )
    assert Problem("b2b_sessions[0]", "name", "is required: a text in at least one language") in problems
    assert (
        Problem("mission", "description.fr", "is 4,001 characters long; at most 4,000 are allowed")
        in problems
    )


def test_item_texts_that_cannot_be_stored_are_named_and_nothing_is_written(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    with transaction(session_factory) as session:
        item = session.scalars(select(ProgrammeItem)).first()
        assert item is not None
        with pytest.raises(InputRejected) as rejected:
            programme_setup.set_texts(session, item, {"title": {"en": " "}, "venue": {"ja": "x" * 201}})
        assert rejected.value.problems == [
            Problem("programme item", "title", "is required: a text in at least one language"),
            Problem("programme item", "venue.ja", "is 201 characters long; at most 200 are allowed"),
        ]
        programme_setup.set_texts(session, item, {"title": "Forum", "venue": {"ja": "会場"}})
        assert (item.title.texts, item.venue.texts) == ({"en": "Forum"}, {"ja": "会場"})
