"""Migration 061b757f9b7a on both databases: job.kind's CHECK takes `agendas` (refused before), job_file
exists; the downgrade removes agendas jobs and the table, and the CHECK refuses the kind again."""

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, inspect

from missionmatch import migrate

REVISION = "061b757f9b7a"
BEFORE = "5d1c0a7e9b21"
MISSION = (
    "INSERT INTO mission (id, name, slug, origin_country, host_country, cities, start_date, end_date, "
    "timezone, languages, description, organiser, directory_visibility, show_contact_emails) VALUES (1, 'M', "
    "'m', 'LU', 'JP', '[]', '2025-05-24', '2025-05-31', 'Asia/Tokyo', '[]', '', '', 'other_side', false)"
)


def _job(engine: Engine, job_id: int, kind: str) -> None:
    with engine.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO job (id, kind, mission_id, state, params, requested_by, stage, "
                "cancel_requested, created_at, error) "
                "VALUES (:id, :kind, 1, 'done', '{}', '', '', false, '2025-05-20 03:00', '')"
            ),
            {"id": job_id, "kind": kind},
        )


def _kinds(engine: Engine) -> list[str]:
    with engine.connect() as c:
        return list(c.scalars(sa.text("SELECT kind FROM job ORDER BY id")))


def test_the_check_takes_agendas_after_the_upgrade_and_refuses_it_after_the_downgrade(
    empty_engine: Engine,
) -> None:
    migrate.upgrade(empty_engine, BEFORE)
    with empty_engine.begin() as c:
        c.execute(sa.text(MISSION))
    _job(empty_engine, 1, "match")
    with pytest.raises(sa.exc.IntegrityError):
        _job(empty_engine, 2, "agendas")
    migrate.upgrade(empty_engine, REVISION)
    _job(empty_engine, 2, "agendas")
    with pytest.raises(sa.exc.IntegrityError):
        _job(empty_engine, 3, "no_such_kind")
    assert _kinds(empty_engine) == ["match", "agendas"]
    assert "job_file" in inspect(empty_engine).get_table_names()
    migrate.downgrade(empty_engine, BEFORE)
    assert _kinds(empty_engine) == ["match"]
    assert "job_file" not in inspect(empty_engine).get_table_names()
    with pytest.raises(sa.exc.IntegrityError):
        _job(empty_engine, 4, "agendas")
