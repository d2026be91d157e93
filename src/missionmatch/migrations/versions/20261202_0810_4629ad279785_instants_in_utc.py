"""instants in UTC: rewrite the time stamps that were not (docs/time.md)

The columns keep their type (TIMESTAMP WITHOUT TIME ZONE, naive UTC since this revision for instants); only
values that were written on another clock are converted:

- schedule_version.published_at and recommendation.created_at were written with the server's local time
  (`datetime.now()`): converted from the local zone of the process running the migration. Run it in the
  zone the server ran in (`TZ=Asia/Tokyo missionmatch db upgrade` if the server's clock was Tokyo's).
- meeting_request.created_at and expires_at were the mission's wall-clock time when the request came from a
  mission document, and UTC when it was sent in the application. Requests sent in the application have the
  generated key `r-` + 8 hex digits (models.base.new_key) and are kept; the others are converted from their
  mission's time zone.

Revision ID: 4629ad279785
Revises: bb898616a70d
Create Date: 2026-12-02 08:05:00.000000
"""

import datetime as dt
import re
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "4629ad279785"
down_revision: str | None = "bb898616a70d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENERATED_REQUEST_KEY = re.compile(r"^r-[0-9a-f]{8}$")
Convert = Callable[[dt.datetime], dt.datetime]


def _local_to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(
        tzinfo=None
    )  # a naive datetime's astimezone reads it as local time


def _utc_to_local(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _wall_to_utc(zone: str) -> Convert:
    return lambda value: value.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC).replace(tzinfo=None)


def _utc_to_wall(zone: str) -> Convert:
    return lambda value: value.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _rewrite(
    table: str, columns: tuple[str, ...], convert_for: Callable[[sa.Row], Convert | None], keyed: bool = False
) -> None:
    """Converts `columns` of each row of `table` with what `convert_for(row)` gives (None: kept as it is).
    A row carries its mission's time zone (`zone`) and, for a `keyed` table, its key."""
    connection = op.get_bind()
    times = [sa.column(c, sa.DateTime()) for c in columns]
    rows = sa.table(
        table, sa.column("id"), sa.column("mission_id"), *times, *([sa.column("key")] if keyed else [])
    )
    mission = sa.table("mission", sa.column("id"), sa.column("timezone"))
    key = rows.c.key if keyed else sa.null()
    query = sa.select(rows.c.id, key.label("key"), *times, mission.c.timezone.label("zone"))
    for row in connection.execute(query.join(mission, mission.c.id == rows.c.mission_id)).all():
        convert = convert_for(row)
        values = {c: convert(getattr(row, c)) for c in columns if convert and getattr(row, c) is not None}
        if values:
            connection.execute(sa.update(rows).where(rows.c.id == row.id).values(**values))


def _imported(row: sa.Row) -> bool:
    return not GENERATED_REQUEST_KEY.match(row.key)


def upgrade() -> None:
    _rewrite("schedule_version", ("published_at",), lambda row: _local_to_utc)
    _rewrite("recommendation", ("created_at",), lambda row: _local_to_utc)
    _rewrite(
        "meeting_request",
        ("created_at", "expires_at"),
        lambda row: _wall_to_utc(row.zone) if _imported(row) else None,
        keyed=True,
    )


def downgrade() -> None:
    _rewrite(
        "meeting_request",
        ("created_at", "expires_at"),
        lambda row: _utc_to_wall(row.zone) if _imported(row) else None,
        keyed=True,
    )
    _rewrite("recommendation", ("created_at",), lambda row: _utc_to_local)
    _rewrite("schedule_version", ("published_at",), lambda row: _utc_to_local)
