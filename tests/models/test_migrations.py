import datetime as dt
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select

from missionmatch import migrate
from missionmatch.db import make_session_factory
from missionmatch.models import Base, MeetingRequest, Recommendation, ScheduleVersion


def test_migrations_produce_the_schema_of_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_records_the_head_revision(engine: Engine) -> None:
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_downgrade_to_base_removes_every_table(engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}


# the revision before the conversion (found, not written down, so that re-chained heads keep this test right)
LEGACY = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("4629ad279785").down_revision
LOCAL = dt.datetime(2025, 5, 20, 12, 0)  # the server's local clock (Tokyo) when it published
UTC_NOON = dt.datetime(2025, 5, 20, 3, 0, tzinfo=dt.UTC)
NAIVE, JSON = sa.DateTime(), sa.JSON()


@pytest.fixture
def server_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The migration reads legacy local time stamps in the zone it runs in, as the server that wrote them."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _insert(connection: sa.Connection, table: str, **values: object) -> int:
    types = {
        name: JSON if isinstance(v, list | dict) else NAIVE if isinstance(v, dt.datetime) else None
        for name, v in values.items()
    }
    clause = sa.table(table, sa.column("id"), *(sa.column(n, t) for n, t in types.items()))
    return connection.execute(sa.insert(clause).values(**values).returning(clause.c.id)).scalar_one()


def _legacy_rows(engine: Engine) -> None:
    """What the previous revision stored, written with the columns it had: r-1 imported from a mission
    document (wall time in Osaka), r-0123abcd sent in the application (UTC), a version and a recommendation
    stamped with the server's local time."""
    with engine.begin() as c:
        mission = _insert(
            c,
            "mission",
            name="Osaka",
            slug="osaka",
            origin_country="LU",
            host_country="JP",
            cities=["Osaka"],
            start_date=dt.date(2025, 5, 24),
            end_date=dt.date(2025, 5, 31),
            timezone="Asia/Tokyo",
            languages=["en"],
            description="",
            organiser="",
        )
        org = _insert(
            c,
            "organisation",
            mission_id=mission,
            key="o",
            name="O",
            side="host",
            country="JP",
            city="",
            sectors=[],
            website="",
            description="",
        )
        anne, taro = (
            _insert(
                c,
                "participant",
                mission_id=mission,
                organisation_id=org,
                key=key,
                email=f"{key}@o.jp",
                first_name=key,
                last_name=key,
                job_title="",
                languages=["en"],
            )
            for key in ("anne", "taro")
        )
        request = {
            "mission_id": mission,
            "requester_id": anne,
            "recipient_id": taro,
            "priority": 2,
            "message": "",
        }
        _insert(
            c,
            "meeting_request",
            key="r-1",
            status="pending",
            created_at=dt.datetime(2025, 5, 10, 9, 0),
            expires_at=dt.datetime(2025, 5, 20, 9, 0),
            **request,
        )
        _insert(
            c,
            "meeting_request",
            key="r-0123abcd",
            status="pending",
            created_at=dt.datetime(2025, 5, 12, 8, 30),
            **request,
        )
        _insert(
            c,
            "schedule_version",
            mission_id=mission,
            number=1,
            published_at=LOCAL,
            published_by="",
            comment="",
            snapshot={},
            changelog=[],
            statistics={},
        )
        _insert(
            c,
            "recommendation",
            mission_id=mission,
            participant_id=anne,
            candidate_id=taro,
            rank=1,
            score=0.5,
            reasons={},
            suggested_meeting=False,
            embedder="test",
            created_at=LOCAL,
        )


def _stored(engine: Engine) -> dict[str, object]:
    with make_session_factory(engine)() as session:
        requests = {r.key: (r.created_at, r.expires_at) for r in session.scalars(select(MeetingRequest))}
        return {
            "r-1": requests["r-1"],
            "r-0123abcd": requests["r-0123abcd"],
            "published": session.scalar(select(ScheduleVersion.published_at)),
            "recommended": session.scalar(select(Recommendation.created_at)),
        }


def test_the_upgrade_converts_time_stamps_written_on_other_clocks(
    empty_engine: Engine, server_in_tokyo: None
) -> None:
    migrate.upgrade(empty_engine, LEGACY)
    _legacy_rows(empty_engine)
    migrate.upgrade(empty_engine)
    utc = dt.UTC
    assert _stored(empty_engine) == {
        "r-1": (dt.datetime(2025, 5, 10, 0, 0, tzinfo=utc), dt.datetime(2025, 5, 20, 0, 0, tzinfo=utc)),
        "r-0123abcd": (dt.datetime(2025, 5, 12, 8, 30, tzinfo=utc), None),
        "published": UTC_NOON,
        "recommended": UTC_NOON,
    }


def test_the_downgrade_puts_the_legacy_values_back(empty_engine: Engine, server_in_tokyo: None) -> None:
    migrate.upgrade(empty_engine, LEGACY)
    _legacy_rows(empty_engine)
    naive = sa.DateTime()
    legacy = sa.table(
        "meeting_request", sa.column("key"), sa.column("created_at", naive), sa.column("expires_at", naive)
    )
    with empty_engine.connect() as connection:
        before = connection.execute(sa.select(legacy).order_by(legacy.c.key)).all()
    migrate.upgrade(empty_engine)
    migrate.downgrade(empty_engine, LEGACY)
    with empty_engine.connect() as connection:
        assert connection.execute(sa.select(legacy).order_by(legacy.c.key)).all() == before
        published = connection.execute(
            sa.select(sa.column("published_at", NAIVE)).select_from(sa.table("schedule_version"))
        )
        assert published.scalar_one() == LOCAL
