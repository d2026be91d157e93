"""The matcher's scores for large missions, on a sparse candidate graph instead of dense n × n matrices.

Same steps as `recommender.score_matrix` (directional sentence matches, hub correction, both directions,
sector hint, peer penalty, Sinkhorn balancing), on the candidate pairs that the nearest-neighbour search
finds (`candidates.py`). Every edge gets its exact score in both directions before the balancing: the
balancing of T = 0.02 is sharp, and a direction filled with a guess there (the median) shifts a column's
factor for every row (docs/benchmarks-matching.md). When the search is exhaustive (flat index, enough
neighbours) the edges are all the pairs with a sentence match and the scores equal the dense ones.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from missionmatch.matching.candidates import candidate_pairs
from missionmatch.matching.config import MatchConfig
from missionmatch.matching.edge_scores import directional_for, dots_on_edges
from missionmatch.matching.outside_mass import sample_outside
from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.profile_vectors import peer_vectors, sector_onehot
from missionmatch.matching.shards import LocalRunner, Runner, score_graph
from missionmatch.matching.sparse_graph import Graph, row_log_norm, row_topk_mean, sinkhorn_log_sparse
from missionmatch.matching.units import EmbeddedProfiles

log = logging.getLogger(__name__)
SAMPLE_ROWS, SAMPLE_COLS = 1000, 200  # random pairs for the median of a partial graph
MAX_OBSERVED = 1_000_000  # as the dense path: a strided sample estimates the quantile well enough


@dataclass(frozen=True)
class SparseScores:
    graph: Graph
    scores: np.ndarray  # per edge, higher is better
    log_norm: np.ndarray  # per row: log Σ exp(score) over its edges


def _sampled_directional(
    ep: EmbeddedProfiles, rules: PairRules, row_stat: np.ndarray, col_stat: np.ndarray
) -> np.ndarray:
    """Hub-corrected directional scores of random allowed pairs: the median over all allowed pairs, which
    the candidate graph (biased towards good pairs) cannot give."""
    n = len(ep.profiles)
    rng = np.random.default_rng(0)
    out = []
    for i in rng.choice(n, min(n, SAMPLE_ROWS), replace=False):
        cols = np.unique(rng.integers(0, n, SAMPLE_COLS))
        cols = cols[rules.allowed(np.full(len(cols), i), cols)]
        d = directional_for(ep.needs, ep.offers, int(i), cols)
        out.append(d - 0.5 * row_stat[i] - 0.5 * col_stat[cols])
    values = np.concatenate(out) if out else np.zeros(0, np.float32)
    return values[~np.isnan(values)]


def sparse_scores(
    ep: EmbeddedProfiles, rules: PairRules, config: MatchConfig, runner: Runner | None = None
) -> SparseScores:
    """Scores of every candidate edge; `runner` runs the search and the edge scores in shards."""
    runner = runner or LocalRunner()
    n = len(ep.profiles)
    start = time.process_time()
    found = candidate_pairs(ep, rules, config, runner)
    graph = Graph.from_pairs(n, found.rows, found.cols)
    log.info("candidates: %d edges, %.0f CPU s", len(graph.rows), time.process_time() - start)
    peer = peer_vectors(ep)
    d, _, peer_dots = score_graph(ep, peer, graph, runner)
    log.info("edge scores: %.0f CPU s", time.process_time() - start)
    row_stat = col_stat = np.zeros(n, np.float32)
    if config.hub_k > 0:
        row_stat = row_topk_mean(graph, d, config.hub_k)
        col_stat = row_topk_mean(graph, d[graph.transpose], config.hub_k)  # column j = transposed row j
        d = d - 0.5 * row_stat[graph.rows] - 0.5 * col_stat[graph.cols]
    if found.complete:
        observed = d[~np.isnan(d)]  # row-major, as the dense path reads its matrix
        if observed.size > MAX_OBSERVED:
            observed = observed[:: observed.size // MAX_OBSERVED]
    else:
        with threadpool_limits(1, user_api="blas"):  # small products, as in `score_rows`
            observed = _sampled_directional(ep, rules, row_stat, col_stat)
    fill = float(np.quantile(observed, config.missing_quantile)) if observed.size else 0.0
    d = np.where(np.isnan(d), np.float32(fill), d).astype(np.float32)
    score = 0.5 * (d + d[graph.transpose])
    del d
    sectors = sector_onehot(ep.profiles)
    if config.sector_weight:
        score += config.sector_weight * (dots_on_edges(graph, sectors) > 0)
    if config.peer_weight:
        score -= config.peer_weight * peer_dots
    if config.temperature > 0:
        outside = None
        if not found.complete and config.balance_samples > 0:
            outside = _outside(ep, rules, config, runner, graph, peer, sectors, (row_stat, col_stat, fill))
        log.info("left-out mass sampled: %.0f CPU s", time.process_time() - start)
        score = sinkhorn_log_sparse(graph, score, config.temperature, config.sinkhorn_iters, outside)
    score = score.astype(np.float32)
    return SparseScores(graph, score, row_log_norm(graph, score))


def _outside(
    ep: EmbeddedProfiles,
    rules: PairRules,
    config: MatchConfig,
    runner: Runner,
    graph: Graph,
    peer: np.ndarray,
    sectors: np.ndarray,
    stats: tuple[np.ndarray, np.ndarray, float],
) -> tuple[Graph, np.ndarray, float]:
    """Random pairs outside the graph with the same scores as its edges (`outside_mass.py`)."""
    row_stat, col_stat, fill = stats
    pairs, weight = sample_outside(graph, rules, config.balance_samples)
    forward, backward, peer_dots = score_graph(ep, peer, pairs, runner, both_ways=True)
    r, c = pairs.rows, pairs.cols
    forward = forward - 0.5 * row_stat[r] - 0.5 * col_stat[c]
    backward = backward - 0.5 * row_stat[c] - 0.5 * col_stat[r]
    score = 0.5 * (np.where(np.isnan(forward), fill, forward) + np.where(np.isnan(backward), fill, backward))
    if config.sector_weight:
        score += config.sector_weight * (dots_on_edges(pairs, sectors) > 0)
    score -= config.peer_weight * peer_dots
    return pairs, score.astype(np.float32), weight
