"""The agreements of the demo campaign: those of the source articles (LSA–JAXA cooperation agreement,
LuxProvide–JAXA letter of intent, Tokyo 2024) and a few more, each with its parties, status and history."""

from typing import Any, Final

# slug -> (title, kind, parties as theme numbers or names, status, signed_on, confidential)
AGREEMENTS: Final[dict[str, list[tuple[str, str, tuple[int | str, int | str], str, str | None, bool]]]] = {
    "tokyo": [
        (
            "Cooperation agreement on space exploration, supercomputing and commercialisation",
            "cooperation_agreement",
            ("Luxembourg Space Agency", "JAXA – Japan Aerospace Exploration Agency"),
            "in_force",
            "2024-06-12",
            False,
        ),
        (
            "Letter of intent on space, supercomputing, quantum and artificial intelligence",
            "letter_of_intent",
            ("LuxProvide", "JAXA – Japan Aerospace Exploration Agency"),
            "signed",
            "2024-06-12",
            False,
        ),
        ("Pilot contract for cross-border instant payments", "contract", (8, 8), "negotiating", None, False),
    ],
    "osaka-1": [
        (
            "Memorandum of understanding on carbon nanotube supply",
            "mou",
            (12, 12),
            "negotiating",
            None,
            False,
        ),
        (
            "Memorandum of understanding on vehicle-to-grid field trials",
            "mou",
            (14, 14),
            "draft",
            None,
            False,
        ),
    ],
    "osaka-2": [
        (
            "Memorandum of understanding on lunar payload delivery",
            "mou",
            (1, 1),
            "signed",
            "2025-07-18",
            False,
        ),
        (
            "Letter of intent on nanotube composites for satellite structures",
            "letter_of_intent",
            (12, 12),
            "negotiating",
            None,
            False,
        ),
    ],
    "osaka-3": [
        (
            "Memorandum of understanding on GMP antibody manufacturing",
            "mou",
            (6, 6),
            "signed",
            "2025-07-19",
            False,
        ),
        (
            "Licence contract for particle-therapy treatment planning",
            "contract",
            (7, 7),
            "signed",
            "2025-07-17",
            True,
        ),
        (
            "Letter of intent on private 5G networks for hospitals",
            "letter_of_intent",
            (15, 15),
            "abandoned",
            None,
            False,
        ),
    ],
}
PATHS: Final = {
    "draft": ["draft"],
    "negotiating": ["draft", "negotiating"],
    "signed": ["draft", "negotiating", "signed"],
    "in_force": ["draft", "negotiating", "signed", "in_force"],
    "abandoned": ["draft", "negotiating", "abandoned"],
}
BY: Final = "b2b@cc.example.lu"


def _party(document: dict[str, Any], org_theme: dict[str, int], side: str, pick: int | str) -> dict[str, Any]:
    return next(
        o
        for o in document["organisations"]
        if o["side"] == side and (o["name"] == pick if isinstance(pick, str) else org_theme[o["key"]] == pick)
    )


def agreements(
    document: dict[str, Any], org_theme: dict[str, int], spec: dict[str, Any]
) -> list[dict[str, Any]]:
    """The mission's agreements, linked to the held meetings between their parties' people."""
    slug, out = spec["slug"], []
    first_b2b = min(s["starts_at"] for s in document["b2b_sessions"])
    for index, (title, kind, picks, status, signed_on, confidential) in enumerate(AGREEMENTS[slug], start=1):
        parties = [
            _party(document, org_theme, "delegation", picks[0]),
            _party(document, org_theme, "host", picks[1]),
        ]
        keys = [o["key"] for o in parties]
        people = {p["key"]: p for p in document["participants"] if p["organisation"] in keys}
        meetings = [
            m["key"]
            for m in document["meetings"]
            if m["status"] == "held"
            and {people[k]["organisation"] for k in m["participants"] if k in people} == set(keys)
        ]
        moments = {
            "draft": f"{spec['requests_open']}:00",
            "negotiating": f"{first_b2b}:00",
            "signed": f"{signed_on}T12:00:00",
            "in_force": f"{spec['end_date']}T09:00:00",
            "abandoned": f"{spec['end_date']}T16:00:00",
        }
        signatories = [
            {
                "name": f"{p['first_name']} {p['last_name']}",
                "title": p["job_title"],
                "organisation": p["organisation"],
            }
            for key in keys
            for p in [next(p for p in people.values() if p["organisation"] == key)]
        ]
        out.append(
            {
                "key": f"a-{slug}-{index}",
                "title": title,
                "kind": kind,
                "parties": keys,
                "signed_on": signed_on,
                "status": status,
                "meetings": meetings,
                "description": "",
                "confidential": confidential,
                "signatories": signatories if signed_on else [],
                "history": [{"status": s, "at": moments[s], "by": BY, "note": ""} for s in PATHS[status]],
                "documents": [],
            }
        )
    return out
