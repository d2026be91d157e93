"""Experimental "who sells, who buys" weighting (issue 13), measured in transfer.py and not adopted.

A need such as "European customers." or "We are looking for a distributor." says that the profile sells; its
need → offer direction carries little signal (every offer is a customer of sorts), so the pair should be
judged by the other direction, the partner's need answered by this profile's offer. Each profile gets a
seller score, the best cosine of its need sentences to a few general "we look for customers / distributors"
sentences in fr/en/de/ja; the two directions are averaged with weights 1 − alpha · clip((seller − lo) /
(hi − lo)). Nothing here is keyed to a sector or a dev set's wording.
"""

from __future__ import annotations

import numpy as np

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.embedders import Embedder
from missionmatch.matching.normalise import hub_correct, sinkhorn_log
from missionmatch.matching.recommender import _directional, peer_matrix
from missionmatch.matching.term_evidence import add_shared_terms, term_vectors
from missionmatch.matching.units import EmbeddedProfiles

SELLER_NEEDS = (
    "We are looking for customers.",
    "We want to sell our products in Europe.",
    "We are looking for a distributor.",
    "Nous cherchons des clients.",
    "Nous cherchons un distributeur pour vendre nos produits.",
    "Wir suchen Kunden und Vertriebspartner.",
    "顧客を探しています。",
    "当社の製品を販売してくれる代理店を探しています。",
)


def seller_scores(ep: EmbeddedProfiles, embedder: Embedder) -> np.ndarray:
    """Per profile, the best cosine of a need unit to the seller sentences (0 without needs)."""
    sims = ep.needs.vecs @ embedder.embed(list(SELLER_NEEDS)).T
    out = np.zeros(len(ep.profiles), np.float32)
    if len(sims):
        np.maximum.at(out, ep.needs.owner(), sims.max(axis=1))
    return out


def weighted_scores(
    ep: EmbeddedProfiles,
    allowed: np.ndarray,
    config: MatchConfig,
    seller: np.ndarray,
    alpha: float,
    band: tuple[float, float],
) -> np.ndarray:
    """recommender.score_matrix with the seller-weighted mean of the two directions (sector hint off, shared
    terms as configured)."""
    c = hub_correct(_directional(ep, allowed), allowed, config.hub_k)
    observed = c[allowed & ~np.isnan(c)]
    fill = float(np.quantile(observed, config.missing_quantile)) if observed.size else 0.0
    d = np.where(np.isnan(c), fill, c)
    lo, hi = band
    w = 1.0 - alpha * np.clip((seller - lo) / (hi - lo), 0.0, 1.0)
    score = (w[:, None] * d + w[None, :] * d.T) / (w[:, None] + w[None, :])
    score = score - config.peer_weight * peer_matrix(ep, allowed)
    if config.term_weight:
        terms = term_vectors(ep.profiles, config.term_stem, config.term_max_df)
        add_shared_terms(score, terms, config.term_weight)
    if config.temperature > 0:
        return sinkhorn_log(score, allowed, config.temperature, config.sinkhorn_iters)
    return np.where(allowed, score, -np.inf).astype(np.float32)
