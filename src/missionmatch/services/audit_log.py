"""The audit log of a mission as organisers read it: searched, filtered and paged by the database (two
statements a page, as for the participant list), newest first; a participant's entries; the export table.

Entries are written by `models/audit_capture.py`; which of them can be undone is `services/audit_undo.py`."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Text, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

from missionmatch.models import AuditEntry, Participant
from missionmatch.models.audit_capture import AUDITED
from missionmatch.services.list_query import MAX_PAGE, PAGE_SIZE, Paging, like_pattern
from missionmatch.services.person_names import display_name

ENTITIES: Final = tuple(sorted(AUDITED.values()))
ACTOR_KINDS: Final = ("organiser", "participant", "cli", "job", "system")
EXPORT_LIMIT: Final = 100_000


@dataclass(frozen=True)
class AuditQuery:
    q: str = ""
    entity: str = ""
    actor: str = ""
    participant_id: int | None = None
    page: int = 1

    @classmethod
    def parse(cls, params: Mapping[str, str], participant_id: int | None = None) -> "AuditQuery":
        """Unknown values fall back to the default, as in services/list_query.py."""
        page = params.get("page", "")
        return cls(
            q=params.get("q", "").strip()[:200].strip(),
            entity=params.get("entity", "") if params.get("entity") in ENTITIES else "",
            actor=params.get("actor", "") if params.get("actor") in ACTOR_KINDS else "",
            participant_id=participant_id,
            page=min(int(page), MAX_PAGE) if page.isdigit() and int(page) >= 1 else 1,
        )

    def params(self, **changes: str | int) -> dict[str, str]:
        values: dict[str, str | int] = {"q": self.q, "entity": self.entity, "actor": self.actor}
        values["page"] = self.page
        values.update(changes)
        return {key: str(value) for key, value in values.items() if str(value) not in ("", "1")}


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditEntry]
    paging: Paging
    undone: set[str]  # batches on the page that were undone since
    names: dict[int, str]  # participant id -> name, for the participants the page's entries are about


def about_participant(participant_id: int) -> ColumnElement[bool]:
    return AuditEntry.about.like(f"%,{participant_id},%")


def _filters(query: AuditQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if query.q:
        pattern = like_pattern(query.q)
        found.append(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (
                        AuditEntry.actor_label,
                        AuditEntry.operation,
                        AuditEntry.entity,
                        cast(AuditEntry.changes, Text),
                    )
                )
            )
        )
    if query.entity:
        found.append(AuditEntry.entity == query.entity)
    if query.actor:
        found.append(AuditEntry.actor_kind == query.actor)
    if query.participant_id is not None:
        found.append(about_participant(query.participant_id))
    return found


def search_entries(session: Session, mission_id: int, query: AuditQuery) -> AuditPage:
    filters = _filters(query)
    base = [AuditEntry.mission_id == mission_id]
    if query.participant_id is not None:  # the total is the participant's, the filters narrow it
        base.append(about_participant(query.participant_id))
    matched = func.count(case((and_(*filters), 1))) if filters else func.count()
    total, found = session.execute(select(func.count(), matched).where(*base)).one()
    paging = Paging.of(matched=int(found), total=int(total), asked=query.page)
    rows = list(
        session.scalars(
            select(AuditEntry)
            .where(*base, *filters)
            .order_by(AuditEntry.id.desc())
            .limit(PAGE_SIZE)
            .offset(paging.offset)
        )
    )
    return AuditPage(rows, paging, undone_batches(session, mission_id, rows), names_of(session, rows))


def undone_batches(session: Session, mission_id: int, rows: list[AuditEntry]) -> set[str]:
    batches = {row.batch for row in rows}
    if not batches:
        return set()
    found = session.scalars(
        select(AuditEntry.undoes).where(AuditEntry.mission_id == mission_id, AuditEntry.undoes.in_(batches))
    )
    return {batch for batch in found if batch is not None}


def participant_ids(entry: AuditEntry) -> list[int]:
    return [int(part) for part in entry.about.split(",") if part]


def names_of(session: Session, rows: list[AuditEntry]) -> dict[int, str]:
    ids = {i for row in rows for i in participant_ids(row)}
    if not ids:
        return {}
    people = session.scalars(
        select(Participant).options(selectinload(Participant.profile)).where(Participant.id.in_(ids))
    )
    return {p.id: display_name(p) for p in people}


def export_rows(session: Session, mission_id: int, query: AuditQuery) -> tuple[list[str], list[list[Any]]]:
    """Every entry the query matches (not one page), one row a changed field, oldest first."""
    header = ["id", "at_utc", "actor_kind", "actor_id", "actor", "operation", "entity", "entity_id"]
    header += ["change", "participants", "field", "before", "after"]
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.mission_id == mission_id, *_filters(query))
        .order_by(AuditEntry.id)
        .limit(EXPORT_LIMIT)
    )
    rows: list[list[Any]] = []
    for e in entries:
        start = [e.id, e.at.isoformat(), e.actor_kind, e.actor_id, e.actor_label, e.operation, e.entity]
        start += [e.entity_id, e.change, " ".join(map(str, participant_ids(e)))]
        for field, (before, after) in sorted(e.changes.items()):
            rows.append([*start, field, _cell(before), _cell(after)])
    return header, rows


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value
