"""Recommendations per organisation pair: one card for a company instead of one per representative.

A host company sending three people matched with a delegate gave three cards with the same texts. Here the
person-level recommendations of a participant and of their colleagues are grouped by the recommended
organisation: the card names who of that organisation to meet (best first), which colleagues were matched
with it too (they should come along), and the best recommendation, whose reasons explain the card.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonMatch:
    """One person-level recommendation: `candidate` (of `organisation`) recommended to `participant`."""

    participant: int
    candidate: int
    organisation: int
    score: float
    rank: int  # 1 = best, within the participant's own list


@dataclass(frozen=True)
class CompanyCard:
    organisation: int
    best: PersonMatch  # the viewer's best match in that organisation: its reasons explain the card
    meet: tuple[int, ...]  # that organisation's people recommended to the viewer, best first
    colleagues: tuple[int, ...]  # the viewer's colleagues matched with that organisation too, best first


def company_cards(viewer: int, matches: Sequence[PersonMatch]) -> list[CompanyCard]:
    """The viewer's cards, in the order of their best match; `matches` holds the viewer's recommendations
    and their colleagues' (others are ignored)."""
    own = sorted((m for m in matches if m.participant == viewer), key=lambda m: (m.rank, m.candidate))
    by_organisation: dict[int, list[PersonMatch]] = {}
    for match in own:
        by_organisation.setdefault(match.organisation, []).append(match)
    cards = []
    for organisation, found in by_organisation.items():
        theirs = sorted(
            (m for m in matches if m.participant != viewer and m.organisation == organisation),
            key=lambda m: (-m.score, m.participant),
        )
        colleagues = tuple(dict.fromkeys(m.participant for m in theirs))
        meet = tuple(dict.fromkeys(m.candidate for m in found))
        cards.append(CompanyCard(organisation, found[0], meet, colleagues))
    return cards
