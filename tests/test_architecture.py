"""The layering of docs/architecture.md, checked on every module's imports (what a reviewer would otherwise
have to notice): models → services → interfaces, and pure cores with no database or web."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "missionmatch"
LAYERS = ("models", "services", "exports", "tasks", "web", "commands")
# what each package must never import (a missionmatch subpackage or a third-party top-level name)
FORBIDDEN: dict[str, set[str]] = {
    "scheduling": {*LAYERS, "db", "matching", "sqlalchemy", "fastapi", "starlette", "huey"},
    "matching": {*LAYERS, "db", "scheduling", "sqlalchemy", "fastapi", "starlette", "huey"},
    "models": {"services", "exports", "tasks", "web", "commands", "fastapi", "starlette"},
    "services": {"exports", "tasks", "web", "commands", "fastapi", "starlette"},
    "exports": {"tasks", "web", "commands", "fastapi", "starlette"},
    "tasks": {"web", "commands"},
    "web": {"commands"},
}
LONGEST_MODULE = 400


def _imported_names(path: Path) -> set[str]:
    """Top-level names a module imports: `missionmatch.X` counts as X, anything else by its first part."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            names.add(parts[1] if parts[0] == "missionmatch" and len(parts) > 1 else parts[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_nothing_above_its_layer(package):
    breaches = {
        str(path.relative_to(PACKAGE)): sorted(_imported_names(path) & FORBIDDEN[package])
        for path in _modules(package)
    }
    assert {module: names for module, names in breaches.items() if names} == {}


def test_the_rule_sees_a_breach(tmp_path):
    # the check itself can fail: a core module importing the web layer and the database is caught
    module = tmp_path / "breach.py"
    module.write_text("from missionmatch.web.deps import SessionDep\nimport sqlalchemy.orm\nimport numpy\n")
    assert _imported_names(module) == {"web", "sqlalchemy", "numpy"}
    assert _imported_names(module) & FORBIDDEN["scheduling"] == {"web", "sqlalchemy"}


def test_no_module_is_longer_than_the_limit():
    # migrations are generated history, not code anyone edits
    lengths = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {module: n for module, n in lengths.items() if n > LONGEST_MODULE} == {}
