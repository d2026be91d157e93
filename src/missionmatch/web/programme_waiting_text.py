"""The waiting list of a programme item in the viewer's words: its rows (with why the next free place would
skip someone), the notices after a registration or a cancellation, and the commit that delivers the
promotion mails afterwards (never under the lock)."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from missionmatch.i18n import Translator
from missionmatch.models import Participant, ProgrammeItem
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.notifications import deliver_queued
from missionmatch.services.programme_promotion import Blocker, Promotions, blocker
from missionmatch.settings import WebSettings


@dataclass
class WaitingRow:
    position: int
    participant: Participant
    skipped_because: str  # "" when the next free place would go to them


def committed_with_mails(db: Session, settings: WebSettings, promotions: Promotions) -> None:
    db.commit()
    deliver_queued(db, settings.mail, promotions.mails)
    db.commit()


def blocker_text(t: Translator, found: Blocker, timezone: str) -> str:
    when = t.wall_time(found.starts_at, timezone, "short") if found.starts_at else ""
    if found.kind == "programme":
        return t.gettext("registered for %(item)s at that time (%(when)s)", item=found.what, when=when)
    if found.kind == "meeting":
        return t.gettext("has a B2B meeting at that time (%(when)s)", when=when)
    return t.gettext("has withdrawn or was erased")


def waiting_rows(db: Session, item: ProgrammeItem, t: Translator) -> list[WaitingRow]:
    rows = []
    for position, entry in enumerate(waiting.entries(db, item), start=1):
        found = blocker(db, item, entry.participant)
        why = "" if found is None else blocker_text(t, found, item.mission.timezone)
        rows.append(WaitingRow(position, entry.participant, why))
    return rows


def _count(params: Mapping[str, str], name: str) -> int:
    raw = params.get(name, "")
    return int(raw) if raw.isdigit() else 0


def registration_notice(t: Translator, params: Mapping[str, str]) -> str:
    """What the last registration or cancellation did, from the counts its redirect carries."""
    parts = []
    if "added" in params:
        parts.append(t.ngettext("%(n)s registered.", "%(n)s registered.", _count(params, "added")))
    if _count(params, "waiting"):
        count = _count(params, "waiting")
        parts.append(
            t.ngettext(
                "The item is full: %(n)s participant was put on the waiting list.",
                "The item is full: %(n)s participants were put on the waiting list.",
                count,
            )
        )
    if "promoted" in params:
        count = _count(params, "promoted")
        parts.append(
            t.ngettext(
                "%(n)s participant was promoted from the waiting list and mailed.",
                "%(n)s participants were promoted from the waiting list and mailed.",
                count,
            )
            if count
            else t.gettext("Nobody was promoted from the waiting list.")
        )
    return " ".join(parts)
