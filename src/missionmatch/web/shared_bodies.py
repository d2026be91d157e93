"""Rendered bodies kept in a directory that the web processes of one server share (`missionmatch serve
--workers N` gives them one), beside each process's own in-memory LRU (web/page_cache.py): a page one
process rendered is a hit in the others, instead of each process rendering every participant's page once.

A file is named by the body's key, which holds the mission's content revision: once written it never
becomes wrong (a body that reads the clock carries its end), so there is nothing to invalidate; old files
are pruned, the oldest first. Writes are atomic (a temporary file renamed), so a reader never sees half a
body. The files hold personal pages: the directory is the server's alone (mode 0700)."""

import datetime as dt
import os
import tempfile
from pathlib import Path

from missionmatch.web.page_cache import Cached

PRUNE_EVERY = 200  # writes between two prunings of a directory kept under `entries` files


class SharedBodies:
    def __init__(self, directory: Path, entries: int) -> None:
        self.directory = directory
        self.entries = entries
        self._writes = 0
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _path(self, etag: str) -> Path:
        return self.directory / etag.strip('"')  # hexadecimal (page_cache.cache_key): a plain file name

    def get(self, etag: str) -> Cached | None:
        try:
            kept = self._path(etag).read_bytes()
        except OSError:
            return None
        header, _, body = kept.partition(b"\n")
        media_type, _, until = header.decode().partition("\t")
        found = Cached(body, media_type, dt.datetime.fromisoformat(until) if until else None)
        return found if found.fresh() else None

    def put(self, etag: str, cached: Cached) -> None:
        until = cached.fresh_until.isoformat() if cached.fresh_until else ""
        header = f"{cached.media_type}\t{until}\n".encode()
        descriptor, temporary = tempfile.mkstemp(dir=self.directory, prefix=".")
        with os.fdopen(descriptor, "wb") as file:
            file.write(header + cached.body)
        os.replace(temporary, self._path(etag))
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self.prune()

    def prune(self) -> None:
        """Down to `entries` files, the oldest written first (another process may prune at the same time)."""
        files = []
        for entry in os.scandir(self.directory):
            try:
                files.append((entry.stat().st_mtime, entry.path))
            except OSError:
                continue  # pruned meanwhile
        for _, path in sorted(files)[: max(0, len(files) - self.entries)]:
            Path(path).unlink(missing_ok=True)
