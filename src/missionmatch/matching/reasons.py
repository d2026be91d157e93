"""Reasons for one recommendation: the sentences that matched, shared sectors and the language path."""

from __future__ import annotations

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.directional import best_pair
from missionmatch.matching.language import language_path
from missionmatch.matching.profile import Reasons, SentenceMatch
from missionmatch.matching.units import EmbeddedProfiles


def _match(ep: EmbeddedProfiles, asker: int, answerer: int) -> SentenceMatch | None:
    # sentences, not whole fields: the reason must name the need that was answered and the offer answering it
    found = best_pair(ep.needs, ep.offers, asker, answerer, whole_fields=False)
    behind = best_pair(ep.needs, ep.offers, asker, answerer)
    if found is None or behind is None:
        return None
    need_row, offer_row, sim = found
    a, b = ep.profiles[asker], ep.profiles[answerer]
    return SentenceMatch(
        need_profile=a.id,
        need=ep.needs.texts[need_row],
        need_language=a.language,
        offer_profile=b.id,
        offer=ep.offers.texts[offer_row],
        offer_language=b.language,
        similarity=sim,
        support=behind[2],
    )


def explain(ep: EmbeddedProfiles, i: int, j: int, config: MatchConfig) -> Reasons:
    a, b = ep.profiles[i], ep.profiles[j]
    shared = tuple(s for s in a.sectors if s in set(b.sectors))
    path = language_path(a.languages, b.languages, config, a.language, b.language) or "none"
    return Reasons(
        my_need=_match(ep, i, j), their_need=_match(ep, j, i), shared_sectors=shared, language_path=path
    )
