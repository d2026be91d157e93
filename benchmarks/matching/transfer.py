"""Choose on one development set, report on the other (issue 13: quality on unseen profiles).

    .venv/bin/python benchmarks/matching/transfer.py [--cache DIR]

For the shared set (../shared/benchmarks/matching-dev) and the project's own second set
(benchmarks/matching-dev2): the default matcher and the plain baselines through the shared scorer; then, in
both directions, the configuration with the best MRR (then top-1) on one set, over the cross-validation grid
and over the experimental seller-need weighting (seller_need.py), scored on the other. Prints Markdown.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from baselines import tfidf_scores, whole_profile_scores
from common import CACHE_DIR, DEV_PROFILES, REPO, load_dev, metrics, rank_lists, shared_score
from cv import all_rankings, describe, grid_configs
from seller_need import seller_scores, weighted_scores

from missionmatch.matching import MatchConfig, SqliteStore, make_embedder, recommend
from missionmatch.matching.devset import profiles_from_json
from missionmatch.matching.embedders import Embedder
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.units import EmbeddedProfiles, embed_profiles

DEV2_PROFILES = REPO / "benchmarks" / "matching-dev2" / "profiles.json"
ALPHAS = (0.0, 0.25, 0.5, 0.75)
BANDS = ((0.4, 0.7), (0.5, 0.8), (0.6, 0.8))
HEADER = (
    "| chosen on | mechanism | chosen | top-1 | MRR | recall@5 | held out: top-1 | MRR | recall@5 "
    "| default there: top-1 | MRR | recall@5 |"
)


@dataclass
class DevSet:
    name: str
    path: Path
    relevant: dict[str, list[str]]
    ep: EmbeddedProfiles

    def score(self, ranked: dict[str, list[str]]) -> dict[str, float]:
        return metrics(ranked, self.relevant, list(self.relevant))


def fmt(m: dict[str, float]) -> str:
    return f"{m['top1']:.3f} | {m['mrr']:.3f} | {m['recall5']:.3f}"


def best(scores: list[dict[str, float]]) -> int:
    """Index of the best MRR, then top-1; the earliest (simplest) on a tie."""
    return max(range(len(scores)), key=lambda i: (scores[i]["mrr"], scores[i]["top1"], -i))


def seller_rankings(ds: DevSet, embedder: Embedder) -> tuple[list[str], list[dict[str, list[str]]]]:
    ids = [p.id for p in ds.ep.profiles]
    allowed = allowed_matrix(ds.ep.profiles, MatchConfig())
    seller = seller_scores(ds.ep, embedder)
    labels, ranked = [], []
    for alpha, band in itertools.product(ALPHAS, BANDS):
        if alpha == 0 and band != BANDS[0]:
            continue  # alpha 0 is the default matcher whatever the band
        labels.append(f"alpha={alpha}, band={band[0]}–{band[1]}")
        scores = weighted_scores(ds.ep, allowed, MatchConfig(), seller, alpha, band)
        ranked.append(rank_lists(scores, ids))
    return labels, ranked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    args = parser.parse_args()
    embedder = make_embedder("combo", 2, SqliteStore(args.cache))
    sets = []
    print("| set | system | top-1 | MRR | recall@5 |\n|---|---|---|---|---|")
    for name, path in (("shared dev", DEV_PROFILES), ("dev2", DEV2_PROFILES)):
        data = load_dev(path)
        profiles = profiles_from_json(data)
        ids = [p.id for p in profiles]
        sets.append(DevSet(name, path, data["relevant"], embed_profiles(profiles, embedder)))
        default = recommend(profiles, embedder, replace(MatchConfig(), top_k=20), with_reasons=False)
        shown = recommend(profiles, embedder, MatchConfig())  # what a participant sees: top 10, floor on
        rows = [
            ("matcher, default (top 20, no floor)", default.ranked_ids()),
            ("matcher, default as shown (top 10, reasons, quality floor)", shown.ranked_ids()),
            (
                "baseline: whole-profile cosine, combo",
                rank_lists(whole_profile_scores(profiles, embedder), ids),
            ),
            ("baseline: TF-IDF char 2–4-grams", rank_lists(tfidf_scores(profiles), ids)),
        ]
        for label, ranked in rows:
            m = shared_score(ranked, path)
            print(f"| {name} | {label} | {fmt(m)} |")
            assert m["invalid"] == 0, label
    configs = grid_configs(MatchConfig())
    grid = {ds.name: all_rankings(ds.ep, configs) for ds in sets}
    seller = {ds.name: seller_rankings(ds, embedder) for ds in sets}
    print(f"\n{HEADER}")
    print("|---" * 12 + "|")
    for a, b in ((sets[0], sets[1]), (sets[1], sets[0])):
        default_b = b.score(grid[b.name][configs.index(MatchConfig())])
        on_a = [a.score(r) for r in grid[a.name]]
        k = best(on_a)
        held = b.score(grid[b.name][k])
        chosen = describe(configs[k])
        print(f"| {a.name} | weight grid | {chosen} | {fmt(on_a[k])} | {fmt(held)} | {fmt(default_b)} |")
        labels, ranked_a = seller[a.name]
        on_a = [a.score(r) for r in ranked_a]
        k = best(on_a)
        held = b.score(seller[b.name][1][k])
        row = f"| {a.name} | seller-need weighting | {labels[k]} | {fmt(on_a[k])} | {fmt(held)} |"
        print(f"{row} {fmt(default_b)} |")
    print("\nseller-need weighting, every setting (default weights otherwise):\n")
    print("| setting | shared dev top-1 | MRR | dev2 top-1 | MRR |\n|---|---|---|---|---|")
    for k, label in enumerate(seller[sets[0].name][0]):
        m1, m2 = (ds.score(seller[ds.name][1][k]) for ds in sets)
        print(f"| {label} | {m1['top1']:.3f} | {m1['mrr']:.3f} | {m2['top1']:.3f} | {m2['mrr']:.3f} |")
    print(f"\n(seller scores, dev2 median {np.median(seller_scores(sets[1].ep, embedder)):.3f})")


if __name__ == "__main__":
    main()
