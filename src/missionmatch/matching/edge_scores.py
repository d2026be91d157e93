"""Exact scores of candidate pairs only: the need → offer sentence maximum, the peer resemblance and the
shared sector, computed row by row over each profile's candidates (linear in the number of edges)."""

from __future__ import annotations

import numpy as np

from missionmatch.matching.sparse_graph import Graph
from missionmatch.matching.units import UnitSet


def _unit_rows(units: UnitSet, profiles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The unit rows of `profiles`, concatenated, and the start of each profile's segment."""
    counts = np.diff(units.starts)[profiles]
    seg_starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    offsets = np.repeat(units.starts[profiles] - seg_starts[:-1], counts)
    return np.arange(seg_starts[-1], dtype=np.int64) + offsets, seg_starts


def directional_for(needs: UnitSet, offers: UnitSet, asker: int, answerers: np.ndarray) -> np.ndarray:
    """Best cosine between a need unit of `asker` and an offer unit of each answerer; NaN when either side
    has no units (as `directional.need_offer_matrix`)."""
    out = np.full(len(answerers), np.nan, dtype=np.float32)
    need_vecs = needs.vecs[needs.starts[asker] : needs.starts[asker + 1]]
    if not len(need_vecs) or not len(answerers):
        return out
    rows, seg = _unit_rows(offers, answerers)
    if not len(rows):
        return out
    best = (need_vecs @ offers.vecs[rows].T).max(axis=0)
    nonempty = np.diff(seg) > 0
    out[nonempty] = np.maximum.reduceat(best, seg[:-1][nonempty])
    return out


def directional_on_edges(graph: Graph, needs: UnitSet, offers: UnitSet) -> np.ndarray:
    """D[e] = directional score of edge e (its row asks, its column answers)."""
    out = np.full(len(graph.rows), np.nan, dtype=np.float32)
    for p in np.flatnonzero(np.diff(graph.indptr)):
        a, b = graph.indptr[p], graph.indptr[p + 1]
        out[a:b] = directional_for(needs, offers, int(p), graph.cols[a:b])
    return out


def row_dots(graph: Graph, vecs: np.ndarray) -> np.ndarray:
    """vecs[row] · vecs[col] for every edge (peer resemblance, shared sectors)."""
    out = np.zeros(len(graph.rows), dtype=np.float32)
    for p in np.flatnonzero(np.diff(graph.indptr)):
        a, b = graph.indptr[p], graph.indptr[p + 1]
        out[a:b] = vecs[graph.cols[a:b]] @ vecs[p]
    return out
