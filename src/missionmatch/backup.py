"""Backups of the whole database, taken while the application runs, and their restore.

SQLite: the online backup API copies a consistent snapshot page by page (readers and writers go on); restore
copies a backup file back into the live database the same way. PostgreSQL: `pg_dump --format=custom`, and
`pg_restore --clean --if-exists --single-transaction` (all or nothing). A restored database may be of an
older schema: the next command migrates it, like any database.
"""

import glob
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done, in words for the operator."""


def backup(database_url: str, destination: Path) -> None:
    url = make_url(database_url)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(_sqlite_path(url), destination)
    else:
        _pg_tool("pg_dump", url, ["--format=custom", "--no-owner", f"--file={destination}"])


def restore(database_url: str, source: Path) -> None:
    url = make_url(database_url)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    kind = _kind(source)
    if url.get_backend_name() == "sqlite":
        if kind != "sqlite":
            raise BackupError(f"{source} is not a SQLite backup (it is {kind}); the database is SQLite")
        _sqlite_copy(source, _sqlite_path(url))
    else:
        if kind != "postgresql":
            raise BackupError(f"{source} is not a pg_dump backup (it is {kind}); the database is PostgreSQL")
        _pg_tool(
            "pg_restore", url, ["--clean", "--if-exists", "--no-owner", "--single-transaction", str(source)]
        )


def _kind(path: Path) -> str:
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    return "an unknown format"


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source}: no such database")
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target, timeout=30)) as writer:
        reader.backup(writer)  # a consistent snapshot, even while the application writes


def _pg_binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (Debian: postgresql-client)")
    return found


def _pg_tool(name: str, url: URL, arguments: list[str]) -> None:
    # connection from the URL; the password goes through the environment, never the process list
    connection = [
        f"--dbname={url.database}",
        f"--host={url.host or 'localhost'}",
        f"--port={url.port or 5432}",
    ]
    if url.username:
        connection.append(f"--username={url.username}")
    env = {**os.environ, "PGPASSWORD": url.password or os.environ.get("PGPASSWORD", "")}
    result = subprocess.run(
        [_pg_binary(name), *connection, *arguments], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed: {result.stderr.strip()}")
