"""Shared-term evidence: rare words written the same way in one profile's needs and the other's offers.

Sentence embeddings blur what a pair shares literally: "matcha", "SOPARFI", "10218" (ISO 10218), "CO2",
"titanium" / "titane" / "Titan". Product names, codes, standards and Latin-script cognates survive
translation, also inside Japanese text, so they are evidence across languages without a lexicon. Words are
cut to their first `stem` characters (accents and case ignored) and weighted by rarity in the mission (IDF);
a term in more than `max_df` of the fields says nothing ("company", "Europe"). Needs against offers only:
two companies selling the same thing share terms too, and they are competitors, not partners.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from missionmatch.matching.profile import Profile

# Latin-script runs (with accented letters) after NFKC and case folding; accents are dropped per word, so the
# rest of a Japanese text is never decomposed character by character
_WORD = re.compile(r"[0-9a-z\u00c0-\u024f][0-9a-z\u00c0-\u024f+\-]*")
# shorter words are mostly function words ("the", "des", "und"); shorter codes count when they hold a digit.
# Three-letter acronyms ("CLT", "SAP") measured no better (docs/benchmarks-matching.md), so they are left out
MIN_LETTERS = 4


def terms(text: str, stem: int) -> set[str]:
    """The stemmed Latin-script terms of a text (full-width letters folded, accents dropped)."""
    out = set()
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text).casefold()):
        word = match.group(0).strip("+-")
        if not word.isascii():
            decomposed = unicodedata.normalize("NFKD", word)
            word = "".join(c for c in decomposed if not unicodedata.combining(c))
        has_digit = any(c.isdigit() for c in word)
        if len(word) >= MIN_LETTERS or (has_digit and any(c.isalpha() for c in word)):
            out.add(word[:stem])
    return out


@dataclass(frozen=True)
class TermVectors:
    """Unit-length IDF vectors of every profile's needs and offers, as sorted term ids and weights."""

    need_terms: list[np.ndarray]
    need_weights: list[np.ndarray]
    offer_terms: list[np.ndarray]
    offer_weights: list[np.ndarray]

    def __len__(self) -> int:
        return len(self.need_terms)

    def answered(self, i: int, cols: np.ndarray) -> np.ndarray:
        """Cosine of i's need terms with the offer terms of each profile in `cols`."""
        return _cosines(self.need_terms[i], self.need_weights[i], self.offer_terms, self.offer_weights, cols)

    def offered(self, i: int, cols: np.ndarray) -> np.ndarray:
        """Cosine of i's offer terms with the need terms of each profile in `cols`."""
        return _cosines(self.offer_terms[i], self.offer_weights[i], self.need_terms, self.need_weights, cols)

    def pair_scores(self, i: int, cols: np.ndarray) -> np.ndarray:
        """Mean of the two directions, like the sentence score: in [0, 1], 0 when nothing is shared."""
        return 0.5 * (self.answered(i, cols) + self.offered(i, cols))


def _cosines(
    ids: np.ndarray,
    weights: np.ndarray,
    other_ids: list[np.ndarray],
    other_w: list[np.ndarray],
    cols: np.ndarray,
) -> np.ndarray:
    """Dot products of one sparse vector with those of `cols`, in a few vectorised steps per row."""
    if not len(ids) or not len(cols):
        return np.zeros(len(cols), np.float32)
    theirs = np.concatenate([other_ids[j] for j in cols])
    their_w = np.concatenate([other_w[j] for j in cols])
    owner = np.repeat(np.arange(len(cols)), [len(other_ids[j]) for j in cols])
    pos = np.minimum(np.searchsorted(ids, theirs), len(ids) - 1)
    shared = ids[pos] == theirs
    products = np.where(shared, weights[pos] * their_w, 0.0)
    return np.bincount(owner, weights=products, minlength=len(cols)).astype(np.float32)


def term_vectors(profiles: Sequence[Profile], stem: int, max_df: float) -> TermVectors:
    need_sets = [terms(p.needs, stem) for p in profiles]
    offer_sets = [terms(p.offers, stem) for p in profiles]
    fields = 2 * max(len(profiles), 1)
    df = Counter(t for s in (*need_sets, *offer_sets) for t in s)
    # a term in one field only cannot connect two profiles; a frequent one connects everybody
    idf = {t: math.log(fields / c) for t, c in df.items() if 2 <= c <= max_df * fields}
    vocab = {t: k for k, t in enumerate(sorted(idf))}

    def vectors(sets: list[set[str]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        ids_out, w_out = [], []
        for s in sets:
            kept = sorted(t for t in s if t in vocab)  # vocab ids follow the sorted terms
            w = np.array([idf[t] for t in kept], np.float32)
            norm = float(np.linalg.norm(w))
            ids_out.append(np.array([vocab[t] for t in kept], np.int64))
            w_out.append(w / norm if norm else w)
        return ids_out, w_out

    need_ids, need_w = vectors(need_sets)
    offer_ids, offer_w = vectors(offer_sets)
    return TermVectors(need_ids, need_w, offer_ids, offer_w)


def _postings(ids: list[np.ndarray], weights: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, profile, weight) of every entry, sorted by term."""
    owner = np.repeat(np.arange(len(ids)), [len(a) for a in ids])
    flat_ids = np.concatenate([*ids, np.zeros(0, np.int64)])
    flat_w = np.concatenate([*weights, np.zeros(0, np.float32)])
    order = np.argsort(flat_ids, kind="stable")
    return flat_ids[order], owner[order], flat_w[order]


def add_shared_terms(score: np.ndarray, tv: TermVectors, weight: float) -> None:
    """score += weight × pair_scores for every pair, in place and term by term: the terms are rare, so the
    pairs that share one are few, and no n × n temporary is made (the dense scorer holds enough of them)."""
    need_t, need_p, need_w = _postings(tv.need_terms, tv.need_weights)
    offer_t, offer_p, offer_w = _postings(tv.offer_terms, tv.offer_weights)
    half = np.float32(0.5 * weight)
    for t in np.intersect1d(need_t, offer_t):
        a = slice(*np.searchsorted(need_t, [t, t + 1]))
        b = slice(*np.searchsorted(offer_t, [t, t + 1]))
        block = half * np.outer(need_w[a], offer_w[b])
        # one entry per profile and term, so no index repeats within a block; both directions of the mean
        score[np.ix_(need_p[a], offer_p[b])] += block
        score[np.ix_(offer_p[b], need_p[a])] += block.T


def term_matrix(tv: TermVectors) -> np.ndarray:
    """pair_scores of every pair as an n × n matrix."""
    out = np.zeros((len(tv), len(tv)), np.float32)
    add_shared_terms(out, tv, 1.0)
    return out
