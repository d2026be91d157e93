"""Settings of the matcher. The numeric defaults were chosen by leave-one-sector-out cross-validation on the
development set (see docs/benchmarks-matching.md), never by fitting the whole set; they are general mechanisms
(hub correction, mutual-assignment balancing), not rules about particular sectors or words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchConfig:
    top_k: int = 10
    # rules
    cross_sides_only: bool = True  # delegation <-> host only; False also allows matches within a side
    interpreter_available: bool = True  # missions usually book interpreters; False requires a common language
    interpreter_languages: frozenset[str] | None = None  # languages the interpreters cover; None means any
    # scoring (tuned by leave-one-sector-out cross-validation)
    hub_k: int = 1  # neighbours used to estimate how "hubby" a profile is (CSLS-style correction)
    missing_quantile: float = 0.5  # a missing direction (empty needs/offers) counts as a median match
    # bonus for a shared sector, in cosine units: a hint, never a filter. CV chose 0: sector labels are coarse
    # (a satellite-imagery company's partner may be filed under "ai"), the sentences carry the signal.
    sector_weight: float = 0.0
    # a candidate whose needs resemble mine and whose offers resemble mine is a peer (a competitor), not a
    # partner: this much of that resemblance is subtracted
    peer_weight: float = 0.1
    temperature: float = 0.02  # softness of the mutual-assignment balancing (Sinkhorn)
    sinkhorn_iters: int = 20
    # diversity: candidates whose offers are near-duplicates of one already listed are pushed down
    diversity: float = 0.5
    diversity_threshold: float = 0.85
    # shared rare terms (term_evidence.py: product names, acronyms, standards, cognates) rerank each list's
    # shortlist: term_weight × their cosine is added, in cosine units (0: off). Chosen on the second dev set,
    # reported on the shared one (docs/benchmarks-matching.md, "Shared-term evidence")
    term_weight: float = 0.15
    term_stem: int = 4  # characters a word is cut to: "titanium", "titane" and "Titan" are one term
    term_max_df: float = 0.05  # a term in more than this share of the need and offer fields says nothing
    # the list stops where reasons stop holding up: a candidate needs a need↔offer sentence match this close
    # in one direction. None: the floor calibrated for the embedder (matching/quality.py), no floor for an
    # uncalibrated one; use_quality_floor=False lists top_k whatever their reasons
    quality_floor: float | None = None
    use_quality_floor: bool = True
    # suggested meetings for the scheduler
    pair_rank: int = 3  # a pair is mutual when each is within the other's first `pair_rank`
    # size: from this many profiles the sparse path scores only the candidate pairs a nearest-neighbour index
    # finds (memory linear in n; recommender_sparse.py); below it the dense n × n path, the reference.
    # None: always dense; 0: always sparse. Dense needs ~34 bytes a pair (15,000 profiles: ~7 GiB); the
    # sparse path's ranking is not yet as good as the dense one where both fit (docs/benchmarks-matching.md),
    # so it takes over only where the dense path would need most of the machine
    sparse_from: int | None = 15_000
    ann_neighbours: int = 64  # nearest sentences looked up for every need and every offer sentence
    ann_exact_up_to: int = 20_000  # an index of at most this many sentences is searched exactly (flat)
    ann_nprobe: int = 16  # inverted lists visited per query in a larger (IVF, 2·√N lists) index
    # candidates per profile rescored exactly when the graph's scores are approximate (at least top_k + 10)
    ann_rescore: int = 60
