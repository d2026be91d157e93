"""Shared helpers of the matching benchmarks: paths, the dev set, ranking metrics and the shared scorer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DEV_PROFILES = SHARED / "benchmarks" / "matching-dev" / "profiles.json"
SCORER = SHARED / "tools" / "score_recommendations.py"
CACHE_DIR = REPO / "var" / "cache" / "benchmarks"


def load_dev(path: Path = DEV_PROFILES) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def rank_lists(scores: np.ndarray, ids: list[str], k: int = 20) -> dict[str, list[str]]:
    """Top-k ids per row of a score matrix where -inf marks forbidden candidates."""
    out: dict[str, list[str]] = {}
    for i, pid in enumerate(ids):
        row = scores[i]
        order = np.argsort(-row, kind="stable")
        out[pid] = [ids[j] for j in order[:k] if np.isfinite(row[j])]
    return out


def metrics(
    recs: dict[str, list[str]], relevant: dict[str, list[str]], queries: list[str]
) -> dict[str, float]:
    """top-1, MRR and recall@5 exactly as the shared scorer defines them (for fast cross-validation loops)."""
    t1 = rr = r5 = 0.0
    for q in queries:
        lst, ans = recs.get(q, []), set(relevant[q])
        first = next((i + 1 for i, r in enumerate(lst) if r in ans), None)
        t1 += 1.0 if lst and lst[0] in ans else 0.0
        rr += 1.0 / first if first else 0.0
        r5 += len(ans & set(lst[:5])) / len(ans)
    n = max(len(queries), 1)
    return {"top1": t1 / n, "mrr": rr / n, "recall5": r5 / n}


def shared_score(recs: dict[str, list[str]], profiles_path: Path = DEV_PROFILES) -> dict[str, float]:
    """Run the official scorer on a recommendations dict and parse its last line."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"recommendations": recs}, f)
        path = f.name
    try:
        done = subprocess.run(
            [sys.executable, str(SCORER), str(profiles_path), path],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(path).unlink(missing_ok=True)
    invalid = re.search(r"must be 0\): (\d+)", done.stdout)
    last = done.stdout.strip().splitlines()[-1]
    values = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", last)}
    values["invalid"] = float(invalid.group(1)) if invalid else float("nan")
    return values
