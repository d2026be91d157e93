"""Diversity in a top-k list (MMR-like), so that ten suppliers of the same thing do not fill the list.

Only near-duplicates are penalised (offer similarity above a threshold), and the penalty is expressed in the
spread of the query's own scores, so the first recommendation is never changed and genuinely different
candidates keep their order.
"""

from __future__ import annotations

import numpy as np

SHORTLIST_MARGIN = 10  # diversity only reorders near the top: it looks this far past the k asked for


def diverse_top_k(
    scores: np.ndarray, candidate_vecs: np.ndarray, k: int, strength: float, threshold: float
) -> list[int]:
    """Indices into `scores` (finite = eligible), best first. `candidate_vecs` are unit rows describing what
    each candidate offers; strength 0 gives the plain ranking."""
    eligible = np.flatnonzero(np.isfinite(scores))
    if not len(eligible) or k <= 0:
        return []
    # pre-select a shortlist: diversity only reorders near the top
    size = k + SHORTLIST_MARGIN
    part = eligible
    if len(eligible) > size:
        part = eligible[np.argpartition(-scores[eligible], size - 1)[:size]]
    short = part[np.lexsort((part, -scores[part]))]  # best first, ties by index: deterministic
    if strength <= 0 or len(short) <= 1:
        return [int(i) for i in short[:k]]
    base = scores[short].astype(np.float64)
    spread = float(np.std(base)) or 1.0
    vecs = candidate_vecs[short]
    redundancy = np.zeros(len(short))
    chosen: list[int] = []
    remaining = np.ones(len(short), dtype=bool)
    for _ in range(min(k, len(short))):
        value = np.where(remaining, base - strength * spread * redundancy, -np.inf)
        pick = int(np.argmax(value))
        chosen.append(pick)
        remaining[pick] = False
        # einsum, not BLAS: for tiny products BLAS thread wake-ups cost more than the arithmetic
        sims = np.einsum("ij,j->i", vecs, vecs[pick])
        excess = np.clip((sims - threshold) / max(1.0 - threshold, 1e-6), 0.0, None)
        redundancy = np.maximum(redundancy, excess)
    return [int(short[c]) for c in chosen]
