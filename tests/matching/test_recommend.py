from dataclasses import replace

import pytest

from missionmatch.matching import MatchConfig, Profile, recommend, split_sentences
from missionmatch.matching.rules import norm_org
from missionmatch.matching.sentences import units
from tests.matching.support import MISSION

BY_ID = {p.id: p for p in MISSION}


@pytest.fixture(scope="module")
def result(use_model):
    return recommend(MISSION, use_model, MatchConfig(top_k=5))


def test_french_need_finds_its_japanese_offer(result) -> None:
    assert result.ranked_ids()["lu-eole"][0] == "jp-shindo"
    assert result.ranked_ids()["jp-shindo"][0] == "lu-eole"


def test_english_partners_find_each_other(result) -> None:
    assert result.ranked_ids()["lu-bank"][0] == "jp-trade"
    assert result.ranked_ids()["jp-trade"][0] == "lu-bank"


def test_the_same_need_on_the_other_side_is_not_a_partner(result) -> None:
    # jp-kaze needs vibration sensors too: it shares lu-eole's need, it does not answer it
    assert result.ranked_ids()["lu-eole"].index("jp-shindo") < result.ranked_ids()["lu-eole"].index("jp-kaze")


def test_never_same_side_self_or_same_organisation(result) -> None:
    for pid, recs in result.ranked_ids().items():
        assert recs, pid
        assert len(recs) == len(set(recs))
        for other in recs:
            assert other != pid
            assert BY_ID[other].side != BY_ID[pid].side


def test_reasons_point_at_real_sentences_with_languages(result) -> None:
    rec = result.recommendations["lu-eole"][0]
    mine, theirs = rec.reasons.my_need, rec.reasons.their_need
    assert mine.need in units(BY_ID["lu-eole"].needs)
    assert mine.need == split_sentences(BY_ID["lu-eole"].needs)[0]  # the vibration sensors, not insurance
    assert mine.offer in units(BY_ID["jp-shindo"].offers)
    assert (mine.need_language, mine.offer_language) == ("fr", "ja")
    assert theirs.need_profile == "jp-shindo" and theirs.offer_profile == "lu-eole"
    assert theirs.need in units(BY_ID["jp-shindo"].needs) and theirs.offer in units(BY_ID["lu-eole"].offers)
    assert rec.reasons.language_path == "fr → ja (interpreter)"
    assert rec.reasons.shared_sectors == ()
    bank = result.recommendations["lu-bank"][0].reasons
    assert bank.language_path == "en"


def test_reasons_for_an_empty_needs_profile_have_only_the_other_direction(result) -> None:
    for rec in result.recommendations["lu-empty"]:
        assert rec.reasons.my_need is None
        assert rec.reasons.their_need is not None


def test_scores_are_probabilities_in_rank_order(result) -> None:
    for recs in result.recommendations.values():
        scores = [r.score for r in recs]
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert scores[0] == max(scores)


def test_suggested_pairs_are_mutual_and_cross_side(result) -> None:
    pairs = {(p.a, p.b) for p in result.pairs}
    assert ("jp-shindo", "lu-eole") in pairs
    assert ("jp-trade", "lu-bank") in pairs
    for p in result.pairs:
        assert BY_ID[p.a].side != BY_ID[p.b].side
    assert [p.score for p in result.pairs] == sorted((p.score for p in result.pairs), reverse=True)


def test_already_met_or_declined_pairs_are_excluded_both_ways(use_model) -> None:
    res = recommend(MISSION, use_model, MatchConfig(top_k=5), excluded=[("jp-shindo", "lu-eole")])
    assert "jp-shindo" not in res.ranked_ids()["lu-eole"]
    assert "lu-eole" not in res.ranked_ids()["jp-shindo"]


def test_without_interpreter_only_common_languages_match(use_model) -> None:
    res = recommend(MISSION, use_model, MatchConfig(top_k=5, interpreter_available=False))
    assert res.ranked_ids()["lu-bank"] == ["jp-trade"]
    assert res.ranked_ids()["lu-eole"] == []
    spoken = [replace(p, spoken=("en",)) if p.id in ("lu-eole", "jp-shindo") else p for p in MISSION]
    res = recommend(spoken, use_model, MatchConfig(top_k=5, interpreter_available=False))
    assert res.ranked_ids()["lu-eole"][0] == "jp-shindo"
    assert res.recommendations["lu-eole"][0].reasons.language_path == "en"


def test_organisation_names_match_regardless_of_accents_case_spacing_and_punctuation() -> None:
    assert norm_org("Éole Lux S.A.") == norm_org("Eole Lux  s.a") == norm_org("EOLE LUX SA")
    assert norm_org("株式会社シンドウセンサー") == norm_org("株式会社 シンドウ センサー")
    assert norm_org("Eole Lux") != norm_org("Eole Lux SA")


def test_within_side_matching_when_configured(use_model) -> None:
    # lu-eole-2 is "Eole Lux  s.a.", the same organisation as lu-eole ("Éole Lux S.A.")
    res = recommend(MISSION, use_model, MatchConfig(top_k=10, cross_sides_only=False))
    assert "lu-bank" in res.ranked_ids()["lu-eole"]
    assert "lu-eole-2" not in res.ranked_ids()["lu-eole"]


def test_diversity_spreads_near_duplicate_suppliers(use_model) -> None:
    clones = [
        Profile(
            f"jp-clone-{i}",
            "JP",
            f"Clone {i} KK",
            "ja",
            offers=BY_ID["jp-shindo"].offers,
            needs=BY_ID["jp-shindo"].needs,
        )
        for i in range(4)
    ]
    other = Profile(
        "jp-data",
        "JP",
        "データ解析株式会社",
        "ja",
        offers="風車の運転データを解析し、故障を予測するソフトウェアを提供しています。",
        needs="欧州の風力発電事業者の運転データを探しています。",
    )
    profiles = [BY_ID["lu-eole"], *clones, other]
    plain = recommend(profiles, use_model, MatchConfig(top_k=5, diversity=0.0)).ranked_ids()["lu-eole"]
    diverse = recommend(profiles, use_model, MatchConfig(top_k=5, diversity=5.0)).ranked_ids()["lu-eole"]
    assert plain[0] == diverse[0]
    assert plain.index("jp-data") == 4
    assert diverse.index("jp-data") == 1


def test_queries_restrict_the_output_and_ids_must_be_unique(use_model) -> None:
    res = recommend(MISSION, use_model, queries=["lu-eole"])
    assert list(res.recommendations) == ["lu-eole"]
    with pytest.raises(ValueError):
        recommend([MISSION[0], MISSION[0]], use_model)
    assert recommend([], use_model).recommendations == {}
