"""Suggested meetings for the scheduler: pairs that rank each other near the top, best first.

A mission fills empty slots with these; requiring both directions avoids proposing a meeting that only one
side would want.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from missionmatch.matching.profile import SuggestedPair


def mutual_pairs(
    ids: Sequence[str], ranked: dict[int, list[int]], prob: Callable[[int, int], float], max_rank: int
) -> list[SuggestedPair]:
    """Pairs (i, j) with j in the first `max_rank` of i and i in the first `max_rank` of j; the pair's score
    is the smaller of the two row-normalised probabilities, so it is high only when both sides agree."""
    top = {i: set(lst[:max_rank]) for i, lst in ranked.items()}
    pairs: list[SuggestedPair] = []
    for i, mine in top.items():
        for j in mine:
            if i < j and i in top.get(j, set()):
                a, b = sorted((ids[i], ids[j]))
                pairs.append(SuggestedPair(a, b, min(prob(i, j), prob(j, i))))
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return pairs
