"""The matcher's scores for large missions, on a sparse candidate graph instead of dense n × n matrices.

Same steps as `recommender.score_matrix` (directional sentence matches, hub correction, both directions,
sector hint, peer penalty, Sinkhorn balancing), restricted to the candidate pairs that the nearest-neighbour
search finds (`candidates.py`). When the search is exhaustive (flat index, enough neighbours) the candidates
are all the pairs with a sentence match and the scores equal the dense ones; past that, the pairs left out
are those no sentence of either profile brings close, whose balanced scores are negligible.
"""

from __future__ import annotations

import numpy as np

from missionmatch.matching.candidates import candidate_pairs
from missionmatch.matching.config import MatchConfig
from missionmatch.matching.edge_scores import directional_for, directional_on_edges, row_dots
from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.profile_vectors import peer_vectors, sector_onehot
from missionmatch.matching.sparse_graph import Graph, row_topk_mean, sinkhorn_log_sparse
from missionmatch.matching.units import EmbeddedProfiles

SAMPLE_ROWS, SAMPLE_COLS = 1000, 200  # random pairs for the median of a partial graph
MAX_OBSERVED = 1_000_000  # as the dense path: a strided sample estimates the quantile well enough


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


def sparse_scores(ep: EmbeddedProfiles, rules: PairRules, config: MatchConfig) -> tuple[Graph, np.ndarray]:
    """The candidate graph and each edge's final ranking score (higher is better)."""
    n = len(ep.profiles)
    found = candidate_pairs(ep, rules, config)
    graph = Graph.from_pairs(n, found.rows, found.cols)
    d = directional_on_edges(graph, ep.needs, ep.offers)
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
    if config.sector_weight:
        score += config.sector_weight * (row_dots(graph, sector_onehot(ep.profiles)) > 0)
    if config.peer_weight:
        score -= config.peer_weight * row_dots(graph, peer_vectors(ep))
    if config.temperature > 0:
        return graph, sinkhorn_log_sparse(graph, score, config.temperature, config.sinkhorn_iters)
    return graph, score.astype(np.float32)
