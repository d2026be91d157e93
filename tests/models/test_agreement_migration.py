"""Migration c3e1a9d4b7f2 on both databases: `cancelled` agreements become `abandoned`, the CHECK takes the
new statuses and refuses the old one, and the downgrade gives the old values back."""

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from missionmatch import migrate

REVISION = "c3e1a9d4b7f2"
BEFORE = ScriptDirectory.from_config(migrate.alembic_config()).get_revision(REVISION).down_revision


def _mission_with_agreements(engine: Engine, statuses: list[str]) -> None:
    with engine.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO mission (id, name, slug, origin_country, host_country, cities, start_date, "
                "end_date, timezone, languages, description, organiser, directory_visibility, "
                "show_contact_emails) VALUES (1, 'M', 'm', 'LU', 'JP', '[]', '2025-05-24', '2025-05-31', "
                "'Asia/Tokyo', '[]', '', '', 'other_side', false)"
            )
        )
        for number, status in enumerate(statuses, start=1):
            c.execute(
                sa.text(
                    "INSERT INTO agreement (id, mission_id, key, title, kind, status, description) "
                    "VALUES (:id, 1, :key, 'T', 'mou', :status, '')"
                ),
                {"id": number, "key": f"a-{number}", "status": status},
            )


def _statuses(engine: Engine) -> list[str]:
    with engine.connect() as c:
        return list(c.scalars(sa.text("SELECT status FROM agreement ORDER BY id")))


def test_cancelled_becomes_abandoned_and_the_check_takes_the_new_statuses(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine, BEFORE)
    _mission_with_agreements(empty_engine, ["draft", "cancelled", "signed"])
    migrate.upgrade(empty_engine, REVISION)
    assert _statuses(empty_engine) == ["draft", "abandoned", "signed"]
    with empty_engine.begin() as c:
        c.execute(sa.text("UPDATE agreement SET status = 'in_force' WHERE id = 3"))
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as c:
        c.execute(sa.text("UPDATE agreement SET status = 'cancelled' WHERE id = 1"))
    migrate.downgrade(empty_engine, BEFORE)
    assert _statuses(empty_engine) == ["draft", "cancelled", "signed"]
