import re
from collections import Counter

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.demo import names
from missionmatch.demo.generate import DATA_DIR, generate, serialise
from missionmatch.models import Mission, Participant
from missionmatch.services.demo import DEMO_SLUGS, load_demo
from missionmatch.services.mission_document import validate

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def documents() -> dict:
    return generate()


def test_generation_is_deterministic_and_equals_the_shipped_files(documents: dict) -> None:
    assert generate() == documents
    for slug, document in documents.items():
        assert (DATA_DIR / f"{slug}.json").read_text(encoding="utf-8") == serialise(document)


def test_every_demo_mission_is_a_valid_document(documents: dict) -> None:
    assert list(documents) == list(DEMO_SLUGS)
    assert {slug: [str(p) for p in validate(d)] for slug, d in documents.items()} == {
        s: [] for s in DEMO_SLUGS
    }


def test_campaign_totals_match_the_articles_once_returning_delegates_count_once(documents: dict) -> None:
    organisations = [o for d in documents.values() for o in d["organisations"]]
    people = [p for d in documents.values() for p in d["participants"]]
    delegation = {o["key"] for o in organisations if o["side"] == "delegation"}
    companies = Counter(o["name"] for o in organisations if o["key"] in delegation)
    delegates = Counter(p["email"] for p in people if p["organisation"] in delegation)
    assert (sum(companies.values()), len(companies)) == (108, 95)
    assert (sum(delegates.values()), len(delegates)) == (177, 160)
    assert (sum(n > 1 for n in companies.values()), sum(n > 1 for n in delegates.values())) == (13, 17)
    hosts = Counter(o["name"] for o in organisations if o["key"] not in delegation)
    assert (sum(hosts.values()), len(hosts)) == (70, 70)
    assert sum(p["organisation"] not in delegation for p in people) == 110


def test_a_returning_delegate_comes_with_the_same_company_and_profile(documents: dict) -> None:
    seen: dict[str, tuple[str, dict]] = {}
    for document in documents.values():
        names = {o["key"]: o["name"] for o in document["organisations"]}
        for person in document["participants"]:
            company = names[person["organisation"]]
            if person["email"] in seen:
                assert seen[person["email"]] == (company, person["profile"])
            seen[person["email"]] = (company, person["profile"])


def test_profiles_are_written_in_four_languages_and_japanese_ones_in_japanese(documents: dict) -> None:
    for document in documents.values():
        languages = {p["profile"]["language"] for p in document["participants"]}
        assert languages == {"fr", "en", "de", "ja"}
        for person in document["participants"]:
            profile = person["profile"]
            assert bool(JAPANESE.search(profile["offers"])) == (profile["language"] == "ja")


def test_each_mission_has_b2b_capacity_for_its_accepted_requests(documents: dict) -> None:
    for document in documents.values():
        capacity = sum(s["slot_count"] * s["tables"] for s in document["b2b_sessions"])
        accepted = sum(r["status"] == "accepted" for r in document["meeting_requests"])
        assert capacity >= 2 * accepted


def test_loading_the_demo_twice_leaves_one_copy(sqlite_factory: sessionmaker[Session]) -> None:
    for _ in range(2):
        with transaction(sqlite_factory) as session:
            load_demo(session)
    with sqlite_factory() as session:
        assert session.scalar(select(func.count(Mission.id))) == 4
        assert session.scalar(select(func.count(Participant.id))) == 287


def test_two_different_companies_never_share_a_name_legal_form_aside(documents: dict) -> None:
    forms = sorted([*names.LU_FORMS, *names.JP_FORMS], key=len, reverse=True)
    bases: dict[str, set[str]] = {}
    for document in documents.values():
        for org in document["organisations"]:
            form = next((f for f in forms if org["name"].endswith(f" {f}")), "")
            bases.setdefault(org["name"].removesuffix(f" {form}"), set()).add(org["name"])
    assert [variants for variants in bases.values() if len(variants) > 1] == []
