"""Shared fixtures: storage tests run on SQLite and on a real, throwaway PostgreSQL cluster."""

import itertools
import os
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


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[postgres_cluster.Cluster]:
    cluster = postgres_cluster.start()
    yield cluster
    postgres_cluster.stop(cluster)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a brand-new, empty database of each kind."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        name = f"test_{os.getpid()}_{next(_database_numbers)}"
        admin = make_engine(cluster.url())
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        engine = make_engine(cluster.url(name))
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """An engine on a database migrated to the newest schema."""
    from missionmatch import migrate

    migrate.upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def sqlite_factory(tmp_path: Path) -> sessionmaker[Session]:
    """SQLite only, for tests about logic rather than storage."""
    from missionmatch import migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'logic.db'}")
    migrate.upgrade(engine)
    return make_session_factory(engine)
