"""Engine and session factory: the only global state of the application."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.settings import PoolSettings, load_settings


def make_engine(url: str | None = None, pool: PoolSettings | None = None) -> Engine:
    settings = load_settings()
    url = url or settings.database_url
    pool = pool or settings.pool
    # sized from the environment (MISSIONMATCH_DB_POOL_*): the web gate admits `pool.size` requests at once
    sizing = {"pool_size": pool.size, "max_overflow": pool.max_overflow, "pool_timeout": pool.timeout}
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return create_engine(url)
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS}, **sizing)
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, **sizing)


# a writer waits this long for SQLite's single write lock (another request's commit) before failing
SQLITE_BUSY_SECONDS = 30


def _configure_sqlite(dbapi_connection, _record) -> None:
    # WAL lets the web server read while an import writes; SQLite leaves foreign keys off unless asked.
    # synchronous=NORMAL is safe with WAL (never corrupts) and saves an fsync per commit: under a rush of
    # meeting requests the write lock is held a fraction as long.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# ids are 64-bit on PostgreSQL and SQLite: a larger (or non-positive) one names no row
MAX_ID = 2**63 - 1


class AppSession(Session):
    """A Session whose `get` answers None for an id no row can have (say 2**70 from a URL or a JSON body)
    instead of an OverflowError or an out-of-range error from the driver: not found, like any missing row."""

    def get(self, entity, ident, **kwargs):
        if isinstance(ident, int) and not isinstance(ident, bool) and not 1 <= ident <= MAX_ID:
            return None
        return super().get(entity, ident, **kwargs)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, class_=AppSession)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose work is committed as a whole or not at all."""
    with factory() as session, session.begin():
        yield session
