"""The meetings of a mission from request to outcome: requested, accepted, scheduled, held, no-show,
cancelled; and the interpreters' hours they took, by language pair: a placed meeting with an interpreter
takes one interpreter for its slot (the session's slot length)."""

from collections.abc import Iterable
from dataclasses import dataclass

from missionmatch.models import Meeting, MeetingRequest
from missionmatch.models.enums import MeetingStatus, RequestStatus

STAGES = ("requested", "accepted", "scheduled", "held", "no_show", "cancelled")
# a placed meeting that took (or takes) place: its interpreter was booked for the slot
_BOOKED = (MeetingStatus.PUBLISHED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


@dataclass(frozen=True)
class InterpreterUse:
    """One language pair's interpreting: meetings booked with an interpreter, and minutes (booked, held)."""

    meetings: int
    minutes_booked: int
    minutes_held: int

    def __add__(self, other: "InterpreterUse") -> "InterpreterUse":
        return InterpreterUse(
            self.meetings + other.meetings,
            self.minutes_booked + other.minutes_booked,
            self.minutes_held + other.minutes_held,
        )

    @property
    def hours_booked(self) -> float:
        return round(self.minutes_booked / 60, 2)

    @property
    def hours_held(self) -> float:
        return round(self.minutes_held / 60, 2)


NO_USE = InterpreterUse(0, 0, 0)


@dataclass(frozen=True)
class MeetingCounts:
    stages: dict[str, int]  # STAGES -> count
    interpreters: dict[str, InterpreterUse]  # "fr-ja" (alphabetical order) -> use, pairs used only

    def __add__(self, other: "MeetingCounts") -> "MeetingCounts":
        pairs = sorted(set(self.interpreters) | set(other.interpreters))
        return MeetingCounts(
            {stage: self.stages[stage] + other.stages[stage] for stage in STAGES},
            {
                pair: self.interpreters.get(pair, NO_USE) + other.interpreters.get(pair, NO_USE)
                for pair in pairs
            },
        )

    @property
    def interpreting(self) -> InterpreterUse:
        """Every pair together."""
        total = NO_USE
        for use in self.interpreters.values():
            total = total + use
        return total

    @property
    def interpreter_hours_booked(self) -> float:  # published, held or no-show meetings with an interpreter
        return self.interpreting.hours_booked

    @property
    def interpreter_hours_held(self) -> float:  # held meetings with an interpreter
        return self.interpreting.hours_held


def _placed(meeting: Meeting) -> bool:
    return meeting.session is not None and meeting.slot is not None


def pair_of(interpreter: str) -> str:
    """ "ja-fr" as "fr-ja": a pair is the same whichever language is named first."""
    return "-".join(sorted(interpreter.split("-", 1)))


def _interpreting(meetings: Iterable[Meeting]) -> dict[str, InterpreterUse]:
    uses: dict[str, InterpreterUse] = {}
    for meeting in meetings:
        if not (_placed(meeting) and meeting.interpreter and meeting.status in _BOOKED):
            continue
        assert meeting.session is not None  # _placed
        minutes = meeting.session.slot_minutes
        held = minutes if meeting.status == MeetingStatus.HELD else 0
        pair = pair_of(meeting.interpreter)
        uses[pair] = uses.get(pair, NO_USE) + InterpreterUse(1, minutes, held)
    return dict(sorted(uses.items()))


def count_meetings(requests: Iterable[MeetingRequest], meetings: Iterable[Meeting]) -> MeetingCounts:
    """`scheduled`: placed in a slot and published, held or no-show (a draft is not yet announced)."""
    requests, meetings = list(requests), list(meetings)
    stages = {
        "requested": len(requests),
        "accepted": sum(1 for r in requests if r.status == RequestStatus.ACCEPTED),
        "scheduled": sum(1 for m in meetings if _placed(m) and m.status in _BOOKED),
        "held": sum(1 for m in meetings if m.status == MeetingStatus.HELD),
        "no_show": sum(1 for m in meetings if m.status == MeetingStatus.NO_SHOW),
        "cancelled": sum(1 for m in meetings if m.status == MeetingStatus.CANCELLED),
    }
    return MeetingCounts(stages, _interpreting(meetings))
