"""Shared-term evidence: which words count, how rare terms weigh, and that the matcher uses them across
languages where the sentence vectors alone cannot tell two candidates apart."""

from dataclasses import replace

import numpy as np
import pytest

from missionmatch.matching import MatchConfig, Profile, recommend
from missionmatch.matching.term_evidence import term_matrix, term_vectors, terms


class SameVector:
    """Every text gets the same vector: the sentences cannot tell any two candidates apart."""

    name = "same-vector-test"
    dim = 4

    def embed(self, texts):
        return np.tile(np.array([[1.0, 0.0, 0.0, 0.0]], np.float32), (len(texts), 1))


def test_cognates_codes_and_latin_words_inside_japanese_are_terms() -> None:
    assert terms("Titanium parts; pièces en titane; Teile aus Titan.", 4) == {"tita", "part", "piec", "teil"}
    assert terms("ＣＯ２を削減するISO 10218準拠のロボット", 4) == {"co2", "1021"}
    assert terms("We sell the best tea in Japan", 100) == {"sell", "best", "japan"}  # "the", "tea": too short


def profile(pid: str, side: str, offers: str, needs: str, language: str = "en") -> Profile:
    return Profile(pid, side, f"Org {pid}", language, offers=offers, needs=needs)


def filler(k: int) -> list[Profile]:
    """Profiles that share no term with anyone (their words are unique), so document frequencies are low."""
    sides = ("JP", "LU")
    return [profile(f"f{k}-{i}", sides[i % 2], f"Unique{k}x{i}a.", f"Unique{k}x{i}b.") for i in range(40)]


def test_a_rare_shared_term_scores_and_a_frequent_one_does_not() -> None:
    profiles = [
        profile("buyer", "LU", "Cafés.", "We need organic matcha and a supplier for our company."),
        profile("seller", "JP", "Organic matcha for your company.", "Buyers."),
        *[profile(f"c{i}", "JP", "Our company.", "A company.") for i in range(10)],
        *filler(0),
    ]
    tv = term_vectors(profiles, stem=100, max_df=0.05)
    m = term_matrix(tv)
    # "company" is in 24 of 104 fields (over 5 %): only "organic" and "matcha" connect buyer and seller
    assert m[0, 1] == m[1, 0] > 0
    assert m[0, 2] == 0.0
    cols = np.arange(len(profiles))
    assert m[0] == pytest.approx(tv.pair_scores(0, cols))
    assert tv.answered(0, np.array([1]))[0] == pytest.approx(1.0)  # both of its rare need terms are offered
    assert tv.offered(0, np.array([1]))[0] == 0.0  # "Cafés." answers nothing of "Buyers."


def test_the_candidate_with_the_shared_product_name_comes_first_across_languages() -> None:
    query = profile("lu-cafe", "LU", "Huit cafés à Luxembourg.", "Nous cherchons du matcha bio.", "fr")
    wrong = profile("jp-tea", "JP", "ペットボトル入りの緑茶飲料を製造しています。", "欧州の卸。", "ja")
    right = profile("jp-matcha", "JP", "有機抹茶（matcha）を生産しています。", "欧州の顧客。", "ja")
    profiles = [query, wrong, right, *filler(1)]
    config = MatchConfig(top_k=2, use_quality_floor=False, diversity=0.0)
    ranked = {
        weight: recommend(
            profiles, SameVector(), replace(config, term_weight=weight), queries=["lu-cafe"]
        ).ranked_ids()["lu-cafe"]
        for weight in (0.0, 0.15)
    }
    assert ranked == {0.0: ["jp-tea", "jp-matcha"], 0.15: ["jp-matcha", "jp-tea"]}
