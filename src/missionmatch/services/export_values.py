"""Values that both exports, the mission document and a participant's personal data, write the same way: a
moment, a profile (all of it), the windows when someone is not available."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from missionmatch.models import Profile, Unavailability


def moment(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None


def profile_values(profile: Profile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "language": profile.language,
        "offers": profile.offers,
        "needs": profile.needs,
        "sectors": list(profile.sectors),
        "keywords": list(profile.keywords),
    }


def unavailability_values(windows: Iterable[Unavailability]) -> list[dict[str, Any]]:
    return [
        {"starts_at": moment(w.starts_at), "ends_at": moment(w.ends_at), "reason": w.reason} for w in windows
    ]
