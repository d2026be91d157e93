"""Turning raw need → offer cosines into comparable scores, against the two classic traps.

* Hubs: some profiles are written so generically that they are close to everything and top many unrelated
  lists. We subtract each profile's mean similarity to its `k` nearest counterparts (CSLS, as in cross-lingual
  word retrieval), then balance the whole matrix so that every profile gets about the same total attention
  (Sinkhorn scaling of a soft assignment): a profile that everybody likes a bit no longer beats the one
  profile that likes you a lot.
* Empty needs (or offers): a missing direction is neither a perfect nor a failed match; it counts as a median
  match, so a profile with nothing to ask cannot win on the one direction it has.
"""

from __future__ import annotations

import numpy as np


def _topk_mean(x: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the k largest finite values along `axis` (NaN/-inf ignored); 0 where there are none."""
    y = np.where(np.isfinite(x), x, -np.inf)
    n = y.shape[axis]
    k = max(1, min(k, n))
    if k == 1:  # the common case, without a partition
        top1 = y.max(axis=axis)
        return np.where(np.isfinite(top1), top1, 0.0).astype(np.float32)
    part = -np.partition(-y, k - 1, axis=axis)
    top = np.take(part, np.arange(k), axis=axis)
    finite = np.isfinite(top)
    total = np.where(finite, top, 0.0).sum(axis=axis)
    count = finite.sum(axis=axis)
    return np.where(count > 0, total / np.maximum(count, 1), 0.0).astype(np.float32)


def hub_correct(m: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
    """CSLS-style correction of a directional matrix (rows ask, columns answer), over allowed cells only."""
    if k <= 0:
        return m
    x = np.where(allowed, m, np.nan)
    return m - 0.5 * _topk_mean(x, k, axis=1)[:, None] - 0.5 * _topk_mean(x, k, axis=0)[None, :]


def symmetric_score(directional: np.ndarray, allowed: np.ndarray, missing_quantile: float) -> np.ndarray:
    """Mean of "my needs answered by your offers" and "yours by mine"; a missing direction takes the given
    quantile of the observed scores."""
    observed = directional[allowed & ~np.isnan(directional)]
    if observed.size > 1_000_000:  # a strided sample estimates the quantile well enough, much faster
        observed = observed[:: observed.size // 1_000_000]
    fill = float(np.quantile(observed, missing_quantile)) if observed.size else 0.0
    d = np.where(np.isnan(directional), fill, directional)
    return 0.5 * (d + d.T)


def sinkhorn_log(score: np.ndarray, allowed: np.ndarray, temperature: float, iters: int) -> np.ndarray:
    """log of the doubly-balanced soft assignment exp(score / T) · diag(u) · diag(v) on allowed cells;
    -inf elsewhere. Row-wise ranking uses log K + log v, so hubs (columns everybody wants) are scaled down."""
    s = np.where(allowed, score, -np.inf).astype(np.float32) / np.float32(temperature)
    row_max = np.max(s, axis=1, keepdims=True)
    row_max[~np.isfinite(row_max)] = 0.0
    log_k = s - row_max  # row shifts are absorbed by u
    # float32 for speed; candidates more than e^-60 below a row's best are floored there for the balancing
    # only (their final score keeps the true log_k, so the order stays exact)
    kmat = np.exp(np.maximum(log_k, np.float32(-60.0)), dtype=np.float32)
    kmat[~allowed] = 0.0
    u = np.ones(kmat.shape[0], np.float32)
    v = np.ones(kmat.shape[1], np.float32)
    tiny = np.float32(1e-30)
    rows_alive = kmat.sum(axis=1) > 0
    cols_alive = kmat.sum(axis=0) > 0
    for _ in range(iters):
        u = np.where(rows_alive, 1.0 / np.maximum(kmat @ v, tiny), 0.0)
        v = np.where(cols_alive, 1.0 / np.maximum(kmat.T @ u, tiny), 0.0)
    with np.errstate(divide="ignore"):
        log_k += np.log(u)[:, None]
        log_k += np.log(v)[None, :]
    return log_k
