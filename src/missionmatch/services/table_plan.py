"""The schedule as organisers read it: per session and slot, the meetings at each table (draft, published,
held or no-show; cancelled meetings free their place), and how many meetings are in each status."""

from missionmatch.models import Meeting, Mission
from missionmatch.models.enums import MeetingStatus


def table_plan(mission: Mission) -> list[dict]:
    """Per session and slot, the meetings at each table, for printing and for the welcome desk."""
    plan = []
    for session in mission.b2b_sessions:
        times = session.slot_times()
        in_slot: list[list[Meeting]] = [[] for _ in times]
        for meeting in mission.meetings:
            if meeting.session_id == session.id and meeting.occupies:
                assert meeting.slot is not None  # an occupying meeting is placed
                in_slot[meeting.slot].append(meeting)
        slots = [
            {
                "index": i,
                "starts_at": start,
                "ends_at": end,
                "meetings": sorted(meetings, key=lambda m: (m.table is None, m.table)),
            }
            for i, ((start, end), meetings) in enumerate(zip(times, in_slot, strict=True))
        ]
        plan.append({"session": session, "slots": slots})
    return plan


def status_counts(mission: Mission) -> dict[str, int]:
    return {status.value: sum(1 for m in mission.meetings if m.status == status) for status in MeetingStatus}
