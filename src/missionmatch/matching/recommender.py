"""The matcher's entry point: a list of profiles in, ranked recommendations with reasons and suggested
meetings out. Pure: no database, no files (the caller passes an embedder, cached or not)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.directional import need_offer_matrix
from missionmatch.matching.diversity import SHORTLIST_MARGIN, diverse_top_k
from missionmatch.matching.embedders import Embedder, make_embedder
from missionmatch.matching.normalise import hub_correct, sinkhorn_log, symmetric_score
from missionmatch.matching.pair_rules import pair_rules
from missionmatch.matching.pairs import mutual_pairs
from missionmatch.matching.profile import MatchResult, Profile, Recommendation
from missionmatch.matching.profile_vectors import mean_vectors, peer_vectors, sector_onehot
from missionmatch.matching.quality import floor_for, holds_up
from missionmatch.matching.reasons import explain
from missionmatch.matching.recommender_sparse import exact_scores, sparse_scores
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.term_evidence import add_shared_terms, term_vectors
from missionmatch.matching.units import EmbeddedProfiles, embed_profiles


def sector_matrix(profiles: Sequence[Profile]) -> np.ndarray:
    """1 where two profiles share at least one sector."""
    onehot = sector_onehot(profiles)
    return (onehot @ onehot.T > 0).astype(np.float32)


def _directional(ep: EmbeddedProfiles, allowed: np.ndarray) -> np.ndarray:
    """need_offer_matrix over all profiles, skipping blocks the rules forbid entirely (with two sides and
    cross-side matching, half of the sentence products are never needed)."""
    n = len(ep.profiles)
    out = np.full((n, n), np.nan, dtype=np.float32)
    sides = np.array([p.side for p in ep.profiles], dtype=object)
    for side in dict.fromkeys(sides.tolist()):
        rows = np.flatnonzero(sides == side)
        cols = np.flatnonzero(allowed[rows].any(axis=0))
        if len(cols):
            out[np.ix_(rows, cols)] = need_offer_matrix(ep.needs, ep.offers, rows, cols)
    return out


def peer_matrix(ep: EmbeddedProfiles, allowed: np.ndarray) -> np.ndarray:
    """Mean of need↔need and offer↔offer cosine of the profiles' average sentence vectors (0 where a field
    is empty), on the blocks the rules allow: high for two companies asking for and selling the same
    things."""
    n = len(ep.profiles)
    both = peer_vectors(ep)
    out = np.zeros((n, n), dtype=np.float32)
    sides = np.array([p.side for p in ep.profiles], dtype=object)
    groups = [np.flatnonzero(sides == side) for side in dict.fromkeys(sides.tolist())]
    # symmetric: compute each pair of sides once and mirror it
    for a, rows in enumerate(groups):
        for cols in groups[a:]:
            if allowed[np.ix_(rows, cols)].any():
                block = both[rows] @ both[cols].T
                out[np.ix_(rows, cols)] = block
                out[np.ix_(cols, rows)] = block.T
    return out


def score_matrix(ep: EmbeddedProfiles, allowed: np.ndarray, config: MatchConfig) -> np.ndarray:
    """Final ranking scores (higher is better, -inf where not allowed): directional sentence matches, hub
    correction, both directions, sector hint, shared terms, then mutual balancing."""
    directional = _directional(ep, allowed)
    corrected = hub_correct(directional, allowed, config.hub_k)
    score = symmetric_score(corrected, allowed, config.missing_quantile)
    if config.sector_weight:
        score = score + config.sector_weight * sector_matrix(ep.profiles)
    if config.peer_weight:
        score = score - config.peer_weight * peer_matrix(ep, allowed)
    if config.term_weight:
        # before the balancing, so that a term many profiles share cannot make a hub
        terms = term_vectors(ep.profiles, config.term_stem, config.term_max_df)
        add_shared_terms(score, terms, config.term_weight)
    if config.temperature > 0:
        return sinkhorn_log(score, allowed, config.temperature, config.sinkhorn_iters)
    return np.where(allowed, score, -np.inf).astype(np.float32)


def _row_probabilities(scores: np.ndarray) -> np.ndarray:
    """Softmax of each row over its allowed cells: the share of a profile's interest each candidate gets."""
    finite = np.isfinite(scores)
    m = np.max(np.where(finite, scores, -np.inf), axis=1, keepdims=True)
    m[~np.isfinite(m)] = 0.0
    e = np.where(finite, np.exp(np.where(finite, scores, 0.0) - m), 0.0)
    return e / np.maximum(e.sum(axis=1, keepdims=True), 1e-30)


Ranking = tuple[dict[int, list[int]], Callable[[int, int], float]]


