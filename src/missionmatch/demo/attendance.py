"""Who came to the programme items of a past demo mission: most registered people did, someone arriving
after an item started did not, and a few others stayed away. Recorded when each item ended.

A random generator of its own (seeded by the mission) keeps the rest of the demo exactly as it was."""

import datetime as dt
import random
from typing import Any

CAME = 0.9  # the share of the registered (and already arrived) who came


def _arrived(person: dict[str, Any], starts_at: str) -> bool:
    arrives = person.get("arrives_at")
    return arrives is None or dt.datetime.fromisoformat(arrives) <= dt.datetime.fromisoformat(starts_at)


def record_attendance(document: dict[str, Any]) -> None:
    rng = random.Random(f"attendance-{document['mission']['slug']}")
    for item in document["programme"]:
        item["attendance_recorded_at"] = item["ends_at"]
        for person in document["participants"]:
            if item["key"] not in person["programme"]:
                continue
            if _arrived(person, item["starts_at"]) and rng.random() < CAME:
                person.setdefault("programme_attended", []).append(item["key"])
