"""The project's second matching development set stays well-formed: what the shared scorer requires, plus the
properties its README promises (mutual right answers, the four languages, hard negatives that are no query).
"""

import json
from pathlib import Path

from missionmatch.matching.devset import profiles_from_json

DEV2 = Path(__file__).resolve().parents[2] / "benchmarks" / "matching-dev2" / "profiles.json"


def test_the_second_dev_set_is_well_formed_and_its_right_answers_are_mutual() -> None:
    data = json.loads(DEV2.read_text(encoding="utf-8"))
    profiles = {p.id: p for p in profiles_from_json(data)}
    assert len(profiles) == len(data["profiles"]) == 142
    relevant = data["relevant"]
    assert len(relevant) == 81
    for query, answers in relevant.items():
        assert answers and len(set(answers)) == len(answers), query
        for answer in answers:
            assert profiles[answer].side != profiles[query].side, (query, answer)
            assert query in relevant[answer], (query, answer)
    assert {p.side for p in profiles.values()} == {"LU", "JP"}
    assert {p.language for p in profiles.values()} == {"fr", "en", "de", "ja"}
    assert all(p.offers or p.needs for p in profiles.values())
    negatives = set(profiles) - set(relevant)
    assert len(negatives) == 61 and any(not profiles[n].needs for n in negatives)
