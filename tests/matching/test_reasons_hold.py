"""The reason shown with a recommendation names the need sentence and the offer sentence that matched (issue
13, "reasons that hold"), over hand-written pairs whose other sentences are same-trade distractors."""

import pytest

from missionmatch.matching import CombinedEmbedder, MatchConfig, Profile, recommend
from tests.matching.reason_pairs import CASES


def _profiles() -> list[Profile]:
    out = []
    for k, case in enumerate(CASES):
        out.append(
            Profile(
                f"ask-{k}",
                "LU",
                f"Asker {k}",
                case.asker_language,
                offers="",
                needs=" ".join(case.needs),
            )
        )
        out.append(
            Profile(
                f"ans-{k}",
                "JP",
                f"Answerer {k}",
                case.answerer_language,
                offers=" ".join(case.offers),
                needs="",
            )
        )
    return out


@pytest.fixture(scope="module")
def result(e5_model, use_model):
    # the default embedder (combo), every candidate listed so that each pair's reason can be read
    combo = CombinedEmbedder([e5_model, use_model])
    return recommend(_profiles(), combo, MatchConfig(top_k=len(CASES), use_quality_floor=False))


@pytest.mark.parametrize("k", range(len(CASES)), ids=[c.name for c in CASES])
def test_the_reason_names_the_need_and_the_offer_that_matched(result, k: int) -> None:
    case = CASES[k]
    rec = next(r for r in result.recommendations[f"ask-{k}"] if r.candidate == f"ans-{k}")
    match = rec.reasons.my_need
    assert (match.need, match.offer) == (case.needs[case.right_need], case.offers[case.right_offer])
    assert (match.need_language, match.offer_language) == (case.asker_language, case.answerer_language)
