"""Building blocks of a demo mission: the fields every mission shares, a programme item, a B2B session."""

from typing import Any, Final

INTERPRETERS: Final = [
    {"languages": ["fr", "ja"], "count": 3},
    {"languages": ["en", "ja"], "count": 4},
    {"languages": ["de", "ja"], "count": 2},
]
COMMON: Final = {
    "origin_country": "LU",
    "host_country": "JP",
    "timezone": "Asia/Tokyo",
    "languages": ["en", "fr", "ja"],
    "organiser": "Chamber of Commerce Luxembourg",
}


def programme_item(
    key: str,
    kind: str,
    title: str,
    starts: str,
    ends: str,
    city: str,
    venue: str,
    *,
    sector: str | None = None,
    capacity: int | None = None,
    visit_theme: int | None = None,
) -> dict[str, Any]:
    """A programme item; `visit_theme` names the theme whose host organisation is visited."""
    return {
        "key": key,
        "kind": kind,
        "title": title,
        "sector": sector,
        "city": city,
        "venue": venue,
        "address": "",
        "host_organisation": None,
        "visit_theme": visit_theme,
        "starts_at": starts,
        "ends_at": ends,
        "capacity": capacity,
        "description": "",
    }


def b2b_session(
    key: str, name: str, starts: str, slots: int, tables: int, city: str, venue: str, seats: int = 4
) -> dict[str, Any]:
    """A B2B session of 20-minute slots with a 20-minute break halfway; tables of `seats` chairs."""
    return {
        "key": key,
        "name": name,
        "city": city,
        "venue": venue,
        "starts_at": starts,
        "slot_minutes": 20,
        "slot_count": slots,
        "breaks": [{"after_slot": slots // 2, "minutes": 20}],
        "tables": tables,
        "interpreters": INTERPRETERS,
        **({"seats": seats} if seats != 4 else {}),
    }
