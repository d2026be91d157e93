"""A small mission with waiting lists to fill: the factory's mission plus items that overlap the forum (27 May
9:00-12:00, Anne and Jonas registered) or meeting m-1 (27 May 14:40-15:00: Anne, Yamada, Sato)."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Participant, ProgrammeItem
from missionmatch.services import programme_waiting as waiting
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()


def _item(key: str, starts: str, ends: str, capacity: int | None) -> dict[str, Any]:
    return {
        "key": key,
        "kind": "workshop",
        "title": f"Workshop {key}",
        "sector": None,
        "city": "Osaka",
        "venue": "",
        "address": "",
        "host_organisation": None,
        "starts_at": starts,
        "ends_at": ends,
        "capacity": capacity,
        "description": "",
    }


def waiting_mission() -> dict[str, Any]:
    document = small_mission()
    document["programme"] += [
        _item("morning", "2025-05-27T10:00", "2025-05-27T11:00", 1),  # during the forum
        _item("afternoon", "2025-05-27T14:30", "2025-05-27T15:30", 1),  # during m-1
        _item("quiet", "2025-05-29T09:00", "2025-05-29T10:00", 1),  # nothing else then
    ]
    return document


def item(session: Session, key: str) -> ProgrammeItem:
    return session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == key)).one()


def person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def people(session: Session, *keys: str) -> list[Participant]:
    return [person(session, key) for key in keys]


def registered(session: Session, key: str) -> list[str]:
    found = item(session, key)
    return sorted(
        p.key
        for p in session.scalars(
            select(Participant).where(Participant.id.in_(waiting.registered_ids(session, found)))
        )
    )


def waiting_keys(session: Session, key: str) -> list[str]:
    return [entry.participant.key for entry in waiting.entries(session, item(session, key))]
