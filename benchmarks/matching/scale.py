"""Scale: top-20 for 10,000 to 100,000 profiles on the dense and the sparse path (time, peak memory), and how
many of the dense top-20 the sparse path finds.

    .venv/bin/python benchmarks/matching/scale.py --profiles 10000 --path compare   # recall@20 vs dense
    .venv/bin/python benchmarks/matching/scale.py --profiles 100000 --path sparse   # time and peak RSS

Run one size and path per process: the peak RSS (resource.getrusage) is the process's whole life.

Embeddings are synthetic (no model runs in the timed part, as with a warm cache): every sentence's vector is
a mixture of two real dev-set sentence vectors (combo embedder, cached under var/cache/benchmarks) plus noise,
picked by a hash of the sentence, so similarities have a realistic spread and a continuum of neighbours.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import resource
import subprocess
import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from common import CACHE_DIR, load_dev
from speed import synthetic

from missionmatch.matching import MatchConfig, MatchResult, SqliteStore, make_embedder, recommend
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.sentences import units


class MixtureEmbedder:
    """Deterministic synthetic sentence vectors: pool[a] + 0.5 · pool[b] + noise, a and b from the text's
    hash, normalised."""

    name = "synthetic-combo"

    def __init__(self, pool: np.ndarray, noise: float = 0.3) -> None:
        self.pool, self.noise, self.dim = pool, noise, pool.shape[1]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), np.float32)
        rng = np.random.default_rng(0)
        for a in range(0, len(texts), 50_000):  # chunks: the noise is drawn in float64
            out[a : a + 50_000] = self._chunk(texts[a : a + 50_000], rng)
        return out

    def _chunk(self, texts: Sequence[str], rng: np.random.Generator) -> np.ndarray:
        h = np.array(
            [int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little") for t in texts],
            dtype=np.uint64,
        )
        p = np.uint64(len(self.pool))
        out = self.pool[(h % p).astype(np.int64)]
        out += 0.5 * self.pool[((h >> np.uint64(24)) % p).astype(np.int64)]
        out += rng.normal(0, self.noise / np.sqrt(self.dim), out.shape).astype(np.float32)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def dev_pool(threads: int) -> np.ndarray:
    dev = profiles_from_json(load_dev())
    texts = list(dict.fromkeys(t for p in dev for t in (*units(p.needs), *units(p.offers))))
    return make_embedder("combo", threads, SqliteStore(CACHE_DIR)).embed(texts)


def timed(label: str, profiles: list, embedder: MixtureEmbedder, config: MatchConfig, reasons: bool):
    load = os.getloadavg()
    t0, c0 = time.perf_counter(), time.process_time()
    result = recommend(profiles, embedder, config, with_reasons=reasons)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(
        f"| {len(profiles)} | {label} | {'yes' if reasons else 'no'} | {dt:.1f} | {cpu:.1f} | {peak:.2f} | "
        f"{load[0]:.1f} |",
        flush=True,
    )
    return result


def recall(sparse: MatchResult, dense: MatchResult) -> float:
    got, want = sparse.ranked_ids(), dense.ranked_ids()
    return float(np.mean([len(set(got[p]) & set(w)) / len(w) for p, w in want.items() if w]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--path", choices=("dense", "sparse", "compare"), default="sparse")
    parser.add_argument("--reasons", action="store_true", help="also compute every recommendation's reasons")
    parser.add_argument("--neighbours", type=int, default=MatchConfig.ann_neighbours)
    parser.add_argument("--nprobe", type=int, default=MatchConfig.ann_nprobe)
    parser.add_argument("--samples", type=int, default=MatchConfig.balance_samples)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    embedder = MixtureEmbedder(dev_pool(args.threads))
    profiles = synthetic(args.profiles, np.random.default_rng(0))
    base = MatchConfig(
        top_k=20, ann_neighbours=args.neighbours, ann_nprobe=args.nprobe, balance_samples=args.samples
    )
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print("| profiles | path | reasons | wall s | CPU s | peak RSS GiB | load before |")
    print("|---|---|---|---|---|---|---|")
    dense = sparse = None
    if args.path in ("dense", "compare"):
        dense = timed("dense", profiles, embedder, replace(base, sparse_from=None), args.reasons)
    if args.path in ("sparse", "compare"):
        label = f"sparse (k={args.neighbours}, nprobe={args.nprobe}, samples={args.samples})"
        sparse = timed(label, profiles, embedder, replace(base, sparse_from=0), args.reasons)
    if dense is not None and sparse is not None:
        print(f"\nrecall@20 of the sparse path against the dense top-20: {recall(sparse, dense):.4f}")


if __name__ == "__main__":
    main()
