"""The sparse path cut into shards (an index per part of each side's sentences, edge scores per range of
rows) gives the single-shard ranking."""

from dataclasses import replace

import numpy as np

from missionmatch.matching import recommend
from missionmatch.matching.shards import LocalRunner, cut, search_sharded
from tests.matching.support import HashEmbedder
from tests.matching.test_sparse import SPARSE, random_mission


def test_cut_keeps_every_item_once_in_order() -> None:
    parts = cut(np.arange(10), 4)
    assert [p.tolist() for p in parts] == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]]
    assert [p.tolist() for p in cut(np.arange(2), 5)] == [[0], [1]]


def test_a_sharded_flat_search_finds_the_single_index_neighbours() -> None:
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((300, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    targets, queries = np.arange(0, 300, 2), np.arange(1, 300, 2)
    one = search_sharded(vecs, targets, vecs, queries, 5, SPARSE, LocalRunner(1))
    four = search_sharded(vecs, targets, vecs, queries, 5, SPARSE, LocalRunner(4))
    assert np.array_equal(np.sort(one[1], axis=1), np.sort(four[1], axis=1))
    assert not one[2] and not four[2]  # 5 of 150 targets: not exhaustive


def test_sharded_ranking_equals_the_single_process_one() -> None:
    profiles = random_mission(90, seed=5)
    config = replace(SPARSE, top_k=10, ann_neighbours=4)  # not exhaustive: the merge of shards matters
    single = recommend(profiles, HashEmbedder(), config, with_reasons=False)
    sharded = recommend(profiles, HashEmbedder(), config, with_reasons=False, runner=LocalRunner(3))
    assert sharded.ranked_ids() == single.ranked_ids()
    assert [(p.a, p.b) for p in sharded.pairs] == [(p.a, p.b) for p in single.pairs]
