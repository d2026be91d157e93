"""The application's one clock, and the named conversions between the two kinds of time it keeps
(docs/time.md):

- an *instant* (created_at, published_at, expires_at, checked_in_at...) is an aware datetime in UTC;
- a *mission wall time* (programme items, B2B session starts, absences, arrival and departure) is a naive
  datetime read on the clocks of the mission's time zone, the way organisers write their programmes.

Code converts between them only here, by name, at the edges (imports, the API, pages)."""

import datetime as dt
from typing import TypeAlias
from zoneinfo import ZoneInfo

# A naive datetime in the mission's time zone (`Mission.timezone`); never compared with an instant.
WallTime: TypeAlias = dt.datetime


def now() -> dt.datetime:
    """The current instant, aware, in UTC. Every "now" of the application comes from here."""
    return dt.datetime.now(dt.UTC)


def is_aware(value: dt.datetime) -> bool:
    return value.utcoffset() is not None


def wall_to_instant(wall: WallTime, zone: str) -> dt.datetime:
    """The instant at which the clocks of `zone` show `wall` (the earlier one when the clocks go back)."""
    if is_aware(wall):
        raise ValueError(f"{wall.isoformat()} has an offset; a mission wall time has none")
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)


def instant_to_wall(instant: dt.datetime, zone: str) -> WallTime:
    """What the clocks of `zone` show at `instant`."""
    if not is_aware(instant):
        raise ValueError(f"{instant.isoformat()} has no offset; an instant needs one")
    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def wall_with_offset(wall: WallTime, zone: str) -> dt.datetime:
    """A mission wall time with the offset its zone has on that day (2025-05-27T14:40+09:00): the same
    clock reading, now an unambiguous moment that the API can send as RFC 3339."""
    if is_aware(wall):
        raise ValueError(f"{wall.isoformat()} has an offset; a mission wall time has none")
    return wall.replace(tzinfo=ZoneInfo(zone))
