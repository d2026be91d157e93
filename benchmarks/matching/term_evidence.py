"""Shared-term evidence (matching/term_evidence.py), chosen on the second dev set, reported on the shared one.

    .venv/bin/python benchmarks/matching/term_evidence.py [--cache DIR] [--speed 10000]

Over a small grid (stem length, document-frequency cut, weight), the setting with the best MRR (then top-1;
the earliest on a tie) on dev2 (benchmarks/matching-dev2) is scored on the shared set
(../shared/benchmarks/matching-dev), which it never saw. As a check inside dev2, the same choice is made on
half of its sectors and scored on the other half, both ways. The official scorer confirms the chosen
setting on both sets. Then the time the term matrix takes for `--speed` profiles drawn from both sets.
Prints Markdown.
"""

from __future__ import annotations

import argparse
import itertools
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from common import CACHE_DIR, DEV_PROFILES, REPO, load_dev, metrics, rank_lists, shared_score

from missionmatch.matching import MatchConfig, Profile, SqliteStore, make_embedder, recommend
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.recommender import score_matrix
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.term_evidence import term_matrix, term_vectors
from missionmatch.matching.units import embed_profiles

DEV2 = REPO / "benchmarks" / "matching-dev2" / "profiles.json"
STEMS = (4, 5, 6, 7, 100)  # 100: whole words
MAX_DF = (0.02, 0.05, 0.1, 0.2)
WEIGHTS = (0.1, 0.15, 0.2, 0.3, 0.4)
Ranked = dict[str, list[str]]


def fmt(m: dict[str, float]) -> str:
    return f"{m['top1']:.3f} | {m['mrr']:.3f} | {m['recall5']:.3f}"


def settings() -> list[MatchConfig]:
    off = replace(MatchConfig(), term_weight=0.0)
    grid = itertools.product(STEMS, MAX_DF, WEIGHTS)
    return [off] + [replace(off, term_stem=s, term_max_df=d, term_weight=w) for s, d, w in grid]


def label(c: MatchConfig) -> str:
    if not c.term_weight:
        return "off"
    stem = "whole words" if c.term_stem >= 100 else f"stem {c.term_stem}"
    return f"{stem}, max_df {c.term_max_df}, weight {c.term_weight}"


def rankings(path: Path, embedder, configs: list[MatchConfig]) -> tuple[list[Ranked], dict, dict]:
    data = load_dev(path)
    profiles = profiles_from_json(data)
    ids = [p.id for p in profiles]
    ep = embed_profiles(profiles, embedder)
    allowed = allowed_matrix(profiles, configs[0])
    ranked = [rank_lists(score_matrix(ep, allowed, c), ids) for c in configs]
    return ranked, data["relevant"], {p["id"]: p["sector"] for p in data["profiles"]}


def best(ranked: list[Ranked], relevant: dict, queries: list[str]) -> int:
    scores = [metrics(r, relevant, queries) for r in ranked]
    return max(range(len(scores)), key=lambda i: (scores[i]["mrr"], scores[i]["top1"], -i))


def speed(n: int) -> str:
    """Time of term_vectors + term_matrix for n profiles whose texts are drawn from both dev sets."""
    pool = [p for path in (DEV_PROFILES, DEV2) for p in profiles_from_json(load_dev(path))]
    rng = np.random.default_rng(0)
    profiles = [
        Profile(f"s{i}", "LU" if i % 2 else "JP", f"Org {i}", p.language, p.sectors, p.offers, p.needs)
        for i, p in enumerate(pool[k] for k in rng.integers(0, len(pool), n))
    ]
    config = MatchConfig()
    start = time.perf_counter()
    tv = term_vectors(profiles, config.term_stem, config.term_max_df)
    middle = time.perf_counter()
    term_matrix(tv)
    end = time.perf_counter()
    return f"{n} profiles: term vectors {middle - start:.1f} s, term matrix {end - middle:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    parser.add_argument("--speed", type=int, default=10_000)
    args = parser.parse_args()
    embedder = make_embedder("combo", 2, SqliteStore(args.cache))
    configs = settings()
    shared, shared_rel, _ = rankings(DEV_PROFILES, embedder, configs)
    dev2, dev2_rel, sector = rankings(DEV2, embedder, configs)
    print("| setting | shared top-1 | MRR | recall@5 | dev2 top-1 | MRR | recall@5 |")
    print("|---|---|---|---|---|---|---|")
    for k, c in enumerate(configs):
        m1, m2 = metrics(shared[k], shared_rel, list(shared_rel)), metrics(dev2[k], dev2_rel, list(dev2_rel))
        print(f"| {label(c)} | {fmt(m1)} | {fmt(m2)} |")
    k = best(dev2, dev2_rel, list(dev2_rel))
    print(f"\nchosen on dev2: {label(configs[k])}")
    print(f"held out, shared set: {fmt(metrics(shared[k], shared_rel, list(shared_rel)))}")

    sectors = sorted({sector[q] for q in dev2_rel})
    halves = (sectors[0::2], sectors[1::2])
    print("\n| chosen on | chosen | there | held out | held out, off |\n|---|---|---|---|---|")
    for a, b in (halves, halves[::-1]):
        qa = [q for q in dev2_rel if sector[q] in a]
        qb = [q for q in dev2_rel if sector[q] in b]
        k_half = best(dev2, dev2_rel, qa)
        print(
            f"| dev2, {len(qa)} queries of {len(a)} sectors | {label(configs[k_half])} "
            f"| {fmt(metrics(dev2[k_half], dev2_rel, qa))} | {fmt(metrics(dev2[k_half], dev2_rel, qb))} "
            f"| {fmt(metrics(dev2[0], dev2_rel, qb))} |"
        )

    print("\nofficial scorer, recommend() top 20 and as shown (top 10, reasons, quality floor):\n")
    print("| set | term evidence | top-20 top-1 | MRR | recall@5 | shown top-1 | MRR | recall@5 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, path in (("shared", DEV_PROFILES), ("dev2", DEV2)):
        profiles = profiles_from_json(load_dev(path))
        for c in (configs[0], configs[k]):
            deep = recommend(profiles, embedder, replace(c, top_k=20), with_reasons=False).ranked_ids()
            shown = recommend(profiles, embedder, c).ranked_ids()
            m_deep, m_shown = shared_score(deep, path), shared_score(shown, path)
            assert m_deep["invalid"] == m_shown["invalid"] == 0
            print(f"| {name} | {label(c)} | {fmt(m_deep)} | {fmt(m_shown)} |")
    if args.speed:
        print(f"\n{speed(args.speed)}")


if __name__ == "__main__":
    main()
