"""The sparse matcher's two heavy steps cut into independent shards, and who runs them.

* The nearest-neighbour search: the sentences of each side are cut into `shards` parts, each with its own
  index, searched by every query sentence; each query keeps its best `k` over the parts (for flat indexes
  exactly the single index's answer).
* The exact edge scores: the profiles are cut into `shards` ranges of rows, each scoring its rows' edges.

A `Runner` maps a shard function over argument tuples: `LocalRunner` in this process, one after the other;
`cluster.RayRunner` as Ray tasks on a cluster. The shard functions are plain module functions of arrays, so
they pickle, and import nothing distributed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np
from threadpoolctl import threadpool_limits

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.edge_scores import answered_by, directional_for
from missionmatch.matching.indexes import build_index
from missionmatch.matching.sparse_graph import Graph
from missionmatch.matching.units import EmbeddedProfiles, UnitSet

T = TypeVar("T")
QUERY_CHUNK = 32_768  # query rows per faiss call: bounds the result buffers


class Runner(Protocol):
    @property
    def shards(self) -> int: ...

    def map(self, fn: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> list[T]: ...


@dataclass(frozen=True)
class LocalRunner:
    shards: int = 1

    def map(self, fn: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> list[T]:
        return [fn(*args) for args in calls]


def cut(items: np.ndarray, shards: int) -> list[np.ndarray]:
    """`items` in at most `shards` contiguous, non-empty parts."""
    return [part for part in np.array_split(items, max(1, shards)) if len(part)]


def search_shard(
    targets: np.ndarray,
    target_rows: np.ndarray,
    queries: np.ndarray,
    query_rows: np.ndarray,
    k: int,
    config: MatchConfig,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Cosines and target rows (-1: none) of each query's `k` nearest among `target_rows`, and whether the
    search was exhaustive (exact index and k covering every target)."""
    index, exact = build_index(np.ascontiguousarray(targets[target_rows]), config)
    k = min(k, len(target_rows))
    sims = np.empty((len(query_rows), k), np.float32)
    found = np.empty((len(query_rows), k), np.int64)
    for a in range(0, len(query_rows), QUERY_CHUNK):
        s, f = index.search(np.ascontiguousarray(queries[query_rows[a : a + QUERY_CHUNK]]), k)
        sims[a : a + QUERY_CHUNK] = s
        found[a : a + QUERY_CHUNK] = np.where(f >= 0, target_rows[np.maximum(f, 0)], -1)
    return sims, found, exact and k == len(target_rows)


def search_sharded(
    targets: np.ndarray,
    target_rows: np.ndarray,
    queries: np.ndarray,
    query_rows: np.ndarray,
    k: int,
    config: MatchConfig,
    runner: Runner,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """`search_shard` over the whole of `target_rows`, one index per shard, merged to each query's best k."""
    parts = runner.map(
        search_shard,
        [(targets, rows, queries, query_rows, k, config) for rows in cut(target_rows, runner.shards)],
    )
    exhaustive = all(p[2] for p in parts) and k >= len(target_rows)
    if len(parts) == 1:
        return parts[0][0], parts[0][1], exhaustive
    sims = np.concatenate([p[0] for p in parts], axis=1)
    found = np.concatenate([p[1] for p in parts], axis=1)
    k = min(k, sims.shape[1])
    best = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    return np.take_along_axis(sims, best, 1), np.take_along_axis(found, best, 1), exhaustive


def score_rows(
    need_vecs: np.ndarray,
    need_starts: np.ndarray,
    offer_vecs: np.ndarray,
    offer_starts: np.ndarray,
    peer: np.ndarray,
    indptr: np.ndarray,
    cols: np.ndarray,
    rows: np.ndarray,
    both_ways: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For the edges of `rows` (contiguous, in order): the exact need → offer maximum, the reverse one
    (empty unless `both_ways`: a graph closed under transposition has it already) and the peer dot product.
    One BLAS thread: these are many small products, where threads only wait for each other."""
    needs, offers = UnitSet([], need_vecs, need_starts), UnitSet([], offer_vecs, offer_starts)
    lo, hi = indptr[rows[0]], indptr[rows[-1] + 1]
    forward = np.full(hi - lo, np.nan, dtype=np.float32)
    backward = np.full(hi - lo if both_ways else 0, np.nan, dtype=np.float32)
    peer_dots = np.zeros(hi - lo, dtype=np.float32)
    with threadpool_limits(1, user_api="blas"):
        for i in rows:
            a, b = indptr[i], indptr[i + 1]
            if a < b:
                forward[a - lo : b - lo] = directional_for(needs, offers, int(i), cols[a:b])
                if both_ways:
                    backward[a - lo : b - lo] = answered_by(needs, offers, cols[a:b], int(i))
                peer_dots[a - lo : b - lo] = peer[cols[a:b]] @ peer[i]
    return forward, backward, peer_dots


def score_graph(
    ep: EmbeddedProfiles, peer: np.ndarray, graph: Graph, runner: Runner, both_ways: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`score_rows` over every row of `graph`, in `runner.shards` ranges."""
    needs, offers = ep.needs, ep.offers
    parts = runner.map(
        score_rows,
        [
            (
                needs.vecs,
                needs.starts,
                offers.vecs,
                offers.starts,
                peer,
                graph.indptr,
                graph.cols,
                rows,
                both_ways,
            )
            for rows in cut(np.arange(graph.n), runner.shards)
        ],
    )
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )
