"""What the published schedule versions say about each meeting, for calendars: how many times it was
revised (the iCalendar SEQUENCE), whether participants were ever told about it, and when the schedule was
last released (DTSTAMP). Derived from the versions' changelogs and snapshots, so that nothing new is stored
and a republished schedule keeps counting up."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Meeting, Mission, ScheduleVersion
from missionmatch.models.enums import MeetingStatus

_PLACE = ("session", "slot", "table", "interpreter")


@dataclass(frozen=True)
class MeetingHistory:
    # meeting key -> changelog entries that touched it (added, moved, cancelled) over every version
    changes: Counter[str] = field(default_factory=Counter)
    # meeting key -> its entry in the latest version (absent: not in the published schedule now)
    latest: dict[str, dict[str, Any]] = field(default_factory=dict)
    released_at: dt.datetime | None = None  # the latest version's publication instant

    def was_published(self, key: str) -> bool:
        return self.changes[key] > 0

    def sequence(self, meeting: Meeting) -> int:
        """0 for a meeting as first published, +1 for every published change, and +1 more while a change
        (a move by hand, a cancellation) waits for the next publication: calendars see it at once, and the
        publication that records it keeps the same number."""
        revisions = max(self.changes[meeting.key] - 1, 0)
        return revisions + (1 if self._unpublished_change(meeting) else 0)

    def _unpublished_change(self, meeting: Meeting) -> bool:
        if not self.was_published(meeting.key):
            return False
        published = self.latest.get(meeting.key)
        if meeting.status == MeetingStatus.CANCELLED:
            return published is not None
        if published is None:  # cancelled in the latest version, back since
            return True
        now = {
            "session": meeting.session.key if meeting.session else None,
            "slot": meeting.slot,
            "table": meeting.table,
            "interpreter": meeting.interpreter,
        }
        return any(published.get(name) != now[name] for name in _PLACE)


def meeting_history(session: Session, mission: Mission) -> MeetingHistory:
    versions = list(
        session.scalars(
            select(ScheduleVersion)
            .where(ScheduleVersion.mission_id == mission.id)
            .order_by(ScheduleVersion.number)
        )
    )
    if not versions:
        return MeetingHistory()
    changes = Counter(change["meeting"] for version in versions for change in version.changelog)
    return MeetingHistory(changes, dict(versions[-1].snapshot), versions[-1].published_at)
