"""Undo from the audit log, for the operations whose undo the service layer can prove safe. An operation is
undone as a whole or not at all, once, and only while what it changed is still as it left it (nobody changed
it since); the undo itself is an operation of the log, linked to the one it undid.

- a withdrawal: `services/withdrawal.undo_withdrawal` (its own page reports what could not come back);
- a bulk change of a field (meetings wished or accepted at most, a language spoken, the time zone): each value
  set back, if still the one the change set, and for the limits if the value restored still fits the other
  limit now (a maximum not below the minimum, a minimum not above the maximum);
- a declined request: pending again, if still declined, both people still there, not past its expiry, the
  window for requests open, and no other open request between them;
- a change of a meeting's attendees (someone removed or added): the previous attendees again, through
  `meeting_attendees.change_attendees` (the schedule lock and every placement rule), if the attendees are
  still the ones it set.

Not undoable: a check-in has its own toggle; an erasure cannot be undone by design (personal data is gone);
a meeting moved by hand is moved back the same way (the slot may be taken: the move page says why); what a
scheduler or replanning run wrote is replaced by running it again."""

from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import AuditEntry, Meeting, MeetingRequest, Mission, Participant
from missionmatch.models.audit_actor import operation
from missionmatch.models.audit_capture import plain
from missionmatch.models.enums import RequestStatus
from missionmatch.services import meeting_requests, withdrawal
from missionmatch.services.bulk_fields import ATTRIBUTES
from missionmatch.services.meeting_attendees import change_attendees
from missionmatch.services.person_names import display_name
from missionmatch.services.row_locks import lock_schedule
from missionmatch.settings import MailSettings

FIELD_CHANGES: Final = {f"bulk_{action}": attribute for action, attribute in ATTRIBUTES.items()}
UNDOABLE: Final = ("withdraw", "bulk_withdraw", *FIELD_CHANGES, "decline_request", "change_attendees")


class UndoRefused(Exception):
    """Nothing was undone. code: "unknown", "not_undoable", "already_undone", "changed" (changed since),
    "below_min", "above_max", "gone" (someone withdrew or was erased), "expired", "closed", "open_between",
    "limit"."""

    def __init__(self, code: str, row: str = "") -> None:
        self.code = code
        self.row = row  # whom or what it is about
        super().__init__(f"{code}: {row}" if row else code)


def batch_entries(session: Session, mission: Mission, batch: str) -> list[AuditEntry]:
    found = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.mission_id == mission.id, AuditEntry.batch == batch)
        .order_by(AuditEntry.id)
    )
    return list(found)


def undo_batch(session: Session, mission: Mission, batch: str, *, mail: MailSettings) -> str:
    """Undoes the operation `batch` of `mission` in the caller's transaction; its name. Raises UndoRefused."""
    lock_schedule(session, mission.id)  # concurrent changes wait, then are seen by the checks below
    entries = batch_entries(session, mission, batch)
    if not entries:
        raise UndoRefused("unknown")
    name = entries[0].operation
    if name not in UNDOABLE:
        raise UndoRefused("not_undoable")
    already = select(AuditEntry.id).where(AuditEntry.mission_id == mission.id, AuditEntry.undoes == batch)
    if session.scalar(already.limit(1)) is not None:
        raise UndoRefused("already_undone")
    if name in ("withdraw", "bulk_withdraw"):
        _undo_withdrawals(session, entries, mail)
        return name
    with operation(session, f"undo_{name}", undoes=batch):
        if name in FIELD_CHANGES:
            _undo_fields(session, entries, FIELD_CHANGES[name])
        elif name == "decline_request":
            _undo_decline(session, entries)
        else:
            _undo_attendees(session, entries)
    return name


def _undo_withdrawals(session: Session, entries: list[AuditEntry], mail: MailSettings) -> None:
    for entry in entries:
        if entry.entity == "participant" and "withdrawn_at" in entry.changes:
            person = session.get(Participant, entry.entity_id)
            if person is None or person.withdrawn_at is None:
                raise UndoRefused("changed", display_name(person) if person else f"#{entry.entity_id}")
    for entry in entries:
        if entry.entity == "participant" and "withdrawn_at" in entry.changes:
            person = session.get(Participant, entry.entity_id)
            assert person is not None
            withdrawal.undo_withdrawal(session, person, mail=mail)


def _undo_fields(session: Session, entries: list[AuditEntry], attribute: str) -> None:
    changes = []
    for entry in entries:
        if entry.entity != "participant" or attribute not in entry.changes:
            continue
        before, after = entry.changes[attribute]
        person = session.get(Participant, entry.entity_id, populate_existing=True)
        if person is None or plain(getattr(person, attribute)) != after:
            raise UndoRefused("changed", display_name(person) if person else f"#{entry.entity_id}")
        if person.erased_at is not None:
            raise UndoRefused("gone", display_name(person))
        low, high = person.min_meetings, person.max_meetings
        if attribute == "max_meetings" and before is not None and low is not None and before < low:
            raise UndoRefused("below_min", display_name(person))
        if attribute == "min_meetings" and before is not None and high is not None and before > high:
            raise UndoRefused("above_max", display_name(person))
        changes.append((person, before))
    for person, before in changes:
        setattr(person, attribute, before)
    session.flush()


def _gone(person: Participant) -> bool:
    return person.withdrawn_at is not None or person.erased_at is not None


def _undo_decline(session: Session, entries: list[AuditEntry]) -> None:
    entry = next(e for e in entries if e.entity == "request")
    request = session.get(MeetingRequest, entry.entity_id, populate_existing=True)
    if request is None or request.status != RequestStatus.DECLINED:
        raise UndoRefused("changed", f"#{entry.entity_id}")
    for person in (request.requester, request.recipient):
        if _gone(person):
            raise UndoRefused("gone", display_name(person))
    now = clock.now()
    if request.expires_at is not None and request.expires_at <= now:
        raise UndoRefused("expired", f"#{request.id}")
    mission = request.mission
    if (mission.requests_close_at is not None and now >= mission.requests_close_at) or (
        mission.requests_open_at is not None and now < mission.requests_open_at
    ):
        raise UndoRefused("closed", f"#{request.id}")
    if meeting_requests.open_request_between(session, request.requester, request.recipient) is not None:
        raise UndoRefused("open_between", display_name(request.requester))
    limit = mission.max_open_requests
    if limit is not None and meeting_requests.open_requests_of(session, request.requester) >= limit:
        raise UndoRefused("limit", display_name(request.requester))
    meeting_requests.transition(session, request, RequestStatus.PENDING, RequestStatus.DECLINED)


def _undo_attendees(session: Session, entries: list[AuditEntry]) -> None:
    entry = next(e for e in entries if e.entity == "meeting" and "participants" in e.changes)
    before, after = entry.changes["participants"]
    meeting = session.get(Meeting, entry.entity_id, populate_existing=True)
    if meeting is None or sorted(p.id for p in meeting.participants) != after:
        raise UndoRefused("changed", f"#{entry.entity_id}")
    people = [session.get(Participant, person_id) for person_id in before]
    if any(p is None for p in people):
        raise UndoRefused("gone", f"#{entry.entity_id}")
    # the placement rules, under the lock: refuses with PlacementRefused when the slot no longer fits them
    change_attendees(session, meeting, [p for p in people if p is not None])
