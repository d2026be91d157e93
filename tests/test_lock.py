"""The lock file that `make` installs from pins every declared dependency within its range in pyproject.toml
(run `make lock` after changing a range), and the environment the tests run in is the locked one."""

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _locked(name: str = "requirements.lock") -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            pins[canonicalize_name(Requirement(name).name)] = pinned.strip()
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in [*project["dependencies"], *project["optional-dependencies"]["dev"]]]


def test_every_declared_dependency_is_locked_within_its_range() -> None:
    locked = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is declared but not in requirements.lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {requirement.name}=={locked[name]}, outside {requirement.specifier}"
        )


def test_the_tests_run_on_the_locked_versions() -> None:
    for name, pinned in _locked().items():
        assert version(name) == pinned, f"{name}: {version(name)} installed, {pinned} locked"


def test_the_cluster_extra_is_locked_apart_within_its_range() -> None:
    """Ray (optional) has its own lock file, installed on top of the main one: it pins nothing twice."""
    cluster = _locked("requirements-cluster.lock")
    assert not set(cluster) & set(_locked()), "pinned in both lock files"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in map(Requirement, project["optional-dependencies"]["cluster"]):
        name = canonicalize_name(requirement.name)
        assert name in cluster, f"{requirement.name} is declared but not in requirements-cluster.lock"
        assert requirement.specifier.contains(cluster[name], prereleases=True)
