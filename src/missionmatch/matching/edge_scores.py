"""Exact scores for candidate pairs only: the need → offer sentence maximum of one profile against a few
others, and dot products of per-profile vectors, over every edge of a graph (linear in the edges). Row by
row: a row's candidates are gathered once, so memory stays that of one row."""

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


def best_against(own: np.ndarray, units: UnitSet, profiles: np.ndarray) -> np.ndarray:
    """For each of `profiles`, the best cosine between one of the rows `own` (one profile's needs, or its
    offers) and one of that profile's units; NaN when either side has none (as in
    `directional.need_offer_matrix`)."""
    out = np.full(len(profiles), np.nan, dtype=np.float32)
    if not len(own) or not len(profiles):
        return out
    rows, seg = _unit_rows(units, profiles)
    if not len(rows):
        return out
    best = (units.vecs[rows] @ own.T).max(axis=1)  # this order: a matrix-vector product per own row
    nonempty = np.diff(seg) > 0
    out[nonempty] = np.maximum.reduceat(best, seg[:-1][nonempty])
    return out


def directional_for(needs: UnitSet, offers: UnitSet, asker: int, answerers: np.ndarray) -> np.ndarray:
    """D[asker, answerers]: how well each answerer's offers answer the asker's needs."""
    return best_against(needs.vecs[needs.starts[asker] : needs.starts[asker + 1]], offers, answerers)


def answered_by(needs: UnitSet, offers: UnitSet, askers: np.ndarray, answerer: int) -> np.ndarray:
    """D[askers, answerer]: how well one profile's offers answer each asker's needs."""
    return best_against(offers.vecs[offers.starts[answerer] : offers.starts[answerer + 1]], needs, askers)


def dots_on_edges(graph: Graph, vecs: np.ndarray) -> np.ndarray:
    """vecs[rows[e]] · vecs[cols[e]] for every edge (peer resemblance, shared sectors)."""
    out = np.zeros(len(graph.rows), dtype=np.float32)
    for i in np.flatnonzero(np.diff(graph.indptr) > 0):
        a, b = graph.indptr[i], graph.indptr[i + 1]
        out[a:b] = vecs[graph.cols[a:b]] @ vecs[i]
    return out
