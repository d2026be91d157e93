"""Per-profile summary vectors shared by the dense and the sparse scorer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from missionmatch.matching.embedders import normalise_rows
from missionmatch.matching.profile import Profile
from missionmatch.matching.units import EmbeddedProfiles, UnitSet


def mean_vectors(units: UnitSet, n: int) -> np.ndarray:
    """One unit vector per profile summarising a field (zeros when the field is empty)."""
    out = np.zeros((n, units.vecs.shape[1]), np.float32)
    owner = units.owner()
    if len(owner):
        np.add.at(out, owner, units.vecs)
    has = units.has_units()
    out[has] = normalise_rows(out[has])
    return out


def peer_vectors(ep: EmbeddedProfiles) -> np.ndarray:
    """Rows whose dot product is the mean of need↔need and offer↔offer cosine of two profiles."""
    n = len(ep.profiles)
    both = np.hstack([mean_vectors(ep.needs, n), mean_vectors(ep.offers, n)])
    both *= np.float32(np.sqrt(0.5))
    return both


def sector_onehot(profiles: Sequence[Profile]) -> np.ndarray:
    """One column per sector code: two rows share a sector when their dot product is positive."""
    codes = sorted({s for p in profiles for s in p.sectors})
    col = {c: k for k, c in enumerate(codes)}
    onehot = np.zeros((len(profiles), max(len(codes), 1)), np.float32)
    for i, p in enumerate(profiles):
        for s in p.sectors:
            onehot[i, col[s]] = 1.0
    return onehot
