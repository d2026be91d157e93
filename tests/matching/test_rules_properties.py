"""Property tests of the hard rules on random missions (hash embedder: the rules do not depend on meaning)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from missionmatch.matching import MatchConfig, Profile, recommend
from missionmatch.matching.rules import norm_org
from tests.matching.support import HashEmbedder

WORDS = ["sensor", "fund", "satellite", "battery", "cloud", "robot", "clinic", "vibration", "logistics"]
text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(
    lambda ws: " ".join(ws) + ("." if ws else "")
)


@st.composite
def missions(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    profiles = []
    for i in range(n):
        profiles.append(
            Profile(
                id=f"p{i}",
                side=draw(st.sampled_from(["LU", "JP"])),
                organisation=draw(st.sampled_from(["Org A", "org a", "Org B", "Org C", f"Solo {i}", ""])),
                language=draw(st.sampled_from(["fr", "en", "de", "ja"])),
                sectors=tuple(draw(st.lists(st.sampled_from(["space", "ai", "health"]), max_size=2))),
                offers=draw(text),
                needs=draw(text),
                spoken=tuple(draw(st.lists(st.sampled_from(["en", "fr", "ja"]), max_size=2))),
            )
        )
    ids = [p.id for p in profiles]
    excluded = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=4))
    return profiles, excluded


@settings(max_examples=60, deadline=None)
@given(missions(), st.booleans(), st.booleans(), st.integers(min_value=1, max_value=5))
def test_rules_always_hold(mission, cross_only, interpreter, top_k) -> None:
    profiles, excluded = mission
    config = MatchConfig(top_k=top_k, cross_sides_only=cross_only, interpreter_available=interpreter)
    result = recommend(profiles, HashEmbedder(), config, excluded=excluded)
    by_id = {p.id: p for p in profiles}
    banned = {frozenset(pair) for pair in excluded}
    assert set(result.recommendations) == set(by_id)
    for pid, recs in result.ranked_ids().items():
        me = by_id[pid]
        assert len(recs) == len(set(recs)) <= top_k
        for other in recs:
            them = by_id[other]
            assert other != pid
            assert not (cross_only and them.side == me.side)
            assert not (me.organisation and norm_org(me.organisation) == norm_org(them.organisation))
            assert frozenset((pid, other)) not in banned
            assert interpreter or me.languages & them.languages
        # nobody allowed is left out while the list is shorter than top_k
        if len(recs) < top_k:
            allowed = [
                o
                for o in profiles
                if o.id != pid
                and not (cross_only and o.side == me.side)
                and not (me.organisation and norm_org(me.organisation) == norm_org(o.organisation))
                and frozenset((pid, o.id)) not in banned
                and (interpreter or me.languages & o.languages)
            ]
            assert len(recs) == len(allowed)
    keys = [(pair.a, pair.b) for pair in result.pairs]
    assert len(keys) == len(set(keys))
    for pair in result.pairs:
        a, b = by_id[pair.a], by_id[pair.b]
        assert pair.a < pair.b
        assert not (cross_only and a.side == b.side)
        assert not (a.organisation and norm_org(a.organisation) == norm_org(b.organisation))
        assert frozenset((pair.a, pair.b)) not in banned
