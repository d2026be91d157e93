"""The `schedule_versions` section of a mission document: the schedules released so far, checked, written and
read back here so that export → import keeps what was published when (docs/mission-format.md)."""

import datetime as dt
from collections.abc import Collection
from typing import Any

from missionmatch.clock import instant_to_wall, wall_to_instant
from missionmatch.models import Mission, ScheduleVersion

CHANGES = ("added", "moved", "cancelled")


def check_versions(
    check: Any, document: dict[str, Any], meeting_keys: Collection[str | None], people: Collection[str | None]
) -> None:
    """Adds the problems of `schedule_versions` to `check`: numbers 1, 2, 3… in order, a publication time,
    a snapshot naming meetings and participants of the document, changes of a known kind."""
    for index, version in enumerate(document.get("schedule_versions", [])):
        where = f"schedule_versions[{index}]"
        if version.get("number") != index + 1:
            check.add(where, "number", f"must be {index + 1} (versions are numbered 1, 2, 3… in order)")
        check.moment(version, where, "published_at")
        snapshot = version.get("snapshot", {})
        if not isinstance(snapshot, dict):
            check.add(where, "snapshot", "must be an object of meeting key → placement")
            continue
        check.refs(snapshot, meeting_keys, where, "snapshot")
        for key, entry in snapshot.items():
            if not isinstance(entry, dict):
                check.add(where, "snapshot", f"{key!r} must be an object with session, slot, table…")
                continue
            check.refs(entry.get("participants", []), people, where, "snapshot.participants")
        for number, change in enumerate(version.get("changelog", [])):
            check.one_of(change, f"{where}.changelog[{number}]", "change", CHANGES)


def version_values(version: ScheduleVersion, zone: str) -> dict[str, Any]:
    return {
        "number": version.number,
        "published_at": instant_to_wall(version.published_at, zone).isoformat(timespec="seconds"),
        "published_by": version.published_by,
        "comment": version.comment,
        "snapshot": version.snapshot,
        "changelog": version.changelog,
        "statistics": version.statistics,
    }


def version_from(data: dict[str, Any], mission: Mission) -> ScheduleVersion:
    return ScheduleVersion(
        mission_id=mission.id,
        number=data["number"],
        published_at=wall_to_instant(dt.datetime.fromisoformat(data["published_at"]), mission.timezone),
        published_by=data.get("published_by", ""),
        comment=data.get("comment", ""),
        snapshot=dict(data.get("snapshot", {})),
        changelog=list(data.get("changelog", [])),
        statistics=dict(data.get("statistics", {})),
    )
