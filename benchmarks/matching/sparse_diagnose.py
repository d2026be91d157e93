"""Where the sparse path loses recall against the dense one: candidate generation (dense top-20 pairs missing
from the candidate graph) or the scores on the graph (hub statistics, the median fill, the balancing).

    .venv/bin/python benchmarks/matching/sparse_diagnose.py --profiles 2000

Same synthetic profiles and embeddings as scale.py. Ranking without diversity (plain top-20 of the final
scores), so the numbers isolate the scoring.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from dataclasses import replace

import numpy as np
from scale import MixtureEmbedder, dev_pool
from speed import synthetic

from missionmatch.matching import MatchConfig
from missionmatch.matching.normalise import hub_correct, symmetric_score
from missionmatch.matching.pair_rules import pair_rules
from missionmatch.matching.recommender import _directional, peer_matrix
from missionmatch.matching.recommender_sparse import sparse_scores
from missionmatch.matching.rules import allowed_matrix
from missionmatch.matching.units import embed_profiles

K = 20


def dense_parts(ep, allowed, config):
    d = _directional(ep, allowed)
    corrected = hub_correct(d, allowed, config.hub_k)
    score = symmetric_score(corrected, allowed, config.missing_quantile)
    score = score - config.peer_weight * peer_matrix(ep, allowed)
    s = np.where(allowed, score, -np.inf) / config.temperature
    shift = np.max(s, axis=1, keepdims=True)
    kmat = np.exp(np.maximum(s - shift, -60.0))
    kmat[~allowed] = 0
    u, v = np.ones(len(s)), np.ones(len(s))
    for _ in range(config.sinkhorn_iters):
        u = 1 / np.maximum(kmat @ v, 1e-30)
        v = 1 / np.maximum(kmat.T @ u, 1e-30)
    final = s + np.log(v)[None, :]
    return score, np.log(v), final


def topk(rows: np.ndarray, k: int = K) -> np.ndarray:
    return np.argsort(-rows, axis=1, kind="stable")[:, :k]


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean([len(set(x) & set(y)) / len(x) for x, y in zip(a, b, strict=True)]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--neighbours", type=int, default=MatchConfig.ann_neighbours)
    parser.add_argument("--samples", type=int, default=MatchConfig.balance_samples)
    args = parser.parse_args()
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    config = replace(
        MatchConfig(top_k=K, ann_neighbours=args.neighbours, balance_samples=args.samples), sparse_from=0
    )
    ep = embed_profiles(synthetic(args.profiles, np.random.default_rng(0)), MixtureEmbedder(dev_pool(2)))
    n = len(ep.profiles)
    allowed = allowed_matrix(ep.profiles, config)
    t0 = time.process_time()
    score, log_v, final = dense_parts(ep, allowed, config)
    print(f"dense parts: {time.process_time() - t0:.1f} CPU s")
    t0 = time.process_time()
    ss = sparse_scores(ep, pair_rules(ep.profiles, config), config)
    edges = len(ss.graph.rows) / n
    print(f"sparse scores: {time.process_time() - t0:.1f} CPU s, {edges:.0f} edges a profile")
    g = ss.graph
    want = topk(final)
    in_graph = np.zeros((n, n), bool)
    in_graph[g.rows, g.cols] = True
    present = in_graph[np.arange(n)[:, None], want].mean()
    print(f"dense top-{K} pairs present in the candidate graph: {present:.4f}")
    # best reachable: dense final scores, restricted to the candidate graph
    restricted = np.where(in_graph, final, -np.inf)
    print(f"recall, dense scores restricted to the graph: {overlap(topk(restricted), want):.4f}")
    sparse_final = np.full((n, n), -np.inf)
    sparse_final[g.rows, g.cols] = ss.scores
    print(f"recall, sparse scores on the graph: {overlap(topk(sparse_final), want):.4f}")
    exact_dense_bal = np.where(in_graph, score / config.temperature + log_v[None, :], -np.inf)
    print(f"recall, exact scores + dense balancing (on graph): {overlap(topk(exact_dense_bal), want):.4f}")
    no_bal = np.where(allowed, score, -np.inf)
    print(f"recall, dense scores without balancing (all pairs): {overlap(topk(no_bal), want):.4f}")


if __name__ == "__main__":
    main()
