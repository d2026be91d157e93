"""Shared fixtures: storage tests run on SQLite and on a real, throwaway PostgreSQL cluster."""

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import make_engine, make_session_factory
from tests import postgres_cluster

# tasks run where they are enqueued, unless a test starts a real worker (tests/tasks/test_worker_process.py)
os.environ.setdefault("MISSIONMATCH_QUEUE_URL", "immediate:")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
_database_numbers = itertools.count()

# CI draws the same examples on every run, so that a red build can be reproduced; local runs keep exploring
# new ones (where today's hypothesis finds were made)
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """argon2id at its lowest cost for the whole run: at the default cost each organiser created or signed
    in takes 0.2 s of CPU (a few hundred a run). Same algorithm, salts and checks; the cost is no test's
    subject (tests/services/test_login_throttle.py did this first)."""
    from argon2 import PasswordHasher

    from missionmatch.services import accounts

    cheap = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_HASHER", cheap)
        patch.setattr(accounts, "_DUMMY_HASH", cheap.hash("not a password"))
        yield


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[postgres_cluster.Cluster]:
    cluster = postgres_cluster.start()
    yield cluster
    postgres_cluster.stop(cluster)


def _run_admin(cluster: postgres_cluster.Cluster, statement: str) -> None:
    admin = make_engine(cluster.url())
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(statement))
    admin.dispose()


def _create_database(cluster: postgres_cluster.Cluster, template: str | None = None) -> str:
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    # FILE_COPY: half the time of the default WAL_LOG for a small template (PostgreSQL 15+)
    copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
    _run_admin(cluster, f'CREATE DATABASE "{name}"{copy}')
    return name


def _drop_database(cluster: postgres_cluster.Cluster, engine: Engine) -> None:
    """Dropped after its test (FORCE: a connection a test left open must not keep it): the cluster stays
    small, instead of holding some 8 MB of files a test until its removal at the end of the run."""
    engine.dispose()
    _run_admin(cluster, f'DROP DATABASE "{engine.url.database}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a brand-new, empty database of each kind."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        engine = make_engine(cluster.url(_create_database(cluster)))
    yield engine
    engine.dispose()
    if request.param == "postgresql":
        _drop_database(cluster, engine)


# Migrating costs 1-2 s a database (about 600 of them a run: most of the storage tests' time); so the
# newest schema is built once a session per kind, and each test gets its own copy (a file copy for SQLite,
# PostgreSQL's CREATE DATABASE ... TEMPLATE): the same schema, made by the same migrations.
# tests/models/test_migrations*.py and the data migration tests still migrate `empty_engine` step by step.
@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from missionmatch import migrate

    path = tmp_path_factory.mktemp("schema") / "migrated.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: postgres_cluster.Cluster) -> str:
    """The name of a database migrated to the newest schema, never connected to after (a template)."""
    from missionmatch import migrate

    name = _create_database(pg_cluster)
    engine = make_engine(pg_cluster.url(name))
    migrate.upgrade(engine)
    engine.dispose()  # CREATE DATABASE ... TEMPLATE refuses a template with open connections
    return name


def _migrated_sqlite(template: Path, path: Path) -> Engine:
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a brand-new database of each kind, migrated to the newest schema."""
    if request.param == "sqlite":
        migrated = _migrated_sqlite(request.getfixturevalue("sqlite_template"), tmp_path / "test.db")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        name = _create_database(cluster, template=request.getfixturevalue("pg_template"))
        migrated = make_engine(cluster.url(name))
    yield migrated
    migrated.dispose()
    if request.param == "postgresql":
        _drop_database(cluster, migrated)


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def sqlite_factory(sqlite_template: Path, tmp_path: Path) -> sessionmaker[Session]:
    """SQLite only, for tests about logic rather than storage."""
    return make_session_factory(_migrated_sqlite(sqlite_template, tmp_path / "logic.db"))
