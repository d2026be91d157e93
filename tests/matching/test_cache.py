from dataclasses import replace

import numpy as np

from missionmatch.matching import CachedEmbedder, MemoryStore, SqliteStore, recommend
from missionmatch.matching.cache import text_key
from tests.matching.support import MISSION, CountingEmbedder


def test_second_run_embeds_nothing_and_a_changed_profile_only_its_new_sentence(tmp_path, use_model) -> None:
    counting = CountingEmbedder(use_model)
    first = recommend(MISSION, CachedEmbedder(counting, SqliteStore(tmp_path)))
    embedded_first = len(counting.texts)
    assert embedded_first == len(set(counting.texts)) > 0  # each distinct text once

    # a new process: a fresh store object on the same directory
    again = recommend(MISSION, CachedEmbedder(counting, SqliteStore(tmp_path)))
    assert len(counting.texts) == embedded_first
    assert again.ranked_ids() == first.ranked_ids()

    changed = [*MISSION[:-1], replace(MISSION[-1], needs="We need a Luxembourg fund administrator.")]
    recommend(changed, CachedEmbedder(counting, SqliteStore(tmp_path)))
    assert counting.texts[embedded_first:] == ["We need a Luxembourg fund administrator."]


def test_cached_vectors_equal_fresh_ones_and_are_keyed_by_embedder(use_model, e5_model) -> None:
    store = MemoryStore()
    cached_use = CachedEmbedder(use_model, store)
    texts = ["alpha beta", "gamma", "alpha beta"]
    v = cached_use.embed(texts)
    assert cached_use.embedded == 2
    np.testing.assert_allclose(v, use_model.embed(texts), atol=1e-6)
    assert set(store.get_many("usem3", [text_key("gamma")])) == {text_key("gamma")}
    # the same text under another embedder is a miss, not a wrong-sized hit
    cached_e5 = CachedEmbedder(e5_model, store)
    assert cached_e5.embed(["gamma"]).shape == (1, 384)
    assert cached_e5.embedded == 1


def test_sqlite_store_round_trips_many_vectors(tmp_path) -> None:
    store = SqliteStore(tmp_path / "cache")
    items = [(f"k{i}", np.full(4, i, np.float32)) for i in range(1200)]  # more than one SQL batch
    store.put_many("m", items)
    got = store.get_many("m", [k for k, _ in items] + ["absent"])
    assert len(got) == 1200 and "absent" not in got
    np.testing.assert_array_equal(got["k1199"], np.full(4, 1199, np.float32))
    store.close()
    assert (tmp_path / "cache" / "embeddings.sqlite").exists()
