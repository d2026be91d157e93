"""Migration c4a9e2d7b513 gives every existing campaign a key made from its name, unique (a second campaign
whose name makes the same key gets `-2`), and keeps the missions in their campaigns."""

import datetime as dt

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from missionmatch import migrate

BEFORE = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("c4a9e2d7b513").down_revision


def _insert(connection: sa.Connection, table: str, **values: object) -> int:
    columns = [sa.column(name, sa.JSON() if isinstance(v, list) else None) for name, v in values.items()]
    clause = sa.table(table, sa.column("id"), *columns)
    return connection.execute(sa.insert(clause).values(**values).returning(clause.c.id)).scalar_one()


def test_existing_campaigns_get_unique_keys_and_keep_their_missions(empty_engine: Engine) -> None:
    assert isinstance(BEFORE, str)
    migrate.upgrade(empty_engine, BEFORE)
    with empty_engine.begin() as connection:
        first = _insert(connection, "campaign", name="Luxembourg–Japan 2025", description="")
        second = _insert(connection, "campaign", name="Luxembourg / Japan (2025)", description="")
        third = _insert(connection, "campaign", name="日本ミッション", description="")
        _insert(
            connection,
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
            campaign_id=first,
        )
    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        keys = dict(connection.execute(sa.text("SELECT id, key FROM campaign")).all())
        kept = connection.execute(sa.text("SELECT campaign_id FROM mission")).scalar_one()
    assert keys == {first: "luxembourg-japan-2025", second: "luxembourg-japan-2025-2", third: "campaign"}
    assert kept == first
    migrate.downgrade(empty_engine, BEFORE)
    with empty_engine.connect() as connection:
        assert connection.execute(sa.text("SELECT campaign_id FROM mission")).scalar_one() == first
