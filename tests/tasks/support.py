"""A mission with accepted requests to schedule, and helpers to read jobs back."""

from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Job, Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from missionmatch.models.job import JobKind
from missionmatch.services.jobs import create_job
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


def _request(key: str, sender: str, recipient: str, priority: int) -> dict:
    return {
        "key": key,
        "from": sender,
        "to": recipient,
        "priority": priority,
        "message": "",
        "status": "accepted",
        "created_at": "2025-05-10T09:00",
        "expires_at": None,
    }


def mission_to_schedule(factory: sessionmaker[Session]) -> int:
    """The small mission with no meetings and three accepted requests (p-2 and p-3 share no language)."""
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"] = [
        _request("r-1", "p-1", "p-3", 3),
        _request("r-2", "p-2", "p-4", 2),
        _request("r-3", "p-2", "p-3", 2),
    ]
    with transaction(factory) as session:
        return import_mission(session, document).id


def queued_job(factory: sessionmaker[Session], mission_id: int, kind: JobKind, **params: object) -> int:
    with transaction(factory) as session:
        mission = session.get(Mission, mission_id)
        return create_job(session, mission, kind, dict(params), requested_by="orga@a.lu").id


def job_row(factory: sessionmaker[Session], job_id: int) -> Job:
    with factory() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def drafts(factory: sessionmaker[Session], mission_id: int) -> list[str]:
    with factory() as session:
        mission = session.get(Mission, mission_id)
        return sorted(m.key for m in mission.meetings if m.status == MeetingStatus.DRAFT)


__all__ = ["Meeting", "drafts", "job_row", "mission_to_schedule", "queued_job"]
