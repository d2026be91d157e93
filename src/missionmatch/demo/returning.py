"""Companies and people who come back: as in reality, a few delegates of one mission join a later one,
with the same company name and the same e-mail, so that the campaign counts them once (160 people from
95 companies)."""

import copy
import random
from typing import Any


def returning_organisations(
    earlier: list[dict[str, Any]],
    themes: list[int],
    org_theme: dict[str, int],
    wanted: list[int],
    taken: set[str],
    rng: random.Random,
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """For each entry of `wanted` (how many of its people come back), an earlier delegation company whose
    theme this mission has and that has not come back yet (its name not in `taken`, which this adds to), with
    those people."""
    chosen: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for count in wanted:
        candidates = [
            (org, [p for p in d["participants"] if p["organisation"] == org["key"]])
            for d in earlier
            for org in d["organisations"]
            if org["side"] == "delegation" and org_theme[org["key"]] in themes and org["name"] not in taken
        ]
        candidates = [(org, people) for org, people in candidates if len(people) >= count]
        org, people = rng.choice(candidates)
        taken.add(org["name"])
        chosen.append((org, people[:count]))
    return chosen


def come_back(organisation: dict[str, Any], key: str) -> dict[str, Any]:
    """The same company in a new mission document: same name and details, this mission's key."""
    return {**copy.deepcopy(organisation), "key": key}


def come_back_person(person: dict[str, Any], key: str, organisation_key: str) -> dict[str, Any]:
    """The same person (same e-mail, profile and languages) with this mission's keys and a fresh programme."""
    again = copy.deepcopy(person)
    again.pop("programme_attended", None)  # what they came to last time
    again.update(
        key=key,
        organisation=organisation_key,
        programme=[],
        unavailability=[],
        arrives_at=None,
        departs_at=None,
    )
    return again
