"""A sparse score graph (candidate pairs in row-major order) and the row/column operations the matcher needs
on it: per-row maxima and top-k means, the transposed value of each edge, softmax and Sinkhorn balancing.
Memory grows with the number of edges, not with n²."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Graph:
    """Edges (rows[e], cols[e]), sorted by row then column, closed under transposition: `transpose[e]` is
    the edge (cols[e], rows[e]). Row p owns edges indptr[p]:indptr[p + 1]."""

    n: int
    rows: np.ndarray
    cols: np.ndarray
    indptr: np.ndarray
    transpose: np.ndarray

    @classmethod
    def from_pairs(cls, n: int, rows: np.ndarray, cols: np.ndarray) -> Graph:
        keys = rows.astype(np.int64) * n + cols
        if len(keys) > 1 and not np.all(keys[1:] > keys[:-1]):
            raise ValueError("edges must be unique and in row-major order")
        transpose = np.searchsorted(keys, cols.astype(np.int64) * n + rows)
        if len(keys) and not np.array_equal(keys[np.minimum(transpose, len(keys) - 1)], cols * n + rows):
            raise ValueError("the edge set must be closed under transposition")
        indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))]).astype(np.int64)
        return cls(n, rows.astype(np.int64), cols.astype(np.int64), indptr, transpose.astype(np.int64))

    def row_sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.rows, weights=values, minlength=self.n)

    def col_sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.cols, weights=values, minlength=self.n)


def row_topk_mean(graph: Graph, values: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's k largest finite values; 0 for a row with none (as `normalise._topk_mean`)."""
    v = np.where(np.isfinite(values), values, -np.inf).astype(np.float64)
    # order each row's edges best first, then keep the first k of every row
    order = np.lexsort((-v, graph.rows))
    rank = np.arange(len(order)) - graph.indptr[graph.rows[order]]
    keep = order[(rank < k) & np.isfinite(v[order])]
    total = np.bincount(graph.rows[keep], weights=v[keep], minlength=graph.n)
    count = np.bincount(graph.rows[keep], minlength=graph.n)
    return np.where(count > 0, total / np.maximum(count, 1), 0.0).astype(np.float32)


def row_max(graph: Graph, values: np.ndarray) -> np.ndarray:
    """Max of each row's values; -inf for an empty row."""
    out = np.full(graph.n, -np.inf, dtype=np.float32)
    nonempty = np.diff(graph.indptr) > 0
    if len(values):
        out[nonempty] = np.maximum.reduceat(values, graph.indptr[:-1][nonempty])
    return out


def sinkhorn_log_sparse(
    graph: Graph,
    score: np.ndarray,
    temperature: float,
    iters: int,
    outside: tuple[Graph, np.ndarray, float] | None = None,
) -> np.ndarray:
    """`normalise.sinkhorn_log` on the edges: log K + log u + log v of the balanced assignment. `outside`
    (pairs, their scores, the weight of each) adds the estimated mass of the pairs left out to the sums."""
    s = (score / np.float32(temperature)).astype(np.float32)
    shift = row_max(graph, s)
    shift[~np.isfinite(shift)] = 0.0
    log_k = s - shift[graph.rows]
    kmat = np.exp(np.maximum(log_k, np.float32(-60.0))).astype(np.float64)
    o_rows = o_cols = np.zeros(0, np.int64)
    o_k = np.zeros(0)
    if outside is not None:
        pairs, o_score, weight = outside
        o_rows, o_cols = pairs.rows, pairs.cols
        o_log_k = o_score / np.float32(temperature) - shift[o_rows]
        o_k = weight * np.exp(np.maximum(o_log_k, np.float32(-60.0))).astype(np.float64)
    n = graph.n

    def row_sums(weights: np.ndarray, o_weights: np.ndarray) -> np.ndarray:
        return graph.row_sum(weights) + np.bincount(o_rows, weights=o_weights, minlength=n)

    def col_sums(weights: np.ndarray, o_weights: np.ndarray) -> np.ndarray:
        return graph.col_sum(weights) + np.bincount(o_cols, weights=o_weights, minlength=n)

    u = np.ones(n)
    v = np.ones(n)
    tiny = 1e-30
    rows_alive = graph.row_sum(kmat) > 0
    cols_alive = graph.col_sum(kmat) > 0
    for _ in range(iters):
        u = np.where(rows_alive, 1.0 / np.maximum(row_sums(kmat * v[graph.cols], o_k * v[o_cols]), tiny), 0.0)
        v = np.where(cols_alive, 1.0 / np.maximum(col_sums(kmat * u[graph.rows], o_k * u[o_rows]), tiny), 0.0)
    with np.errstate(divide="ignore"):
        return log_k + np.log(u).astype(np.float32)[graph.rows] + np.log(v).astype(np.float32)[graph.cols]


def row_log_norm(graph: Graph, scores: np.ndarray) -> np.ndarray:
    """log Σ exp(score) over each row's edges: the normaliser of `row_softmax`."""
    m = row_max(graph, scores)
    m[~np.isfinite(m)] = 0.0
    with np.errstate(divide="ignore"):
        return (m + np.log(graph.row_sum(np.exp(scores - m[graph.rows])))).astype(np.float32)
