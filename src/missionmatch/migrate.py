"""Schema migrations (Alembic), callable from the CLI and from tests without an alembic.ini."""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # dated file names, as Indico does: a history a person can read
    config.set_main_option(
        "file_template", "%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s"
    )
    return config


@dataclass(frozen=True)
class Migrated:
    """What an upgrade changed: the revision before (None for an empty database) and after."""

    before: str | None
    after: str | None

    def describe(self, engine: Engine) -> str:
        where = engine.url.render_as_string(hide_password=True)
        before = self.before or "an empty database"
        return f"Database {where} migrated from {before} to {self.after}."


def upgrade(engine: Engine, revision: str = "head") -> Migrated | None:
    """Applies the migrations up to REVISION; says what changed (None when nothing did), so that every
    interface can tell the organiser that their database was migrated."""
    config = alembic_config()
    before = current_revision(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    after = current_revision(engine)
    return Migrated(before, after) if after != before else None


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a migration from the models (developer tool)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