def _dense_ranking(
    ep: EmbeddedProfiles, config: MatchConfig, excluded: Iterable[tuple[str, str]], depth: int
) -> Ranking:
    """Every profile's best `depth` candidates from the full n × n scores, and the pair probabilities."""
    allowed = allowed_matrix(ep.profiles, config, excluded)
    scores = score_matrix(ep, allowed, config)
    prob = _row_probabilities(scores)
    offer_vecs = mean_vectors(ep.offers, len(ep.profiles))  # what each candidate offers, for diversity
    ranked = {
        i: diverse_top_k(scores[i], offer_vecs, depth, config.diversity, config.diversity_threshold)
        for i in range(len(ep.profiles))
    }
    return ranked, lambda i, j: float(prob[i, j])


def _sparse_ranking(
    ep: EmbeddedProfiles, config: MatchConfig, excluded: Iterable[tuple[str, str]], depth: int
) -> Ranking:
    """The same from the candidate graph only: memory linear in the number of profiles. Each row's
    shortlist is rescored exactly when the graph's scores are approximate."""
    ss = sparse_scores(ep, pair_rules(ep.profiles, config, excluded), config)
    graph = ss.graph
    offer_vecs = mean_vectors(ep.offers, len(ep.profiles))
    ranked: dict[int, list[int]] = {}
    keys: list[int] = []
    probs: list[float] = []
    shortlist = depth + SHORTLIST_MARGIN if ss.complete else max(depth + SHORTLIST_MARGIN, config.ann_rescore)
    for i in range(len(ep.profiles)):
        row = ss.scores[graph.indptr[i] : graph.indptr[i + 1]]
        cols = graph.cols[graph.indptr[i] : graph.indptr[i + 1]]
        if len(row) > shortlist:  # diverse_top_k looks at the top only: copy no other candidate
            keep = np.sort(np.argpartition(-row, shortlist - 1)[:shortlist])
            row, cols = row[keep], cols[keep]
        if not ss.complete:
            row = exact_scores(ep, ss, config, i, cols)
        local = diverse_top_k(row, offer_vecs[cols], depth, config.diversity, config.diversity_threshold)
        ranked[i] = [int(cols[c]) for c in local]
        keys.extend(i * graph.n + j for j in ranked[i])
        probs.extend(np.exp(row[local] - ss.log_norm[i]).tolist())
    order = np.argsort(np.array(keys, dtype=np.int64))
    sorted_keys, sorted_probs = np.array(keys, dtype=np.int64)[order], np.array(probs)[order]

    def pair_prob(i: int, j: int) -> float:
        return float(sorted_probs[np.searchsorted(sorted_keys, i * graph.n + j)])

    return ranked, pair_prob


def recommend(
    profiles: Sequence[Profile],
    embedder: Embedder | None = None,
    config: MatchConfig | None = None,
    excluded: Iterable[tuple[str, str]] = (),
    queries: Iterable[str] | None = None,
    with_reasons: bool = True,
) -> MatchResult:
    """Ranked recommendations for every profile (or only `queries`), each with its reasons, plus suggested
    mutual meetings.

    `excluded` holds (id, id) pairs already met or declined (either order). `embedder` defaults to the bundled
    default without a cache; pass a `CachedEmbedder`-backed one to re-embed only changed text.
    """
    config = config or MatchConfig()
    ids = [p.id for p in profiles]
    if len(set(ids)) != len(ids):
        raise ValueError("profile ids must be unique")
    if not profiles:
        return MatchResult()
    embedder = embedder or make_embedder()
    ep = embed_profiles(profiles, embedder)
    # pairs need every profile's list, so rank everyone at least `pair_rank` deep
    depth = max(config.top_k, config.pair_rank)
    sparse = config.sparse_from is not None and len(profiles) >= config.sparse_from
    ranked, prob = (_sparse_ranking if sparse else _dense_ranking)(ep, config, excluded, depth)
    index = {pid: i for i, pid in enumerate(ids)}
    rows = range(len(profiles)) if queries is None else [index[q] for q in queries]
    result = MatchResult()
    floor = floor_for(config, embedder.name)
    for i in rows:
        recs = []
        for j in ranked[i][: config.top_k]:
            reasons = explain(ep, i, j, config) if with_reasons else None
            if reasons is not None and floor is not None and not holds_up(reasons, floor):
                continue  # a filler: nothing in the two profiles connects them
            recs.append(Recommendation(candidate=ids[j], score=prob(i, j), reasons=reasons))
        result.recommendations[ids[i]] = recs
    pairs = mutual_pairs(ids, ranked, prob, config.pair_rank)
    # a suggested meeting obeys the lists' floor: the scheduler places it from the listed recommendations,
    # and a pair nothing in the profiles connects is a filler meeting (with reasons or not, for the pairs)
    if floor is not None:
        pairs = [p for p in pairs if holds_up(explain(ep, index[p.a], index[p.b], config), floor)]
    result.pairs = pairs
    return result
