"""The schedule as organisers read it: per session and slot, the meetings at each table (draft, published,
held or no-show; cancelled meetings free their place), and how many meetings are in each status."""

from missionmatch.models import Mission
from missionmatch.models.enums import MeetingStatus


def table_plan(mission: Mission) -> list[dict]:
    """Per session and slot, the meetings at each table, for printing and for the welcome desk."""
    plan = []
    for session in mission.b2b_sessions:
        times = session.slot_times()
        slots = [
            {"index": i, "starts_at": start, "ends_at": end, "meetings": []}
            for i, (start, end) in enumerate(times)
        ]
        for meeting in mission.meetings:
            if meeting.session_id == session.id and meeting.occupies:
                slots[meeting.slot]["meetings"].append(meeting)
        for slot in slots:
            slot["meetings"].sort(key=lambda m: (m.table is None, m.table))
        plan.append({"session": session, "slots": slots})
    return plan


def status_counts(mission: Mission) -> dict[str, int]:
    return {status.value: sum(1 for m in mission.meetings if m.status == status) for status in MeetingStatus}
