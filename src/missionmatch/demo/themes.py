"""Complementary need ↔ offer themes: what a Luxembourg company needs, a Japanese company offers, and back.

The sentences live in `data/themes.json`, written natively in every language a side may use: delegation
profiles in French, English or German; host profiles in Japanese or English. `lu` holds the delegation's
offer and need, `jp` the host's. A theme's number is its position in the file (see `missions`).
"""

import json
from importlib import resources
from typing import Any, Final

Texts = dict[str, tuple[str, str]]  # language -> (offers, needs)


def _texts(by_language: dict[str, dict[str, str]]) -> Texts:
    return {language: (text["offers"], text["needs"]) for language, text in by_language.items()}


def load_themes() -> list[dict[str, Any]]:
    """Each theme as {"sector", "keywords", "lu": Texts, "jp": Texts}, in file order."""
    source = resources.files("missionmatch.demo") / "data" / "themes.json"
    return [
        {
            "sector": theme["sector"],
            "keywords": theme["keywords"],
            "lu": _texts(theme["lu"]),
            "jp": _texts(theme["jp"]),
        }
        for theme in json.loads(source.read_text(encoding="utf-8"))
    ]


THEMES: Final[list[dict]] = load_themes()
