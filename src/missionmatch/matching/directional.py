"""Directional need → offer scores: how well the offers of profile j answer the needs of profile i.

For every need sentence of i we take its best-answering offer sentence of j; a profile pair scores by its best
answered need. Computed in row chunks so that 10,000 × 10,000 profiles fit in memory.
"""

from __future__ import annotations

import numpy as np

from missionmatch.matching.units import UnitSet

CHUNK_UNITS = 2048


def _segment_max(block: np.ndarray, starts: np.ndarray, axis: int) -> np.ndarray:
    """Max over consecutive segments `starts` of `block` along `axis`; empty segments give -inf."""
    n = len(starts) - 1
    counts = np.diff(starts)
    nonempty = counts > 0
    shape = list(block.shape)
    shape[axis] = n
    out = np.full(shape, -np.inf, dtype=np.float32)
    if block.shape[axis] == 0 or not nonempty.any():
        return out
    reduced = np.maximum.reduceat(block, starts[:-1][nonempty], axis=axis)
    if axis == 0:
        out[nonempty] = reduced
    else:
        out[:, nonempty] = reduced
    return out


def need_offer_matrix(needs: UnitSet, offers: UnitSet, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """M[a, b] = max cosine between a need unit of profile rows[a] and an offer unit of profile cols[b].

    NaN where row a has no needs or column b has no offers (nothing to compare, which is not the same as a
    bad match)."""
    col_units = np.concatenate(
        [np.arange(offers.starts[c], offers.starts[c + 1]) for c in cols] or [np.zeros(0)]
    )
    col_units = col_units.astype(np.int64)
    col_starts = np.concatenate([[0], np.cumsum(np.diff(offers.starts)[cols])]).astype(np.int64)
    offer_vecs = offers.vecs[col_units]
    out = np.full((len(rows), len(cols)), np.nan, dtype=np.float32)
    row_counts = np.diff(needs.starts)[rows]
    a = 0
    while a < len(rows):
        # grow the chunk of query profiles until it holds about CHUNK_UNITS need sentences
        b, total = a, 0
        while b < len(rows) and (total == 0 or total + row_counts[b] <= CHUNK_UNITS):
            total += row_counts[b]
            b += 1
        chunk_rows = rows[a:b]
        unit_idx = np.concatenate([np.arange(needs.starts[r], needs.starts[r + 1]) for r in chunk_rows])
        if len(unit_idx):
            sims = needs.vecs[unit_idx.astype(np.int64)] @ offer_vecs.T
            local_starts = np.concatenate([[0], np.cumsum(row_counts[a:b])]).astype(np.int64)
            # rows first: reducing contiguous rows is fast and shrinks the matrix before the column pass
            per_row = _segment_max(sims, local_starts, axis=0)
            out[a:b] = _segment_max(per_row, col_starts, axis=1)
        a = b
    out[~np.isfinite(out)] = np.nan
    return out


def best_pair(
    needs: UnitSet, offers: UnitSet, i: int, j: int, whole_fields: bool = True
) -> tuple[int, int, float] | None:
    """The (need row, offer row, cosine) behind M[i, j]; with `whole_fields=False`, the best pair of single
    sentences (what a reason quotes: a whole paragraph would not say which need was answered)."""
    if whole_fields:
        nr, orows = needs.rows_of(i), offers.rows_of(j)
    else:
        nr, orows = needs.sentence_rows_of(i), offers.sentence_rows_of(j)
    if not len(nr) or not len(orows):
        return None
    # einsum, not BLAS: for a handful of rows BLAS thread wake-ups cost more than the arithmetic
    sims = np.einsum("id,jd->ij", needs.vecs[nr.start : nr.stop], offers.vecs[orows.start : orows.stop])
    k = int(np.argmax(sims))
    a, b = divmod(k, sims.shape[1])
    return nr.start + a, orows.start + b, float(sims[a, b])
