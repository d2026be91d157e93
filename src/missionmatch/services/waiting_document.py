"""Waiting lists in a mission document: an item's `waiting_list`, the keys of the participants who wait for a
place, first to be promoted first; written only when someone waits, so that older documents (which have no
waiting lists) read back unchanged. A participant waits for an item they are not registered for, once."""

import datetime as dt
from typing import Any, Protocol

from sqlalchemy.orm import Session

from missionmatch.models import Participant, ProgrammeItem, WaitingEntry
from missionmatch.services import programme_waiting as waiting


class Checker(Protocol):
    """mission_document's checker, as far as waiting lists need it."""

    def add(self, where: str, field: str, reason: str) -> None: ...


def waiting_values(session: Session, item: ProgrammeItem) -> dict[str, Any]:
    keys = [entry.participant.key for entry in waiting.entries(session, item)]
    return {"waiting_list": keys} if keys else {}


def check_waiting(
    check: Checker, items: list[dict[str, Any]], participants: list[dict[str, Any]], known: set[Any]
) -> None:
    """`known`: the document's participant keys."""
    registered = {
        (key, person.get("key")) for person in participants for key in person.get("programme", []) or []
    }
    for index, item in enumerate(items):
        keys = item.get("waiting_list", [])
        where = f"programme[{index}]"
        if not isinstance(keys, list):
            check.add(where, "waiting_list", "must be a list of participant keys")
            continue
        seen: set[Any] = set()
        for key in keys:
            if key not in known:
                check.add(where, "waiting_list", f"{key!r} does not exist")
            elif key in seen:
                check.add(where, "waiting_list", f"{key!r} is listed twice")
            elif (item.get("key"), key) in registered:
                check.add(where, "waiting_list", f"{key!r} is registered for the item")
            seen.add(key)


def apply_waiting(
    session: Session,
    document: dict[str, Any],
    items: dict[str, ProgrammeItem],
    people: dict[str, Participant],
    at: dt.datetime,
) -> None:
    """Writes the checked document's waiting lists (items and people already flushed)."""
    for item in document.get("programme", []):
        for position, key in enumerate(item.get("waiting_list", []), start=1):
            entry = WaitingEntry(item=items[item["key"]], participant=people[key], joined_at=at)
            entry.position = position
            session.add(entry)
    session.flush()
