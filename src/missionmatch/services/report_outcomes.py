"""What the meetings led to: satisfaction, follow-ups promised and done, agreements by status and kind."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from missionmatch.models import Agreement, Feedback
from missionmatch.models.enums import AgreementKind, AgreementStatus, FollowUp
from missionmatch.services.feedback_views import Summary, summarise

FOLLOW_UP_KINDS = tuple(kind.value for kind in FollowUp if kind != FollowUp.NONE)


@dataclass(frozen=True)
class OutcomeCounts:
    satisfaction: Summary  # count, mean, ratings 1-5
    follow_ups: dict[str, tuple[int, int]]  # kind -> (promised, marked done)
    agreements: dict[str, int]  # status -> count, every status listed
    agreement_kinds: dict[str, int]  # kind -> count, every kind listed

    @property
    def follow_ups_promised(self) -> int:
        return sum(promised for promised, _ in self.follow_ups.values())

    @property
    def follow_ups_done(self) -> int:
        return sum(done for _, done in self.follow_ups.values())

    @property
    def agreement_total(self) -> int:
        return sum(self.agreements.values())


def count_outcomes(feedback: Iterable[Feedback], agreements: Iterable[Agreement]) -> OutcomeCounts:
    feedback, agreements = list(feedback), list(agreements)
    promised = Counter(f.follow_up.value for f in feedback if f.follow_up != FollowUp.NONE)
    done = Counter(
        f.follow_up.value
        for f in feedback
        if f.follow_up != FollowUp.NONE and f.follow_up_done_at is not None
    )
    statuses = Counter(a.status.value for a in agreements)
    kinds = Counter(a.kind.value for a in agreements)
    return OutcomeCounts(
        satisfaction=summarise(feedback),
        follow_ups={kind: (promised[kind], done[kind]) for kind in FOLLOW_UP_KINDS},
        agreements={status.value: statuses[status.value] for status in AgreementStatus},
        agreement_kinds={kind.value: kinds[kind.value] for kind in AgreementKind},
    )
