"""The nearest-neighbour index of one set of sentence vectors (faiss).

An index holding at most `ann_exact_up_to` vectors is flat (exact search); a larger one is an inverted file
(IVF, `ann_nprobe` lists visited per query), which is where the sparse matcher's approximation comes from.
"""

from __future__ import annotations

import math

import faiss
import numpy as np

from missionmatch.matching.config import MatchConfig

TRAIN_PER_LIST = 40  # k-means training points per inverted list (faiss warns below 39)


def build_index(vecs: np.ndarray, config: MatchConfig) -> tuple[faiss.Index, bool]:
    """An inner-product index over unit rows; True when its search is exact."""
    dim = vecs.shape[1]
    if len(vecs) <= config.ann_exact_up_to:
        flat = faiss.IndexFlatIP(dim)
        flat.add(vecs)
        return flat, True
    # 2·√N lists: a query visiting `ann_nprobe` of them scans ~nprobe / (2·√N) of the vectors
    nlist = max(1, min(int(2 * math.sqrt(len(vecs))), len(vecs) // TRAIN_PER_LIST))
    index = faiss.index_factory(dim, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
    # a fixed seed keeps runs reproducible
    sample = np.random.default_rng(0).choice(len(vecs), min(len(vecs), TRAIN_PER_LIST * nlist), replace=False)
    index.train(vecs[np.sort(sample)])
    index.add(vecs)
    faiss.extract_index_ivf(index).nprobe = min(config.ann_nprobe, nlist)
    return index, False
