"""Shared helpers: the benchmark lives next to the repository, in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from missionmatch.scheduling import Instance, load_instance

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO.parent / "shared" / "benchmarks" / "b2b-jair2022" / "instances"
REFEREE = REPO.parent / "shared" / "tools" / "check_schedule.py"


def bench(variant: str, name: str) -> Path:
    path = BENCH / variant / f"{name}.{variant}.json"
    if not path.exists():
        pytest.skip(f"benchmark file missing: {path}")
    return path


def load(variant: str, name: str) -> Instance:
    return load_instance(bench(variant, name))
