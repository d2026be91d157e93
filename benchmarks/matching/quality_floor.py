"""Calibrate the quality floor of the default matcher on the dev set, and check that it keeps top-1 and MRR.

    .venv/bin/python benchmarks/matching/quality_floor.py [--profiles PATH] [--cache DIR]

For each candidate floor: how many listed candidates it removes, how many of them are right answers, how
many lists it shortens, and the shared scorer's top-1 / MRR / recall@5 with and without it (the same run,
reasons on, so that the floor applies). Prints a Markdown table (docs/benchmarks-matching.md).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from common import CACHE_DIR, DEV_PROFILES, load_dev, shared_score

from missionmatch.matching import MatchConfig, SqliteStore, make_embedder, recommend
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.quality import CALIBRATED_FLOORS

FLOORS = (0.45, 0.48, 0.5, 0.52, 0.55, 0.6)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=Path, default=DEV_PROFILES)
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    args = parser.parse_args()
    data = load_dev(args.profiles)
    profiles, relevant = profiles_from_json(data), data["relevant"]
    embedder = make_embedder("combo", 2, SqliteStore(args.cache))
    full = recommend(profiles, embedder, MatchConfig(use_quality_floor=False))
    listed = {q: [r.candidate for r in recs] for q, recs in full.recommendations.items()}
    base = shared_score(listed, args.profiles)
    total = sum(len(v) for v in listed.values())
    print(f"embedder {embedder.name}; calibrated floor {CALIBRATED_FLOORS.get(embedder.name)}\n")
    print("| floor | candidates removed | right answers removed | lists shortened | top-1 | MRR | recall@5 |")
    print("|---|---|---|---|---|---|---|")
    print(f"| none | 0 of {total} | 0 | 0 | {base['top1']:.3f} | {base['mrr']:.3f} | {base['recall5']:.3f} |")
    for floor in FLOORS:
        kept = recommend(profiles, embedder, replace(MatchConfig(), quality_floor=floor))
        ranked = {q: [r.candidate for r in recs] for q, recs in kept.recommendations.items()}
        removed = [(q, c) for q, lst in listed.items() for c in lst if c not in ranked.get(q, [])]
        right = sum(1 for q, c in removed if c in relevant.get(q, ()))
        shortened = sum(1 for q in listed if len(ranked.get(q, [])) < len(listed[q]))
        m = shared_score(ranked, args.profiles)
        print(
            f"| {floor} | {len(removed)} of {total} | {right} | {shortened} "
            f"| {m['top1']:.3f} | {m['mrr']:.3f} | {m['recall5']:.3f} |"
        )


if __name__ == "__main__":
    main()
