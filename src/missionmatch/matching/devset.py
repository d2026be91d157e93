"""Reading and writing the profiles/recommendations JSON schema of the matching benchmark and the CLI.

Schema: {"profiles": [{"id", "delegation", "organization", "language", "sector", "offers", "needs",
optional "spoken": [...]}]} → `Profile`; results → {"recommendations": {id: [ids]}, "reasons": {...}}.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from missionmatch.matching.profile import MatchResult, Profile


def profile_from_dict(d: Mapping[str, Any]) -> Profile:
    sector = d.get("sector") or d.get("sectors") or ()
    sectors = (sector,) if isinstance(sector, str) else tuple(sector)
    return Profile(
        id=str(d["id"]),
        side=str(d.get("delegation") or d.get("side") or ""),
        organisation=str(d.get("organization") or d.get("organisation") or ""),
        language=str(d.get("language") or ""),
        sectors=sectors,
        offers=str(d.get("offers") or ""),
        needs=str(d.get("needs") or ""),
        spoken=tuple(d.get("spoken") or ()),
    )


def profiles_from_json(data: Mapping[str, Any]) -> list[Profile]:
    return [profile_from_dict(p) for p in data["profiles"]]


def result_to_json(result: MatchResult) -> dict[str, Any]:
    return {
        "recommendations": result.ranked_ids(),
        "reasons": {
            pid: {
                r.candidate: {"score": round(r.score, 6), **(r.reasons.to_dict() if r.reasons else {})}
                for r in recs
            }
            for pid, recs in result.recommendations.items()
        },
        "suggested_pairs": [{"a": p.a, "b": p.b, "score": round(p.score, 6)} for p in result.pairs],
    }
