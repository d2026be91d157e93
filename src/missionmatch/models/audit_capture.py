"""Every flush writes the audit log of what it changed in the audited models, in the same transaction: one
listener on all sessions, so that no service write path can forget it, and one multi-row INSERT a flush, so
that a busy page pays one statement more and no SELECT (what it records is what the session already holds).

Recorded: rows created (their set fields), updated (each changed field, before and after) and deleted (their
fields), and the attendee, companion and registration lists (their ids before and after). Not recorded:
bookkeeping (sign-in sessions, tokens, jobs, mail), secrets, binary content, and the content revision.
Bulk statements (`session.execute(update(...))`) bypass flushes: the few services that use them for data
write their entries themselves with `record`."""

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import LargeBinary, event, insert, inspect
from sqlalchemy.orm import ColumnProperty, Session, UOWTransaction

from missionmatch import clock
from missionmatch.models.agreement import Agreement, AgreementSignatory
from missionmatch.models.audit_actor import current_actor, current_operation
from missionmatch.models.audit_entry import AuditEntry
from missionmatch.models.b2b_session import B2BSession, InterpreterPool
from missionmatch.models.content_revision import _mission_id
from missionmatch.models.feedback import Feedback
from missionmatch.models.meeting import Meeting
from missionmatch.models.meeting_request import MeetingRequest
from missionmatch.models.mission import Mission
from missionmatch.models.organisation import Organisation
from missionmatch.models.participant import Participant, Unavailability
from missionmatch.models.partner_exclusion import PartnerExclusion
from missionmatch.models.profile import Profile
from missionmatch.models.programme import ProgrammeItem
from missionmatch.models.programme_waiting import WaitingEntry

AUDITED: Final[dict[type, str]] = {
    Mission: "mission",
    Organisation: "organisation",
    Participant: "participant",
    Profile: "profile",
    Unavailability: "unavailability",
    ProgrammeItem: "programme_item",
    WaitingEntry: "programme_waiting",
    B2BSession: "b2b_session",
    InterpreterPool: "interpreter_pool",
    MeetingRequest: "request",
    Meeting: "meeting",
    Feedback: "feedback",
    PartnerExclusion: "partner_exclusion",
    Agreement: "agreement",
    AgreementSignatory: "agreement_signatory",
}
# many-to-many lists recorded as ids (the other side of a registration is the same change)
COLLECTIONS: Final[dict[type, tuple[str, ...]]] = {
    Meeting: ("participants",),
    MeetingRequest: ("companions",),
    Participant: ("programme_items",),
    Agreement: ("parties", "meetings"),
}
# the entity id of a model without its own `id`: a waiting entry is recorded as its item's list (the
# participant is in `about`)
ENTITY_IDS: Final[dict[type, str]] = {WaitingEntry: "programme_item_id"}
NOT_RECORDED: Final = frozenset({"id", "content_revision", "password_hash", "token", "token_hash", "secret"})
# columns naming the participants a row is about
ABOUT_COLUMNS: Final = ("participant_id", "author_id", "other_id", "requester_id", "recipient_id")


