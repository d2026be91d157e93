"""The matcher's entry point (matching/recommender.py) on a mission whose answer is known by hand: texts are
embedded by the topics they name, so a need and an offer match exactly when they share a topic.

Only `recommend`'s observable output is asserted (rankings, scores, pairs, options), not how it computes
them: the scoring inside may change (e.g. a sparse path for large missions) without changing these answers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from missionmatch.matching import MatchConfig, MatchResult, Profile
from missionmatch.matching.recommender import recommend

TOPICS = ("sensor", "packaging", "wind", "cheese")


class TopicEmbedder:
    """One dimension a topic named in the text (one more for a text naming none): cosine 1 between two
    sentences on the same topic, 0 between different topics."""

    name = "topic-test"  # uncalibrated: no quality floor unless a test sets one
    dim = len(TOPICS) + 1

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), np.float32)
        for i, text in enumerate(texts):
            hits = [k for k, topic in enumerate(TOPICS) if topic in text.lower()]
            rows[i, hits or [len(TOPICS)]] = 1.0
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


# lu-wind needs what jp-sense offers and the other way round; lu-food and jp-pack likewise; nothing else
# matches in either direction
MISSION = [
    Profile("lu-wind", "LU", "Wind Lux", "en", offers="We operate wind turbines.", needs="We buy a sensor."),
    Profile("lu-food", "LU", "Food Lux", "en", offers="We export cheese.", needs="We buy packaging film."),
    Profile("jp-sense", "JP", "Sense KK", "en", offers="We make a sensor.", needs="We test wind turbines."),
    Profile("jp-pack", "JP", "Pack KK", "en", offers="We make packaging film.", needs="We import cheese."),
]
FLOORLESS = MatchConfig(pair_rank=1, use_quality_floor=False)


def _run(config: MatchConfig = FLOORLESS, **kwargs) -> MatchResult:  # type: ignore[no-untyped-def]
    return recommend(MISSION, TopicEmbedder(), config, **kwargs)


def test_each_profile_ranks_the_profile_answering_its_need_first_and_only_the_other_side() -> None:
    assert _run().ranked_ids() == {
        "lu-wind": ["jp-sense", "jp-pack"],
        "lu-food": ["jp-pack", "jp-sense"],
        "jp-sense": ["lu-wind", "lu-food"],
        "jp-pack": ["lu-food", "lu-wind"],
    }


def test_scores_are_each_row_s_probabilities_best_first() -> None:
    for recs in _run().recommendations.values():
        assert [r.score for r in recs] == [pytest.approx(1.0, abs=1e-6), pytest.approx(0.0, abs=1e-6)]


def test_reasons_name_the_sentences_that_match_in_both_directions() -> None:
    best = _run().recommendations["lu-wind"][0]
    assert best.reasons is not None
    mine, theirs = best.reasons.my_need, best.reasons.their_need
    assert mine is not None and theirs is not None
    assert (mine.need_profile, mine.need, mine.offer_profile, mine.offer) == (
        "lu-wind",
        "We buy a sensor.",
        "jp-sense",
        "We make a sensor.",
    )
    assert (theirs.need_profile, theirs.need, theirs.offer_profile, theirs.offer) == (
        "jp-sense",
        "We test wind turbines.",
        "lu-wind",
        "We operate wind turbines.",
    )
    assert mine.similarity == pytest.approx(1.0, abs=1e-6) and theirs.similarity == pytest.approx(
        1.0, abs=1e-6
    )


def test_pairs_that_rank_each_other_first_are_suggested_best_first() -> None:
    pairs = [(p.a, p.b) for p in _run().pairs]
    assert pairs == [("jp-pack", "lu-food"), ("jp-sense", "lu-wind")]


def test_a_quality_floor_drops_candidates_no_sentence_connects() -> None:
    floored = _run(MatchConfig(pair_rank=1, quality_floor=0.5))
    assert floored.ranked_ids() == {
        "lu-wind": ["jp-sense"],
        "lu-food": ["jp-pack"],
        "jp-sense": ["lu-wind"],
        "jp-pack": ["lu-food"],
    }
    # an embedder without a calibrated floor gets none by default: every allowed candidate is listed
    assert _run(MatchConfig(pair_rank=1)).ranked_ids() == _run().ranked_ids()


def test_without_reasons_the_ranking_and_scores_are_the_same() -> None:
    fast, full = _run(with_reasons=False), _run()
    assert fast.ranked_ids() == full.ranked_ids()
    for pid, recs in fast.recommendations.items():
        assert all(r.reasons is None for r in recs)
        assert [r.score for r in recs] == [r.score for r in full.recommendations[pid]]


def test_queries_return_only_their_lists_unchanged() -> None:
    assert _run(queries=["lu-wind"]).ranked_ids() == {"lu-wind": ["jp-sense", "jp-pack"]}


def test_an_excluded_pair_is_left_out_both_ways_and_no_longer_suggested() -> None:
    result = _run(excluded=[("jp-sense", "lu-wind")])
    ranked = result.ranked_ids()
    assert (ranked["lu-wind"], ranked["jp-sense"]) == (["jp-pack"], ["lu-food"])
    assert sorted(ranked["lu-food"]) == ["jp-pack", "jp-sense"] and sorted(ranked["jp-pack"]) == [
        "lu-food",
        "lu-wind",
    ]
    assert ("jp-sense", "lu-wind") not in [(p.a, p.b) for p in result.pairs]


def test_top_k_cuts_every_list() -> None:
    short = _run(MatchConfig(top_k=1, pair_rank=1, use_quality_floor=False))
    assert short.ranked_ids() == {pid: ids[:1] for pid, ids in _run().ranked_ids().items()}


def test_within_side_matching_adds_the_same_side_after_the_partner() -> None:
    both = _run(MatchConfig(cross_sides_only=False, pair_rank=1, use_quality_floor=False))
    ranked = both.ranked_ids()["lu-wind"]
    assert ranked[0] == "jp-sense" and sorted(ranked) == ["jp-pack", "jp-sense", "lu-food"]


def test_no_profiles_give_an_empty_result_and_duplicate_ids_are_refused() -> None:
    empty = recommend([], TopicEmbedder())
    assert (empty.recommendations, empty.pairs) == ({}, [])
    with pytest.raises(ValueError, match="unique"):
        recommend([MISSION[0], MISSION[0]], TopicEmbedder())
