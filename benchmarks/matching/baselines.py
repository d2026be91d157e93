"""The two baselines the matcher must beat: whole-profile cosine (same embedder) and TF-IDF character n-grams.

TF-IDF is written with numpy only (no scikit-learn in the environment)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from missionmatch.matching.embedders import Embedder, normalise_rows
from missionmatch.matching.profile import Profile


def cross_side_mask(profiles: list[Profile]) -> np.ndarray:
    sides = np.array([p.side for p in profiles], dtype=object)
    return sides[:, None] != sides[None, :]


def whole_profile_scores(profiles: list[Profile], embedder: Embedder) -> np.ndarray:
    """Cosine between "offers needs" texts of whole profiles, across sides only."""
    vecs = embedder.embed([f"{p.offers} {p.needs}".strip() for p in profiles])
    sims = vecs @ vecs.T
    return np.where(cross_side_mask(profiles), sims, -np.inf)


def char_ngrams(text: str, n_min: int = 2, n_max: int = 4) -> Counter[str]:
    t = f" {' '.join(text.lower().split())} "
    return Counter(t[i : i + n] for n in range(n_min, n_max + 1) for i in range(len(t) - n + 1))


def tfidf_scores(profiles: list[Profile]) -> np.ndarray:
    """Cosine of TF-IDF character 2–4-gram vectors of whole profiles (sublinear tf, smoothed idf)."""
    grams = [char_ngrams(f"{p.offers} {p.needs}") for p in profiles]
    vocab: dict[str, int] = {}
    for g in grams:
        for key in g:
            vocab.setdefault(key, len(vocab))
    n = len(profiles)
    tf = np.zeros((n, len(vocab)), np.float32)
    for i, g in enumerate(grams):
        for key, count in g.items():
            tf[i, vocab[key]] = 1.0 + math.log(count)
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    vecs = normalise_rows(tf * idf)
    sims = vecs @ vecs.T
    return np.where(cross_side_mask(profiles), sims, -np.inf)
