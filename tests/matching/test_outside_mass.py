"""The balancing of the sparse graph with the mass of the pairs it leaves out: with that mass exactly (every
pair outside, weight 1) it is the dense balancing; the sample drawn for it stays outside the graph."""

import numpy as np
import pytest

from missionmatch.matching import MatchConfig
from missionmatch.matching.normalise import sinkhorn_log
from missionmatch.matching.outside_mass import sample_outside
from missionmatch.matching.pair_rules import pair_rules
from missionmatch.matching.sparse_graph import Graph, sinkhorn_log_sparse
from tests.matching.test_sparse import random_mission


def _half_graph(n: int, seed: int) -> tuple[Graph, np.ndarray]:
    """A random edge set closed under transposition (no diagonal), and the dense mask of the rest."""
    rng = np.random.default_rng(seed)
    upper = np.triu(rng.random((n, n)) < 0.3, 1)
    mask = upper | upper.T
    rows, cols = np.nonzero(mask)
    return Graph.from_pairs(n, rows, cols), ~mask & ~np.eye(n, dtype=bool)


def test_the_exact_outside_mass_gives_the_dense_balancing() -> None:
    n = 30
    rng = np.random.default_rng(1)
    score = rng.normal(0, 0.05, (n, n)).astype(np.float32)
    allowed = ~np.eye(n, dtype=bool)
    graph, rest = _half_graph(n, 2)
    dense = sinkhorn_log(score, allowed, 0.02, 20)[graph.rows, graph.cols]
    o_rows, o_cols = np.nonzero(rest)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(o_rows, minlength=n))])
    outside = Graph(n, o_rows, o_cols, indptr, np.zeros(0, np.int64))
    edge_scores = score[graph.rows, graph.cols]
    with_mass = sinkhorn_log_sparse(graph, edge_scores, 0.02, 20, (outside, score[o_rows, o_cols], 1.0))
    without = sinkhorn_log_sparse(graph, edge_scores, 0.02, 20)
    assert with_mass == pytest.approx(dense, rel=1e-4, abs=1e-3)
    assert without != pytest.approx(dense, rel=1e-4, abs=1e-3)


def test_the_sample_is_allowed_outside_the_graph_and_weighted_by_its_share() -> None:
    profiles = random_mission(40, seed=3)
    rules = pair_rules(profiles, MatchConfig())
    graph, _ = _half_graph(40, 4)
    pairs, weight = sample_outside(graph, rules, per_row=16)
    edges = set(zip(graph.rows.tolist(), graph.cols.tolist(), strict=True))
    sampled = list(zip(pairs.rows.tolist(), pairs.cols.tolist(), strict=True))
    assert weight == 40 / 16
    assert sampled and not set(sampled) & edges
    assert rules.allowed(pairs.rows, pairs.cols).all()
    assert np.all(np.diff(pairs.rows) >= 0)
    assert np.array_equal(
        pairs.indptr, np.concatenate([[0], np.cumsum(np.bincount(pairs.rows, minlength=40))])
    )
