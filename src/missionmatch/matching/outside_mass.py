"""The balancing mass of the pairs that the candidate graph leaves out, estimated from random pairs.

The dense balancing (Sinkhorn, T = 0.02) sums exp(score / T) over every allowed pair of a row and of a
column. Each pair left out is weak, but a column has thousands of them: without their mass the column
factors differ from the dense ones and the lists move (recall@20 0.977 instead of 0.998 at 10,000
profiles, docs/benchmarks-matching.md). So every row draws `per_row` random columns; the allowed ones
outside the graph are scored exactly and enter the balancing sums with weight n / per_row, an unbiased
estimate of the row's (and, summed over rows, the column's) left-out mass. They never enter a list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.sparse_graph import Graph


@dataclass(frozen=True)
class Outside:
    """Sampled pairs outside the graph (a `Graph` without transposes, rows in order), their scores before
    the balancing and the number of pairs each stands for."""

    pairs: Graph
    score: np.ndarray
    weight: float


def sample_outside(graph: Graph, rules: PairRules, per_row: int, seed: int = 0) -> tuple[Graph, float]:
    n = graph.n
    rng = np.random.default_rng(seed)
    rows = np.repeat(np.arange(n, dtype=np.int64), per_row)
    cols = rng.integers(0, n, len(rows)).astype(np.int64)
    edge_keys = graph.rows * n + graph.cols
    keys = rows * n + cols
    pos = np.minimum(np.searchsorted(edge_keys, keys), max(len(edge_keys) - 1, 0))
    in_graph = edge_keys[pos] == keys if len(edge_keys) else np.zeros(len(keys), bool)
    keep = rules.allowed(rows, cols) & ~in_graph
    rows, cols = rows[keep], cols[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(np.int64)
    return Graph(n, rows, cols, indptr, np.zeros(0, np.int64)), n / per_row
