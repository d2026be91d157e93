"""Real (offline, bundled) embedders, loaded once per test session."""

import pytest

from missionmatch.matching import E5Embedder, USEEmbedder


@pytest.fixture(scope="session")
def use_model() -> USEEmbedder:
    return USEEmbedder(threads=2)


@pytest.fixture(scope="session")
def e5_model() -> E5Embedder:
    return E5Embedder(threads=2)
