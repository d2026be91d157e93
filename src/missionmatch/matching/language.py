"""Language feasibility: can two people hold a meeting, and how."""

from __future__ import annotations

from missionmatch.matching.config import MatchConfig

# When several languages are shared, the meeting language is the most widely used business language.
_PREFERENCE = ("en", "fr", "de", "ja")


def language_path(
    a: frozenset[str], b: frozenset[str], config: MatchConfig, prefer_a: str = "", prefer_b: str = ""
) -> str | None:
    """ "en" for a common language, "fr → ja (interpreter)" when an interpreter bridges them, None when the
    meeting cannot happen."""
    common = a & b
    if common:
        return min(common, key=lambda lang: (_PREFERENCE.index(lang) if lang in _PREFERENCE else 99, lang))
    if not a or not b or not config.interpreter_available:
        return None
    covered = config.interpreter_languages
    # each side speaks its own written language to the interpreter when it can
    src = sorted(a if covered is None else a & covered, key=lambda lang: (lang != prefer_a, lang))
    dst = sorted(b if covered is None else b & covered, key=lambda lang: (lang != prefer_b, lang))
    if not src or not dst:
        return None
    return f"{src[0]} → {dst[0]} (interpreter)"
