"""Exact scores for candidate pairs only: the need → offer sentence maximum of one profile against a few
others, and dot products of per-profile vectors over the edges of a graph (linear in the edges)."""

from __future__ import annotations

import numpy as np

from missionmatch.matching.sparse_graph import Graph
from missionmatch.matching.units import UnitSet

EDGE_CHUNK_FLOATS = 1 << 23  # bounds the gathered rows of one `edge_dots` step (32 MiB each side)


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
    best = (own @ units.vecs[rows].T).max(axis=0)
    nonempty = np.diff(seg) > 0
    out[nonempty] = np.maximum.reduceat(best, seg[:-1][nonempty])
    return out


def directional_for(needs: UnitSet, offers: UnitSet, asker: int, answerers: np.ndarray) -> np.ndarray:
    """D[asker, answerers]: how well each answerer's offers answer the asker's needs."""
    return best_against(needs.vecs[needs.starts[asker] : needs.starts[asker + 1]], offers, answerers)


def answered_by(needs: UnitSet, offers: UnitSet, askers: np.ndarray, answerer: int) -> np.ndarray:
    """D[askers, answerer]: how well one profile's offers answer each asker's needs."""
    return best_against(offers.vecs[offers.starts[answerer] : offers.starts[answerer + 1]], needs, askers)


def edge_dots(graph: Graph, vecs: np.ndarray) -> np.ndarray:
    """vecs[row] · vecs[col] for every edge (peer resemblance, shared sectors), in bounded chunks."""
    out = np.zeros(len(graph.rows), dtype=np.float32)
    step = max(1, EDGE_CHUNK_FLOATS // max(vecs.shape[1], 1))
    for a in range(0, len(out), step):
        r, c = graph.rows[a : a + step], graph.cols[a : a + step]
        out[a : a + step] = np.einsum("ij,ij->i", vecs[r], vecs[c])
    return out


def low_rank(vecs: np.ndarray, dim: int) -> np.ndarray:
    """Rows projected on their `dim` principal directions (through the origin): dot products between rows
    are kept approximately, at a fraction of the memory traffic."""
    if vecs.shape[1] <= dim:
        return vecs
    sample = vecs[np.random.default_rng(0).choice(len(vecs), min(len(vecs), 20_000), replace=False)]
    _, _, vt = np.linalg.svd(sample, full_matrices=False)
    return np.ascontiguousarray(vecs @ vt[:dim].T, dtype=np.float32)
