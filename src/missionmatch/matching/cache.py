"""Embedding cache keyed by (embedder name, text hash), so re-running a mission only embeds what changed.

The store is a small protocol: the bundled one is a SQLite file in a cache directory; the database layer can
provide its own (e.g. a table) without the matcher importing it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from missionmatch.matching.embedders import Embedder


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingStore(Protocol):
    def get_many(self, embedder: str, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, embedder: str, items: Iterable[tuple[str, np.ndarray]]) -> None: ...


class MemoryStore:
    def __init__(self) -> None:
        self._data: dict[tuple[str, str], np.ndarray] = {}

    def get_many(self, embedder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        return {k: self._data[(embedder, k)] for k in keys if (embedder, k) in self._data}

    def put_many(self, embedder: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        for k, v in items:
            self._data[(embedder, k)] = np.asarray(v, np.float32)


class SqliteStore:
    """One file, `embeddings.sqlite`, under the cache directory; vectors stored as raw float32 bytes."""

    def __init__(self, cache_dir: str | Path) -> None:
        path = Path(cache_dir)
        path.mkdir(parents=True, exist_ok=True)
        self.path = path / "embeddings.sqlite"
        self._db = sqlite3.connect(self.path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS emb (embedder TEXT, key TEXT, vec BLOB, PRIMARY KEY (embedder, key))"
        )
        self._db.commit()

    def get_many(self, embedder: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        uniq = list(dict.fromkeys(keys))
        for i in range(0, len(uniq), 500):  # SQLite's bound-parameter limit
            chunk = uniq[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM emb WHERE embedder = ? AND key IN ({marks})", [embedder, *chunk]
            )
            for key, blob in rows:
                out[key] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, embedder: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO emb VALUES (?, ?, ?)",
            [(embedder, k, np.asarray(v, np.float32).tobytes()) for k, v in items],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


class CachedEmbedder:
    """An `Embedder` that asks its store first and embeds only the texts it has never seen (each once)."""

    def __init__(self, inner: Embedder, store: EmbeddingStore) -> None:
        self.inner = inner
        self.store = store
        self.name = inner.name
        self.dim = inner.dim
        self.embedded = 0  # texts actually sent to the model, for tests and reports

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        found = self.store.get_many(self.name, keys)
        missing: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in found:
                missing.setdefault(k, t)
        if missing:
            vecs = self.inner.embed(list(missing.values()))
            fresh = list(zip(missing.keys(), vecs, strict=True))
            self.store.put_many(self.name, fresh)
            found.update(fresh)
            self.embedded += len(missing)
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return np.vstack([found[k] for k in keys]).astype(np.float32)
