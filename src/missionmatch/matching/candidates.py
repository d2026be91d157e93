"""Candidate generation for large missions: which profile pairs are worth scoring at all.

Every need sentence looks up its nearest offer sentences, and every offer sentence its nearest need
sentences, in a faiss index per side (only the sides the rules allow). The pairs found, in either direction,
are the candidates; the scorer then computes their exact scores. The reverse look-up matters: it finds the
profiles whose needs *I* answer, which the symmetric score and the hub correction's column maxima need.

An index holding at most `ann_exact_up_to` vectors is flat (exact search); a larger one is an inverted file
(IVF, `ann_nprobe` lists visited per query), which is where the approximation comes from.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import faiss
import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.units import EmbeddedProfiles, UnitSet

QUERY_CHUNK = 32_768  # query rows per faiss call: bounds the result buffers
TRAIN_PER_LIST = 40  # k-means training points per inverted list (faiss warns below 39)


@dataclass(frozen=True)
class Candidates:
    """Allowed pairs (asker, answerer) in row-major order, closed under transposition, with the best
    need → offer cosine the search saw for each (NaN where it saw none in that direction)."""

    rows: np.ndarray
    cols: np.ndarray
    best_seen: np.ndarray
    complete: bool  # every search was exact and exhaustive: these are all the pairs with a sentence match


def build_index(vecs: np.ndarray, config: MatchConfig) -> tuple[faiss.Index, bool]:
    """An inner-product index over unit rows; True when its search is exact."""
    dim = vecs.shape[1]
    if len(vecs) <= config.ann_exact_up_to:
        flat = faiss.IndexFlatIP(dim)
        flat.add(vecs)
        return flat, True
    # 2·√N lists: a query visiting `ann_nprobe` of them scans ~nprobe / (2·√N) of the vectors
    nlist = max(1, min(int(2 * math.sqrt(len(vecs))), len(vecs) // TRAIN_PER_LIST))
    index = faiss.index_factory(dim, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
    # a fixed seed keeps runs reproducible
    sample = np.random.default_rng(0).choice(len(vecs), min(len(vecs), TRAIN_PER_LIST * nlist), replace=False)
    index.train(vecs[np.sort(sample)])
    index.add(vecs)
    faiss.extract_index_ivf(index).nprobe = min(config.ann_nprobe, nlist)
    return index, False


def _groups(rules: PairRules) -> list[np.ndarray]:
    """Profiles that may be searched together: one group per side when matching across sides only."""
    if not rules.cross_sides_only:
        return [np.arange(len(rules.sides))]
    return [np.flatnonzero(rules.sides == s) for s in np.unique(rules.sides)]


def _units_of(units: UnitSet, members: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(units.starts) - 1, dtype=bool)
    mask[members] = True
    return np.flatnonzero(mask[units.owner()])


def _neighbours(
    queries: UnitSet, targets: UnitSet, groups: list[np.ndarray], rules: PairRules, config: MatchConfig
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, bool]]:
    """(query owner, target owner, cosine, exhaustive) for each query unit's nearest target units."""
    q_owner, t_owner = queries.owner(), targets.owner()
    for g, target_group in enumerate(groups):
        t_units = _units_of(targets, target_group)
        if not len(t_units):
            continue
        index, exact = build_index(np.ascontiguousarray(targets.vecs[t_units]), config)
        k = min(config.ann_neighbours, len(t_units))
        for h, query_group in enumerate(groups):
            if rules.cross_sides_only == (g == h):
                continue  # across sides only: a side never searches its own index
            q_units = _units_of(queries, query_group)
            for a in range(0, len(q_units), QUERY_CHUNK):
                chunk = q_units[a : a + QUERY_CHUNK]
                sims, found = index.search(np.ascontiguousarray(queries.vecs[chunk]), k)
                hit = found >= 0
                owners = np.repeat(q_owner[chunk], k).reshape(found.shape)
                yield owners[hit], t_owner[t_units[found[hit]]], sims[hit], exact and k == len(t_units)
        del index


def _best_per_key(keys: list[np.ndarray], sims: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and the largest cosine seen for each."""
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    k, s = np.concatenate(keys), np.concatenate(sims)
    order = np.argsort(k, kind="stable")
    k, s = k[order], s[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    return k[starts], np.maximum.reduceat(s, starts) if len(s) else s


def candidate_pairs(ep: EmbeddedProfiles, rules: PairRules, config: MatchConfig) -> Candidates:
    n = len(ep.profiles)
    groups = _groups(rules)
    keys: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    complete = True
    for asker, answerer, sim, exhaustive in _neighbours(ep.needs, ep.offers, groups, rules, config):
        keys.append(asker * n + answerer)
        sims.append(sim)
        complete &= exhaustive
    for answerer, asker, sim, exhaustive in _neighbours(ep.offers, ep.needs, groups, rules, config):
        keys.append(asker * n + answerer)
        sims.append(sim)
        complete &= exhaustive
    seen, best = _best_per_key(keys, sims)
    del keys, sims
    rows, cols = np.divmod(seen, n)
    both = np.unique(np.concatenate([seen, cols * n + rows]))
    rows, cols = np.divmod(both, n)
    # rules are symmetric; checking both orders keeps the set closed under transposition regardless
    ok = rules.allowed(rows, cols) & rules.allowed(cols, rows)
    both, rows, cols = both[ok], rows[ok], cols[ok]
    best_seen = np.full(len(both), np.nan, dtype=np.float32)
    pos = np.searchsorted(both, seen)
    hit = pos < len(both)
    hit[hit] = both[pos[hit]] == seen[hit]
    best_seen[pos[hit]] = best[hit]
    return Candidates(rows, cols, best_seen, complete)
