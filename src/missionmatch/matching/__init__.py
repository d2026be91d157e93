"""Cross-language partner recommendations (need → offer) with reasons. Pure: no database or web imports.

Call `recommend(profiles, embedder, config, excluded)` with a list of `Profile`s;
see docs/benchmarks-matching.md.
"""

from missionmatch.matching.cache import CachedEmbedder, EmbeddingStore, MemoryStore, SqliteStore
from missionmatch.matching.config import MatchConfig
from missionmatch.matching.embedders import (
    DEFAULT_EMBEDDER,
    CombinedEmbedder,
    E5Embedder,
    Embedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
    make_embedder,
)
from missionmatch.matching.profile import (
    MatchResult,
    Profile,
    Reasons,
    Recommendation,
    SentenceMatch,
    SuggestedPair,
)
from missionmatch.matching.recommender import recommend
from missionmatch.matching.sentences import split_sentences

__all__ = [
    "DEFAULT_EMBEDDER",
    "CachedEmbedder",
    "CombinedEmbedder",
    "E5Embedder",
    "Embedder",
    "EmbeddingStore",
    "MatchConfig",
    "MatchResult",
    "MemoryStore",
    "Profile",
    "Reasons",
    "Recommendation",
    "SentenceMatch",
    "SentenceTransformerEmbedder",
    "SqliteStore",
    "SuggestedPair",
    "USEEmbedder",
    "make_embedder",
    "recommend",
    "split_sentences",
]
