"""The matcher's scores for large missions, on a sparse candidate graph instead of dense n × n matrices.

Same steps as `recommender.score_matrix` (directional sentence matches, hub correction, both directions,
sector hint, peer penalty, Sinkhorn balancing), on the candidate pairs that the nearest-neighbour search
finds (`candidates.py`), with the cosines the search saw. When the search is exhaustive (flat index, enough
neighbours) these are all the pairs with a sentence match and the scores equal the dense ones. Otherwise a
direction the search did not see counts as a median match and the peer penalty uses low-rank vectors, for
the balancing only: each profile's shortlist is then rescored exactly (`exact_scores`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from missionmatch.matching.candidates import candidate_pairs
from missionmatch.matching.config import MatchConfig
from missionmatch.matching.edge_scores import answered_by, directional_for, edge_dots, low_rank
from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.profile_vectors import peer_vectors, sector_onehot
from missionmatch.matching.sparse_graph import Graph, row_log_norm, row_topk_mean, sinkhorn_log_sparse
from missionmatch.matching.units import EmbeddedProfiles

SAMPLE_ROWS, SAMPLE_COLS = 1000, 200  # random pairs for the median of a partial graph
MAX_OBSERVED = 1_000_000  # as the dense path: a strided sample estimates the quantile well enough
PEER_RANK = 64  # dimensions of the peer vectors used for the balancing of a partial graph


@dataclass(frozen=True)
class SparseScores:
    graph: Graph
    scores: np.ndarray  # per edge, higher is better
    complete: bool  # exhaustive search: `scores` are exact
    row_stat: np.ndarray  # hub correction terms (0 without it)
    col_stat: np.ndarray
    fill: float  # score of a missing direction
    row_offset: np.ndarray  # balancing: score / T + row_offset[i] + col_offset[j]
    col_offset: np.ndarray
    log_norm: np.ndarray  # per row: log Σ exp(score) over its edges
    peer: np.ndarray  # exact peer vectors, for rescoring
    sectors: np.ndarray


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


def sparse_scores(ep: EmbeddedProfiles, rules: PairRules, config: MatchConfig) -> SparseScores:
    n = len(ep.profiles)
    found = candidate_pairs(ep, rules, config)
    graph = Graph.from_pairs(n, found.rows, found.cols)
    d = found.best_seen
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
        observed = _sampled_directional(ep, rules, row_stat, col_stat)
    fill = float(np.quantile(observed, config.missing_quantile)) if observed.size else 0.0
    d = np.where(np.isnan(d), np.float32(fill), d).astype(np.float32)
    score = 0.5 * (d + d[graph.transpose])
    del d
    sectors = sector_onehot(ep.profiles)
    if config.sector_weight:
        score += config.sector_weight * (edge_dots(graph, sectors) > 0)
    peer = peer_vectors(ep)
    if config.peer_weight:
        score -= config.peer_weight * edge_dots(graph, peer if found.complete else low_rank(peer, PEER_RANK))
    row_offset = col_offset = np.zeros(n, np.float32)
    if config.temperature > 0:
        score, row_offset, col_offset = sinkhorn_log_sparse(
            graph, score, config.temperature, config.sinkhorn_iters
        )
    score = score.astype(np.float32)
    return SparseScores(
        graph,
        score,
        found.complete,
        row_stat,
        col_stat,
        fill,
        row_offset,
        col_offset,
        row_log_norm(graph, score),
        peer,
        sectors,
    )


def exact_scores(
    ep: EmbeddedProfiles, ss: SparseScores, config: MatchConfig, i: int, cols: np.ndarray
) -> np.ndarray:
    """Final scores of (i, cols) from the exact sentence maxima and peer vectors, with the balancing of the
    graph: what the dense path would give if the balancing were the same."""
    out = directional_for(ep.needs, ep.offers, i, cols)
    back = answered_by(ep.needs, ep.offers, cols, i)
    out = out - 0.5 * ss.row_stat[i] - 0.5 * ss.col_stat[cols]
    back = back - 0.5 * ss.row_stat[cols] - 0.5 * ss.col_stat[i]
    fill = np.float32(ss.fill)
    score = 0.5 * (np.where(np.isnan(out), fill, out) + np.where(np.isnan(back), fill, back))
    if config.sector_weight:
        score += config.sector_weight * (ss.sectors[cols] @ ss.sectors[i] > 0)
    if config.peer_weight:
        score -= config.peer_weight * (ss.peer[cols] @ ss.peer[i])
    if config.temperature > 0:
        score = score / np.float32(config.temperature) + ss.row_offset[i] + ss.col_offset[cols]
    return score.astype(np.float32)
