"""The two date-time column types on SQLite and PostgreSQL: an instant goes in with any offset and comes back
the same moment in UTC; a wall time comes back as written; each refuses the other kind (docs/time.md)."""

import datetime as dt

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, Table, insert, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from missionmatch.models import OutboxMail
from missionmatch.models.datetime_types import (
    AwareDateTimeRefused,
    NaiveDateTimeRefused,
    UTCDateTime,
    WallDateTime,
)

TOKYO = dt.timezone(dt.timedelta(hours=9))
NOON_IN_TOKYO = dt.datetime(2025, 5, 20, 12, 0, 30, 250000, tzinfo=TOKYO)
THREE_UTC = dt.datetime(2025, 5, 20, 3, 0, 30, 250000, tzinfo=dt.UTC)
WALL = dt.datetime(2025, 5, 27, 14, 40)


def _probe(engine: Engine) -> Table:
    table = Table(
        "time_probe",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("instant", UTCDateTime),
        Column("wall", WallDateTime),
    )
    table.create(engine)
    return table


def test_an_instant_comes_back_as_the_same_moment_in_utc(engine: Engine) -> None:
    probe = _probe(engine)
    with engine.begin() as connection:
        connection.execute(insert(probe).values(id=1, instant=NOON_IN_TOKYO, wall=WALL))
    with engine.connect() as connection:
        instant, wall = connection.execute(select(probe.c.instant, probe.c.wall)).one()
        stored = connection.execute(text("SELECT instant FROM time_probe")).scalar_one()
    assert (instant, instant.utcoffset(), wall, wall.tzinfo) == (THREE_UTC, dt.timedelta(0), WALL, None)
    # what the database holds is the UTC reading, whatever the offset it was given in
    assert str(stored).startswith("2025-05-20 03:00:30.25")


def test_a_database_session_in_another_zone_reads_the_same_values(engine: Engine) -> None:
    probe = _probe(engine)
    with engine.begin() as connection:
        connection.execute(insert(probe).values(id=1, instant=THREE_UTC, wall=WALL))
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SET TIME ZONE 'Asia/Tokyo'"))
        assert connection.execute(select(probe.c.instant, probe.c.wall)).one() == (THREE_UTC, WALL)


def test_a_naive_instant_is_refused(engine: Engine) -> None:
    probe = _probe(engine)
    with engine.begin() as connection, pytest.raises(StatementError) as refused:
        connection.execute(insert(probe).values(id=1, instant=dt.datetime(2025, 5, 20, 3, 0)))
    assert isinstance(refused.value.orig, NaiveDateTimeRefused)
    assert "2025-05-20T03:00:00 has no offset" in str(refused.value)
    with engine.connect() as connection:
        assert connection.execute(select(probe.c.id)).all() == []


def test_an_aware_wall_time_is_refused(engine: Engine) -> None:
    probe = _probe(engine)
    with engine.begin() as connection, pytest.raises(StatementError) as refused:
        connection.execute(insert(probe).values(id=1, wall=NOON_IN_TOKYO))
    assert isinstance(refused.value.orig, AwareDateTimeRefused)


def test_models_compare_instants_with_instants_only(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        session.add(OutboxMail(recipient="a@b.lu", subject="s", body="b", created_at=NOON_IN_TOKYO))
    with Session(engine) as session:
        later = select(OutboxMail.created_at).where(
            OutboxMail.created_at > THREE_UTC - dt.timedelta(seconds=1)
        )
        assert session.scalars(later).all() == [THREE_UTC]
        with pytest.raises(StatementError, match="has no offset"):
            session.scalars(select(OutboxMail).where(OutboxMail.created_at > dt.datetime(2025, 5, 20))).all()
