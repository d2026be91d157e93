"""The meetings of a mission from request to outcome: requested, accepted, scheduled, held, no-show,
cancelled; and the interpreters' hours they took."""

from collections.abc import Iterable
from dataclasses import dataclass

from missionmatch.models import Meeting, MeetingRequest
from missionmatch.models.enums import MeetingStatus, RequestStatus

STAGES = ("requested", "accepted", "scheduled", "held", "no_show", "cancelled")
# a placed meeting that took (or takes) place: its interpreter was booked for the slot
_BOOKED = (MeetingStatus.PUBLISHED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


@dataclass(frozen=True)
class MeetingCounts:
    stages: dict[str, int]  # STAGES -> count
    interpreter_hours_booked: float  # published, held or no-show meetings with an interpreter
    interpreter_hours_held: float  # held meetings with an interpreter

    def __add__(self, other: "MeetingCounts") -> "MeetingCounts":
        return MeetingCounts(
            {stage: self.stages[stage] + other.stages[stage] for stage in STAGES},
            round(self.interpreter_hours_booked + other.interpreter_hours_booked, 2),
            round(self.interpreter_hours_held + other.interpreter_hours_held, 2),
        )


def _placed(meeting: Meeting) -> bool:
    return meeting.session is not None and meeting.slot is not None


def _hours(meetings: Iterable[Meeting], statuses: tuple[MeetingStatus, ...]) -> float:
    minutes = sum(
        m.session.slot_minutes
        for m in meetings
        if m.session is not None and m.slot is not None and m.interpreter and m.status in statuses
    )
    return round(minutes / 60, 2)


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
    return MeetingCounts(stages, _hours(meetings, _BOOKED), _hours(meetings, (MeetingStatus.HELD,)))