def plain(value: Any) -> Any:
    """A value as JSON holds it: enums by value, dates and times in ISO 8601, rows by id."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _columns(model: type) -> list[str]:
    properties: list[ColumnProperty[Any]] = list(inspect(model).column_attrs)
    return [
        prop.key
        for prop in properties
        if prop.key not in NOT_RECORDED
        and not any(isinstance(c.type, LargeBinary) for c in prop.columns)
        and not getattr(prop, "deferred", False)
    ]


_COLUMNS: Final = {model: _columns(model) for model in AUDITED}


def _ids(rows: Iterable[Any]) -> list[int]:
    # every row of a recorded list has an integer `id`, set by now (after_flush)
    return sorted(row.id for row in rows if row.id is not None)


def _updated(row: Any) -> dict[str, list[Any]]:
    state = inspect(row)
    changes: dict[str, list[Any]] = {}
    for key in _COLUMNS[type(row)]:
        history = state.attrs[key].history
        if history.added or history.deleted:
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if plain(before) != plain(after):
                changes[key] = [plain(before), plain(after)]
    for key in COLLECTIONS.get(type(row), ()):
        history = state.attrs[key].history
        if history.added or history.deleted:
            kept = list(history.unchanged)
            changes[key] = [_ids(kept + list(history.deleted)), _ids(kept + list(history.added))]
    return changes


def _fields(row: Any, deleted: bool) -> dict[str, list[Any]]:
    values = inspect(row).dict
    changes: dict[str, list[Any]] = {}
    for key in _COLUMNS[type(row)]:
        value = plain(values.get(key))
        if value not in (None, "", [], {}):
            changes[key] = [value, None] if deleted else [None, value]
    for key in COLLECTIONS.get(type(row), ()):
        if values.get(key):
            ids = _ids(values[key])
            changes[key] = [ids, []] if deleted else [[], ids]
    return changes


def _about(row: Any, changes: dict[str, list[Any]]) -> str:
    values = inspect(row).dict
    found: set[int] = set()
    if isinstance(row, Participant) and row.id is not None:
        found.add(row.id)
    for column in ABOUT_COLUMNS:
        if isinstance(values.get(column), int):
            found.add(values[column])
    for key in ("participants", "companions"):
        if key in changes and type(row) is not Agreement:
            found.update(i for side in changes[key] for i in side if isinstance(i, int))
        if key in values and type(row) is not Agreement:
            found.update(_ids(values[key]))
    return _about_text(found)


def _about_text(ids: Iterable[int]) -> str:
    """ ",3,17,": one LIKE '%,3,%' finds a participant's entries."""
    found = sorted(set(ids))
    return "," + ",".join(str(i) for i in found) + "," if found else ""


Entry = dict[str, Any]  # the values of one audit_entry row


def _entry_maker(session: Session) -> Callable[[int, str, int, str, str, Any], Entry]:
    """The fields every entry of this flush or statement shares (who, when, which operation), around the
    row's own."""
    actor = current_actor(session)
    name, batch, undoes = current_operation(session)
    shared = {
        "at": clock.now(),
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "actor_label": actor.label[:254],
        "operation": name,
        "batch": batch,
        "undoes": undoes,
    }

    def entry(mission_id: int, entity: str, entity_id: int, change: str, about: str, changes: Any) -> Entry:
        return {
            **shared,
            "mission_id": mission_id,
            "entity": entity,
            "entity_id": entity_id,
            "change": change,
            "about": about,
            "changes": changes,
        }

    return entry


def _rows(session: Session) -> list[dict[str, Any]]:
    entry = _entry_maker(session)
    gone_missions = {row.id for row in session.deleted if isinstance(row, Mission)}
    dirty = [row for row in session.dirty if session.is_modified(row, include_collections=True)]
    entries = []
    for change, rows in (("created", session.new), ("updated", dirty), ("deleted", session.deleted)):
        for row in rows:
            entity = AUDITED.get(type(row))
            if entity is None:
                continue
            changes = _updated(row) if change == "updated" else _fields(row, change == "deleted")
            mission_id = _mission_id(session, row)
            if not changes or mission_id is None or mission_id in gone_missions:
                continue
            entity_id = getattr(row, ENTITY_IDS.get(type(row), "id"))
            entries.append(entry(mission_id, entity, entity_id, change, _about(row, changes), changes))
    return entries


@event.listens_for(Session, "after_flush")
def _write_audit_entries(session: Session, _context: UOWTransaction) -> None:
    # after the flush the new rows have their ids, while the session still shows what it flushed and each
    # attribute's history (SQLAlchemy keeps them until after_flush_postexec)
    entries = _rows(session)
    if entries:
        session.connection().execute(insert(AuditEntry), entries)


def record(
    session: Session,
    mission_id: int,
    entity: str,
    entity_id: int,
    change: str,
    changes: Mapping[str, Sequence[Any]],
    about: Iterable[int] = (),
) -> None:
    """An entry for a change a bulk statement made (no flush sees it)."""
    record_rows(session, entity, change, [(mission_id, entity_id, changes, about)])


def record_rows(
    session: Session,
    entity: str,
    change: str,
    rows: Sequence[tuple[int, int, Mapping[str, Sequence[Any]], Iterable[int]]],
) -> None:
    """One entry a row a bulk statement changed, (mission id, row id, changes, about), in one INSERT."""
    if not rows:
        return
    entry = _entry_maker(session)
    entries = [
        entry(
            mission_id,
            entity,
            entity_id,
            change,
            _about_text(about),
            {k: [plain(a), plain(b)] for k, (a, b) in changes.items()},
        )
        for mission_id, entity_id, changes, about in rows
    ]
    session.connection().execute(insert(AuditEntry), entries)
