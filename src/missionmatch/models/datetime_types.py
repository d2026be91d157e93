"""The two column types for date-times (docs/time.md), after Indico's `UTCDateTime`: the type says which
kind of time a column holds, and refuses the other kind instead of storing it silently.

Both are stored as a plain `TIMESTAMP WITHOUT TIME ZONE` on PostgreSQL and as text on SQLite, so that the
two databases hold the same values and no session time-zone setting can shift them."""

import datetime as dt

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator

from missionmatch.clock import is_aware


class NaiveDateTimeRefused(ValueError):
    pass


class AwareDateTimeRefused(ValueError):
    pass


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant: takes aware datetimes only (any offset), stores them in UTC, gives them back aware in
    UTC. A naive datetime is refused: nobody can tell which clock it was read on."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not is_aware(value):
            raise NaiveDateTimeRefused(f"{value.isoformat()} has no offset; instants are stored in UTC")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class WallDateTime(TypeDecorator[dt.datetime]):
    """A mission wall time (`missionmatch.clock.WallTime`): a naive clock reading in the mission's zone. An
    aware datetime is refused: the caller converts it with `clock.instant_to_wall` and the mission's zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and is_aware(value):
            raise AwareDateTimeRefused(f"{value.isoformat()} has an offset; a mission wall time has none")
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return value
