"""The published versions of a mission's schedule, newest first, each with its changes in words."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.i18n import Translator
from missionmatch.models import Mission, ScheduleVersion
from missionmatch.services.change_words import change_line, people_labels


@dataclass(frozen=True)
class VersionInWords:
    version: ScheduleVersion
    # what changed since the previous version (the first lists every meeting as new), in words
    changes: list[str]


def schedule_versions(session: Session, mission: Mission, t: Translator) -> list[VersionInWords]:
    """Every version of the mission, newest first; each version's changelog is against its predecessor."""
    versions = session.scalars(
        select(ScheduleVersion)
        .where(ScheduleVersion.mission_id == mission.id)
        .order_by(ScheduleVersion.number.desc())
    )
    labels = people_labels(mission)
    return [
        VersionInWords(
            version, [change_line(t, change, labels, mission.timezone) for change in version.changelog]
        )
        for version in versions
    ]
