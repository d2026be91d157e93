"""A mission for hand-placement tests: the small mission with two tables, a workshop, an arrival, a departure
and more people, so that every rule can be broken."""

from typing import Any

from tests.factories import small_mission


def _person(key: str, first: str, last: str, organisation: str, languages: list[str]) -> dict[str, Any]:
    return {
        "key": key,
        "email": f"{first.lower()}@{organisation}.example",
        "first_name": first,
        "last_name": last,
        "organisation": organisation,
        "job_title": "",
        "languages": languages,
        "timezone": None,
        "arrives_at": None,
        "departs_at": None,
        "unavailability": [],
        "programme": [],
        "profile": None,
    }


def placement_mission() -> dict[str, Any]:
    """The small mission with two tables, a workshop, an arrival, a departure and three more people."""
    document = small_mission()
    document["b2b_sessions"][0]["tables"] = 2
    workshop = dict(document["programme"][0], key="workshop", kind="workshop", title="Health data workshop")
    workshop.update(starts_at="2025-05-27T14:00", ends_at="2025-05-27T14:20")
    document["programme"].append(workshop)
    people = {p["key"]: p for p in document["participants"]}
    people["p-2"].update(programme=["forum", "workshop"], departs_at="2025-05-27T16:00")
    people["p-4"]["arrives_at"] = "2025-05-27T14:30"
    document["participants"] += [
        _person("p-5", "Kenji", "Ito", "jp-orbital", ["ja", "en"]),
        _person("p-6", "Luc", "Schmit", "lu-sat", ["fr"]),
        _person("p-7", "Pedro", "Costa", "lu-health", ["pt"]),
    ]
    document["meeting_requests"][1]["status"] = "accepted"  # r-2: Jonas -> Sato, in English
    for key, sender in (("r-3", "p-6"), ("r-4", "p-7")):
        document["meeting_requests"].append(
            dict(document["meeting_requests"][1], key=key, status="accepted", **{"from": sender, "to": "p-5"})
        )
    return document


def with_pairs(document: dict[str, Any], count: int, companies: bool = False) -> dict[str, Any]:
    """`count` more English-speaking delegates (d-<i>) and hosts (h-<i>), for concurrent placements; with
    `companies`, each of their own company (the scheduler merges the requests between two companies into
    one meeting, services/scheduling_candidates.py), else all of lu-sat and jp-orbital."""
    by_key = {o["key"]: o for o in document["organisations"]}
    for i in range(count):
        delegation, host = (f"lu-d{i}", f"jp-h{i}") if companies else ("lu-sat", "jp-orbital")
        if companies:
            document["organisations"] += [
                dict(by_key["lu-sat"], key=delegation, name=f"Delegation company {i}"),
                dict(by_key["jp-orbital"], key=host, name=f"Host company {i}"),
            ]
        document["participants"] += [
            _person(f"d-{i}", f"Delegate{i}", "Lux", delegation, ["en"]),
            _person(f"h-{i}", f"Host{i}", "Osaka", host, ["en"]),
        ]
    return document
