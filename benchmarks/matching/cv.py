"""Leave-one-sector-out cross-validation of the matcher's few weights and of the embedder choice.

For each sector S that has queries: pick the configuration with the best MRR (then top-1) on the queries
of all other sectors, and score it on the queries of S. The held-out scores, pooled over all sectors,
estimate how the matcher does on a sector it was never tuned on. The embedder is chosen the same way
(nested: per embedder, the other weights are selected inside each fold), so nothing is picked on the
held-out sector's answers. Selection uses labels only; every configuration sees all profiles as candidates
(that part is unsupervised).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from common import metrics, rank_lists

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.recommender import score_matrix
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.units import EmbeddedProfiles

GRID = {
    "hub_k": [0, 1, 3, 10],
    "sector_weight": [0.0, 0.02, 0.05],
    "peer_weight": [0.0, 0.05, 0.1, 0.2],
    "temperature": [0.0, 0.01, 0.02, 0.05],
}


@dataclass(frozen=True)
class FoldResult:
    sector: str
    queries: int
    chosen: MatchConfig
    held_out: dict[str, float]


def grid_configs(base: MatchConfig) -> list[MatchConfig]:
    keys = list(GRID)
    return [
        replace(base, **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*(GRID[k] for k in keys))
    ]


def all_rankings(ep: EmbeddedProfiles, configs: list[MatchConfig]) -> list[dict[str, list[str]]]:
    ids = [p.id for p in ep.profiles]
    allowed = allowed_matrix(ep.profiles, configs[0])
    return [rank_lists(score_matrix(ep, allowed, c), ids) for c in configs]


def leave_one_sector_out(
    rankings: list[dict[str, list[str]]],
    configs: list[MatchConfig],
    relevant: dict[str, list[str]],
    sector_of: dict[str, str],
) -> list[FoldResult]:
    queries = list(relevant)
    sectors = sorted({sector_of[q] for q in queries})
    folds = []
    for s in sectors:
        train = [q for q in queries if sector_of[q] != s]
        test = [q for q in queries if sector_of[q] == s]
        train_scores = [metrics(r, relevant, train) for r in rankings]
        best = max(range(len(configs)), key=lambda i: (train_scores[i]["mrr"], train_scores[i]["top1"], -i))
        folds.append(FoldResult(s, len(test), configs[best], metrics(rankings[best], relevant, test)))
    return folds


def pooled(folds: list[FoldResult]) -> dict[str, float]:
    n = sum(f.queries for f in folds)
    return {k: sum(f.held_out[k] * f.queries for f in folds) / n for k in ("top1", "mrr", "recall5")}


def most_chosen(folds: list[FoldResult]) -> tuple[MatchConfig, int]:
    counts = Counter(folds_key(f.chosen) for f in folds)
    key, count = counts.most_common(1)[0]
    return next(f.chosen for f in folds if folds_key(f.chosen) == key), count


def folds_key(c: MatchConfig) -> tuple[float, ...]:
    return tuple(float(getattr(c, k)) for k in GRID)


def describe(c: MatchConfig) -> str:
    return ", ".join(f"{k}={getattr(c, k)}" for k in GRID)


def as_array(folds: list[FoldResult]) -> np.ndarray:
    return np.array([[f.held_out["top1"], f.held_out["mrr"]] for f in folds])
