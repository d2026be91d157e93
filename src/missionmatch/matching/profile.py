"""Input and output records of the matcher: plain dataclasses, so the CLI and the database layer can both
build them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """One participant as the matcher sees it.

    `side` is the delegation ("LU", "JP", ...); matches are made across sides unless configured otherwise.
    `language` is the language the profile is written in; `spoken` the languages its people can hold a
    meeting in (the written language is always assumed spoken).
    """

    id: str
    side: str
    organisation: str
    language: str
    sectors: tuple[str, ...] = ()
    offers: str = ""
    needs: str = ""
    spoken: tuple[str, ...] = ()

    @property
    def languages(self) -> frozenset[str]:
        return frozenset((self.language, *self.spoken)) - {""}


@dataclass(frozen=True)
class SentenceMatch:
    """The need sentence of one profile and the offer sentence of the other that answered it best."""

    need_profile: str
    need: str
    need_language: str
    offer_profile: str
    offer: str
    offer_language: str
    similarity: float  # cosine of the two sentences shown
    # best cosine over all the units the ranking compared (sentences and whole fields): what the quality
    # floor judges, so that quoting single sentences does not drop a candidate the ranking kept
    support: float | None = None

    @property
    def evidence(self) -> float:
        return self.similarity if self.support is None else max(self.support, self.similarity)


@dataclass(frozen=True)
class Reasons:
    """Why a candidate was recommended, in terms a mission organiser can check against the profiles."""

    my_need: SentenceMatch | None
    their_need: SentenceMatch | None
    shared_sectors: tuple[str, ...]
    language_path: str

    def to_dict(self) -> dict[str, object]:
        def sm(m: SentenceMatch | None) -> dict[str, object] | None:
            if m is None:
                return None
            return {
                "need": m.need,
                "need_language": m.need_language,
                "offer": m.offer,
                "offer_language": m.offer_language,
                "offer_profile": m.offer_profile,
                "similarity": round(m.similarity, 4),
            }

        return {
            "my_need_answered": sm(self.my_need),
            "their_need_answered": sm(self.their_need),
            "shared_sectors": list(self.shared_sectors),
            "language_path": self.language_path,
        }


@dataclass(frozen=True)
class Recommendation:
    candidate: str
    score: float
    reasons: Reasons | None  # None when the caller asked for speed over explanations


@dataclass(frozen=True)
class SuggestedPair:
    """A meeting worth proposing to the scheduler: both sides rank each other highly."""

    a: str
    b: str
    score: float


@dataclass
class MatchResult:
    recommendations: dict[str, list[Recommendation]] = field(default_factory=dict)
    pairs: list[SuggestedPair] = field(default_factory=list)

    def ranked_ids(self) -> dict[str, list[str]]:
        return {pid: [r.candidate for r in recs] for pid, recs in self.recommendations.items()}
