"""Releasing the draft schedule: meetings become published, a numbered version records what changed."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Meeting, Mission, OutboxMail, Participant, ScheduleVersion
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.mail import MailSettings
from missionmatch.services.notifications import queue_publication_notices
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import change_status, flush_checked

VISIBLE = (MeetingStatus.PUBLISHED, MeetingStatus.HELD, MeetingStatus.NO_SHOW)


class NothingToPublish(Exception):
    pass


@dataclass
class Publication:
    version: ScheduleVersion
    # who must be told, and about which changes (entries of the version's changelog)
    affected: dict[Participant, list[dict[str, Any]]] = field(default_factory=dict)
    # their notices, queued in the publication's transaction: deliver them once it is committed
    mails: list[OutboxMail] = field(default_factory=list)


def snapshot_entry(meeting: Meeting) -> dict[str, Any]:
    """Where and when a meeting is, and with whom: a version's snapshot entry (and a changelog's)."""
    starts = (
        meeting.session.slot_times()[meeting.slot][0]
        if meeting.session and meeting.slot is not None
        else None
    )
    return {
        "session": meeting.session.key if meeting.session else None,
        "slot": meeting.slot,
        "starts_at": starts.isoformat(timespec="minutes") if starts else None,
        "table": meeting.table,
        "interpreter": meeting.interpreter,
        "participants": [p.key for p in meeting.participants],
    }


def changelog(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Meetings added, moved (another session, slot or table) or cancelled between two snapshots."""
    changes = []
    for key in sorted(after.keys() - before.keys()):
        changes.append({"meeting": key, "change": "added", "before": None, "after": after[key]})
    for key in sorted(after.keys() & before.keys()):
        old, new = before[key], after[key]
        if any(old[f] != new[f] for f in ("session", "slot", "table", "interpreter")):
            changes.append({"meeting": key, "change": "moved", "before": old, "after": new})
    for key in sorted(before.keys() - after.keys()):
        changes.append({"meeting": key, "change": "cancelled", "before": before[key], "after": None})
    return changes


def latest_version(session: Session, mission: Mission) -> ScheduleVersion | None:
    return session.scalar(
        select(ScheduleVersion)
        .where(ScheduleVersion.mission_id == mission.id)
        .order_by(ScheduleVersion.number.desc())
        .limit(1)
    )


def publish_schedule(
    session: Session,
    mission: Mission,
    *,
    by: str = "",
    comment: str = "",
    statistics: dict[str, Any] | None = None,
    now: dt.datetime | None = None,
    mail: MailSettings,
) -> Publication:
    """Publishes every placed draft meeting; the first version's changelog lists every meeting as added.
    Each participant concerned gets a notice of their changes, queued with the version (one publication,
    one mail each). Under the schedule lock: of two publications at once the second finds nothing left."""
    lock_schedule(session, mission.id)
    previous = latest_version(session, mission)
    drafts = [m for m in mission.meetings if m.status == MeetingStatus.DRAFT and m.slot is not None]
    for meeting in drafts:
        meeting.status = MeetingStatus.PUBLISHED
    snapshot = {m.key: snapshot_entry(m) for m in mission.meetings if m.status in VISIBLE}
    changes = changelog(previous.snapshot if previous else {}, snapshot)
    if previous is not None and not changes:
        raise NothingToPublish(f"the published schedule of {mission.name} is already up to date")
    number = (
        session.scalar(
            select(func.max(ScheduleVersion.number)).where(ScheduleVersion.mission_id == mission.id)
        )
        or 0
    ) + 1
    version = ScheduleVersion(
        mission_id=mission.id,
        number=number,
        published_at=now or clock.now(),
        published_by=by,
        comment=comment,
        snapshot=snapshot,
        changelog=changes,
        statistics=statistics or {},
    )
    session.add(version)
    people = {p.key: p for p in mission.participants}
    affected: dict[Participant, list[dict[str, Any]]] = defaultdict(list)
    for change in changes:
        keys = (change["after"] or change["before"])["participants"]
        for key in keys:
            if key in people:
                affected[people[key]].append(change)
    flush_checked(session)
    mails = queue_publication_notices(session, mail, affected)
    return Publication(version=version, affected=dict(affected), mails=mails)


def cancel_meeting(session: Session, meeting: Meeting) -> Meeting:
    """A published meeting that will not take place; the next publication reports it as cancelled."""
    return change_status(session, meeting, MeetingStatus.CANCELLED)
