"""Candidate generation for large missions: which profile pairs are worth scoring at all.

Every need sentence looks up its nearest offer sentences, and every offer sentence its nearest need
sentences, in a faiss index per side (only the sides the rules allow). The pairs found, in either direction,
are the candidates; the scorer then computes their exact scores. The reverse look-up matters: it finds the
profiles whose needs *I* answer, which the symmetric score and the hub correction's column maxima need.

Indexes: `indexes.py`; each side's sentences may be cut into shards with an index each (`shards.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.pair_rules import PairRules
from missionmatch.matching.shards import LocalRunner, Runner, search_sharded
from missionmatch.matching.units import EmbeddedProfiles, UnitSet


@dataclass(frozen=True)
class Candidates:
    """Allowed pairs (asker, answerer) in row-major order, closed under transposition, with the best
    need → offer cosine the search saw for each (NaN where it saw none in that direction)."""

    rows: np.ndarray
    cols: np.ndarray
    best_seen: np.ndarray
    complete: bool  # every search was exact and exhaustive: these are all the pairs with a sentence match


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
    queries: UnitSet,
    targets: UnitSet,
    groups: list[np.ndarray],
    rules: PairRules,
    config: MatchConfig,
    runner: Runner,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, bool]]:
    """(query owner, target owner, cosine, exhaustive) for each query unit's nearest target units."""
    q_owner, t_owner = queries.owner(), targets.owner()
    for g, target_group in enumerate(groups):
        t_units = _units_of(targets, target_group)
        # across sides only: a side never searches its own index
        searching = [h for h in range(len(groups)) if rules.cross_sides_only != (g == h)]
        q_units = np.concatenate(
            [_units_of(queries, groups[h]) for h in searching] or [np.zeros(0, np.int64)]
        )
        if not len(t_units) or not len(q_units):
            continue
        k = min(config.ann_neighbours, len(t_units))
        sims, found, exhaustive = search_sharded(
            targets.vecs, t_units, queries.vecs, q_units, k, config, runner
        )
        hit = found >= 0
        owners = np.repeat(q_owner[q_units], found.shape[1]).reshape(found.shape)
        yield owners[hit], t_owner[found[hit]], sims[hit], exhaustive


def _best_per_key(keys: list[np.ndarray], sims: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and the largest cosine seen for each."""
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    k, s = np.concatenate(keys), np.concatenate(sims)
    order = np.argsort(k, kind="stable")
    k, s = k[order], s[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    return k[starts], np.maximum.reduceat(s, starts) if len(s) else s


def candidate_pairs(
    ep: EmbeddedProfiles, rules: PairRules, config: MatchConfig, runner: Runner | None = None
) -> Candidates:
    runner = runner or LocalRunner()
    n = len(ep.profiles)
    groups = _groups(rules)
    keys: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    complete = True
    for asker, answerer, sim, exhaustive in _neighbours(ep.needs, ep.offers, groups, rules, config, runner):
        keys.append(asker * n + answerer)
        sims.append(sim)
        complete &= exhaustive
    for answerer, asker, sim, exhaustive in _neighbours(ep.offers, ep.needs, groups, rules, config, runner):
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
