from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from missionmatch import migrate
from missionmatch.models import Base


def test_migrations_produce_the_schema_of_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_records_the_head_revision(engine: Engine) -> None:
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_downgrade_to_base_removes_every_table(engine: Engine) -> None:
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
