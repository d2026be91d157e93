"""Sentence splitting for profile texts in French, English, German and Japanese.

Profiles often pack several needs into one paragraph; matching sentence by sentence keeps one strong need from
being diluted by the company's self-description around it.
"""

from __future__ import annotations

import re

# Japanese (and full-width) terminators end a sentence with no following space.
_CJK_END = re.compile(r"(?<=[。！？])")
# Latin terminators end a sentence only before whitespace and a capital/digit/opening quote, so that
# "S.A.", "e.g. the", "2.5 GW" and URLs stay whole.
_LATIN_END = re.compile(r"(?<=[.!?])\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-Þ0-9])")
# Abbreviations that take a capital after them and must not end a sentence. A lone capital is an initial
# ("J. Smith", "S.A.") but not a unit after a degree sign: "90 °C." ends a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:(?<!°)[A-Z]|Dr|Mr|Mrs|Ms|Prof|St|Nr|bzw|ca|z\.B|d\.h|u\.a|etc|vs|Co|Inc|Ltd)\.)$"
)

MIN_CHARS = 3


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, stripped, in order; empty text gives an empty list."""
    text = " ".join(text.split())
    if not text:
        return []
    out: list[str] = []
    for chunk in _CJK_END.split(text):
        pieces = _LATIN_END.split(chunk)
        merged: list[str] = []
        for piece in pieces:
            if merged and _ABBREV.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out.extend(p.strip() for p in merged)
    return [s for s in out if len(s) >= MIN_CHARS]


def units(text: str) -> list[str]:
    """The texts a field is scored by: each sentence, plus the whole field when it has several sentences
    (the whole gives context a lone sentence such as "We also need a distributor." lacks)."""
    sents = split_sentences(text)
    whole = " ".join(text.split())
    if len(sents) > 1:
        sents.append(whole)
    return sents
