"""Sentence units of many profiles, embedded once, with the owner of each row.

Keeping needs and offers as flat arrays with an owner index lets the scorer work in a few large matrix
products instead of a Python loop over pairs (10,000 profiles must rank in seconds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from missionmatch.matching.embedders import Embedder
from missionmatch.matching.profile import Profile
from missionmatch.matching.sentences import units


@dataclass(frozen=True)
class UnitSet:
    """Rows of `vecs` grouped by profile: rows `starts[p]:starts[p+1]` belong to profile p (possibly none)."""

    texts: list[str]
    vecs: np.ndarray
    starts: np.ndarray

    def owner(self) -> np.ndarray:
        counts = np.diff(self.starts)
        return np.repeat(np.arange(len(counts)), counts)

    def rows_of(self, p: int) -> range:
        return range(int(self.starts[p]), int(self.starts[p + 1]))

    def sentence_rows_of(self, p: int) -> range:
        """rows_of without the whole-field unit, which `sentences.units` appends last to a field of several
        sentences: what a reason may quote."""
        rows = self.rows_of(p)
        return rows if len(rows) <= 1 else rows[:-1]

    def has_units(self) -> np.ndarray:
        return np.diff(self.starts) > 0


@dataclass(frozen=True)
class EmbeddedProfiles:
    profiles: list[Profile]
    needs: UnitSet
    offers: UnitSet


def embed_profiles(profiles: Sequence[Profile], embedder: Embedder) -> EmbeddedProfiles:
    """Split every profile into need and offer units and embed all distinct texts in one call."""
    need_texts = [units(p.needs) for p in profiles]
    offer_texts = [units(p.offers) for p in profiles]
    distinct = list(dict.fromkeys(t for group in (*need_texts, *offer_texts) for t in group))
    index = {t: i for i, t in enumerate(distinct)}
    table = embedder.embed(distinct) if distinct else np.zeros((0, embedder.dim), np.float32)

    n_needs = sum(len(g) for g in need_texts)
    if len(distinct) == n_needs + sum(len(g) for g in offer_texts):
        # no text repeats: the table is the needs then the offers, in order; slice it rather than copy it
        # (100,000 profiles hold ~2 GB of vectors)
        return EmbeddedProfiles(
            list(profiles),
            _unit_set(need_texts, table[:n_needs]),
            _unit_set(offer_texts, table[n_needs:]),
        )
    return EmbeddedProfiles(
        list(profiles),
        _unit_set(need_texts, table[[index[t] for g in need_texts for t in g]]),
        _unit_set(offer_texts, table[[index[t] for g in offer_texts for t in g]]),
    )


def _unit_set(groups: list[list[str]], vecs: np.ndarray) -> UnitSet:
    starts = np.concatenate([[0], np.cumsum([len(g) for g in groups])]).astype(np.int64)
    return UnitSet([t for g in groups for t in g], np.ascontiguousarray(vecs, dtype=np.float32), starts)
