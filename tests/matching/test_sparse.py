"""The sparse path (nearest-neighbour candidates, scores on a sparse graph) against the dense reference: where
the search is exhaustive (flat index, enough neighbours) the rankings are the dense ones."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missionmatch.matching import MatchConfig, Profile, recommend
from missionmatch.matching.candidates import candidate_pairs
from missionmatch.matching.pair_rules import pair_rules
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.units import embed_profiles
from tests.matching.support import MISSION, HashEmbedder
from tests.matching.test_rules_properties import missions

# the sparse path has no shared-term evidence yet (term_evidence.py; the dense path adds it before the
# balancing): the two paths are compared with it off
DENSE = MatchConfig(top_k=5, sparse_from=None, use_quality_floor=False, term_weight=0.0)
SPARSE = replace(DENSE, sparse_from=0)

WORDS = [f"w{k}" for k in range(40)]
sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=5).map(lambda ws: " ".join(ws) + ".")
field = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def full_missions(draw):
    """Random missions where every profile has needs and offers (each pair has something to compare)."""
    n = draw(st.integers(min_value=2, max_value=14))
    profiles = [
        Profile(
            f"p{i}",
            draw(st.sampled_from(["LU", "JP"])),
            draw(st.sampled_from(["Org A", "Org B", f"Solo {i}", ""])),
            draw(st.sampled_from(["fr", "en", "ja"])),
            tuple(draw(st.lists(st.sampled_from(["space", "ai"]), max_size=2, unique=True))),
            offers=draw(field),
            needs=draw(field),
        )
        for i in range(n)
    ]
    ids = [p.id for p in profiles]
    excluded = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=3))
    return profiles, excluded


def random_mission(n: int, seed: int) -> list[Profile]:
    rng = np.random.default_rng(seed)
    words = [f"t{k}" for k in range(300)]

    def text() -> str:
        return " ".join(" ".join(rng.choice(words, 4)) + "." for _ in range(rng.integers(1, 4)))

    return [
        Profile(f"r{i}", "LU" if i % 2 else "JP", f"Org {i}", "en", offers=text(), needs=text())
        for i in range(n)
    ]


@settings(max_examples=60, deadline=None)
@given(missions(), st.booleans(), st.booleans())
def test_pair_rules_agree_with_the_rule_matrix(mission, cross_only, interpreter) -> None:
    profiles, excluded = mission
    config = MatchConfig(
        cross_sides_only=cross_only,
        interpreter_available=interpreter,
        interpreter_languages=frozenset({"fr", "ja"}) if interpreter else None,
    )
    n = len(profiles)
    i, j = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n), indexing="ij"))
    got = pair_rules(profiles, config, excluded).allowed(i, j).reshape(n, n)
    assert np.array_equal(got, allowed_matrix(profiles, config, excluded))


@settings(max_examples=25, deadline=None)
@given(full_missions(), st.booleans(), st.sampled_from([0, 1, 3]), st.sampled_from([0.0, 0.02]))
def test_exhaustive_sparse_ranking_equals_the_dense_one(mission, cross_only, hub_k, temperature) -> None:
    profiles, excluded = mission
    config = replace(
        DENSE, cross_sides_only=cross_only, hub_k=hub_k, temperature=temperature, sector_weight=0.05
    )
    config = replace(config, diversity=0.0)  # ties between identical profiles may then break either way
    dense = recommend(profiles, HashEmbedder(), config, excluded, with_reasons=False)
    sparse = recommend(profiles, HashEmbedder(), replace(config, sparse_from=0), excluded, with_reasons=False)
    for pid, recs in dense.recommendations.items():
        got = sparse.recommendations[pid]
        # same scores in the same order (candidates with equal scores may swap)
        assert [r.score for r in got] == pytest.approx([r.score for r in recs], rel=1e-4, abs=1e-6)
    assert [p.score for p in sparse.pairs] == pytest.approx([p.score for p in dense.pairs], rel=1e-4)


def test_sparse_path_gives_the_dense_top_k_with_diversity_on_distinct_profiles() -> None:
    profiles = random_mission(120, seed=1)
    config = replace(DENSE, top_k=10)
    dense = recommend(profiles, HashEmbedder(), config)
    sparse = recommend(profiles, HashEmbedder(), replace(config, sparse_from=0))
    assert sparse.ranked_ids() == dense.ranked_ids()
    assert [(p.a, p.b) for p in sparse.pairs] == [(p.a, p.b) for p in dense.pairs]
    assert sparse.recommendations["r0"][0].reasons == dense.recommendations["r0"][0].reasons


def test_the_wind_mission_ranks_the_same_on_both_paths(use_model) -> None:
    dense = recommend(MISSION, use_model, MatchConfig(top_k=5, sparse_from=None, term_weight=0.0))
    sparse = recommend(MISSION, use_model, MatchConfig(top_k=5, sparse_from=0, term_weight=0.0))
    assert sparse.ranked_ids() == dense.ranked_ids()


def test_the_size_setting_chooses_the_path() -> None:
    """With too few neighbours to be exhaustive the sparse path differs from the dense one; the setting
    decides which runs."""
    profiles = random_mission(60, seed=2)
    narrow = replace(DENSE, ann_neighbours=1, hub_k=0, top_k=10)
    dense = recommend(profiles, HashEmbedder(), narrow, with_reasons=False).ranked_ids()
    below = recommend(profiles, HashEmbedder(), replace(narrow, sparse_from=61), with_reasons=False)
    at = recommend(profiles, HashEmbedder(), replace(narrow, sparse_from=60), with_reasons=False)
    assert below.ranked_ids() == dense
    assert at.ranked_ids() != dense
    assert all(len(v) <= 10 for v in at.ranked_ids().values())


def test_candidates_are_the_nearest_pairs_and_closed_under_transposition() -> None:
    profiles = random_mission(80, seed=3)
    ep = embed_profiles(profiles, HashEmbedder())
    config = MatchConfig(ann_neighbours=3)
    found = candidate_pairs(ep, pair_rules(profiles, config), config)
    pairs = set(zip(found.rows.tolist(), found.cols.tolist(), strict=True))
    assert not found.complete
    assert all((j, i) in pairs for i, j in pairs)
    assert all(profiles[i].side != profiles[j].side for i, j in pairs)
    # each need sentence's best offer sentence of the other side is a candidate pair
    owner = ep.offers.owner()
    for i in range(len(profiles)):
        other = np.flatnonzero([profiles[o].side != profiles[i].side for o in owner])
        for u in ep.needs.rows_of(i):
            best = other[np.argmax(ep.offers.vecs[other] @ ep.needs.vecs[u])]
            assert (i, int(owner[best])) in pairs


def test_an_inverted_file_index_finds_most_of_the_dense_top_ten() -> None:
    """Random hash vectors are the hard case (no structure to exploit): 2 of 13 lists visited, 32 neighbours a
    sentence; realistic vectors do far better (docs/benchmarks-matching.md)."""
    profiles = random_mission(400, seed=4)
    config = replace(DENSE, top_k=10)
    dense = recommend(profiles, HashEmbedder(), config, with_reasons=False).ranked_ids()
    ivf = replace(config, sparse_from=0, ann_exact_up_to=0, ann_nprobe=2, ann_neighbours=32)
    sparse = recommend(profiles, HashEmbedder(), ivf, with_reasons=False).ranked_ids()
    overlap = np.mean([len(set(sparse[p]) & set(d)) / len(d) for p, d in dense.items()])
    assert overlap >= 0.8
