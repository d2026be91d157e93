"""A participant withdraws (cancels their trip), and an organiser can undo it.

Withdrawing cancels, under the schedule lock and through `schedule_writes`, every meeting of theirs that has
not happened yet (draft or published) and every open request to or from them, and records what it
cancelled. The undo puts back what is still safe: a meeting whose slot and table are still free for all
its people (re-checked like any cancelled meeting coming back), a request whose other party is still there,
a programme registration whose place is still free (`withdrawal_programme`: else first on the waiting list).
What cannot come back is reported with the reason; replanning refills the schedule as usual."""

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import AuditEntry, Meeting, MeetingRequest, Participant, ProgrammeItem
from missionmatch.models.audit_actor import operation
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services.placement_rules import PlacementRefused, Refusal
from missionmatch.services.programme_promotion import Promotions
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.schedule_writes import change_status_locked, flush_checked
from missionmatch.services.withdrawal_programme import ProgrammeUndo, programme_plan, release, restore
from missionmatch.settings import MailSettings

CANCELLABLE = (MeetingStatus.DRAFT, MeetingStatus.PUBLISHED)
OPEN_REQUESTS = (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING, RequestStatus.ACCEPTED)


@dataclass
class WithdrawalPlan:
    """What a withdrawal would cancel, for the confirmation page."""

    meetings: list[Meeting] = field(default_factory=list)
    requests: list[MeetingRequest] = field(default_factory=list)
    programme: list[ProgrammeItem] = field(default_factory=list)  # registrations given up
    waiting: list[ProgrammeItem] = field(default_factory=list)  # waiting lists left
    # filled by `withdraw`: who took the freed programme places (their mails queued, to deliver after commit)
    promotions: Promotions = field(default_factory=Promotions)


@dataclass
class UndoReport:
    restored: list[Meeting] = field(default_factory=list)
    # meeting -> why it stays cancelled: "changed" (its status changed since), "partner_gone" (another
    # attendee withdrew or was erased), or the placement rules' refusals (its place was taken)
    not_restored: list[tuple[Meeting, str, list[Refusal]]] = field(default_factory=list)
    requests_restored: int = 0
    requests_not_restored: int = 0
    programme: ProgrammeUndo = field(default_factory=ProgrammeUndo)


def _gone(person: Participant) -> bool:
    return person.withdrawn_at is not None or person.erased_at is not None


def withdrawal_plan(session: Session, participant: Participant) -> WithdrawalPlan:
    mission = participant.mission
    meetings = [m for m in mission.meetings if m.status in CANCELLABLE and participant in m.participants]
    requests = [
        r
        for r in mission.meeting_requests
        if r.status in OPEN_REQUESTS and participant in (r.requester, r.recipient)
    ]
    return WithdrawalPlan(meetings, requests, *programme_plan(session, participant))


def withdraw(
    session: Session, participant: Participant, at: dt.datetime, *, mail: MailSettings
) -> WithdrawalPlan:
    """Cancels what `withdrawal_plan` lists and marks the participant withdrawn; their programme places go
    to the waiting lists. Withdrawing again keeps the first time and adds what is cancelled now to the
    record."""
    with operation(session, "withdraw"):
        return _withdraw(session, participant, at, mail)


def _withdraw(
    session: Session, participant: Participant, at: dt.datetime, mail: MailSettings
) -> WithdrawalPlan:
    lock_schedule(session, participant.mission_id)
    session.refresh(participant)
    plan = withdrawal_plan(session, participant)
    record = participant.withdrawal or {"meetings": {}, "requests": {}}
    # the statuses to come back to, read before anything is cancelled
    record = record | {
        "meetings": record["meetings"] | {str(m.id): m.status.value for m in plan.meetings},
        "requests": record["requests"] | {str(r.id): r.status.value for r in plan.requests},
    }
    for meeting in plan.meetings:
        change_status_locked(session, meeting, MeetingStatus.CANCELLED)
    for request in plan.requests:
        request.status = RequestStatus.CANCELLED
    participant.withdrawn_at = participant.withdrawn_at or at
    session.flush()  # withdrawn before the freed places are filled: the promotion skips them
    given_up, plan.promotions = release(session, mail, participant)
    participant.withdrawal = record | {
        "programme": record.get("programme", {}) | given_up["programme"],
        "waiting": record.get("waiting", {}) | given_up["waiting"],
    }
    session.flush()
    return plan


def last_withdrawal_batch(session: Session, participant: Participant) -> str | None:
    """The audit log's batch of the participant's latest withdrawal, which an undo takes back."""
    return session.scalar(
        select(AuditEntry.batch)
        .where(
            AuditEntry.mission_id == participant.mission_id,
            AuditEntry.operation.in_(("withdraw", "bulk_withdraw")),
            AuditEntry.entity == "participant",
            AuditEntry.entity_id == participant.id,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


def _restore_meeting(session: Session, meeting: Meeting, status: MeetingStatus, report: UndoReport) -> None:
    if meeting.status != MeetingStatus.CANCELLED:
        report.not_restored.append((meeting, "changed", []))
    elif any(_gone(p) for p in meeting.participants):
        report.not_restored.append((meeting, "partner_gone", []))
    else:
        try:
            change_status_locked(session, meeting, status)
        except PlacementRefused as refused:
            report.not_restored.append((meeting, "taken", refused.refusals))
        else:
            report.restored.append(meeting)


def undo_withdrawal(session: Session, participant: Participant, *, mail: MailSettings) -> UndoReport:
    """Brings a withdrawn participant back with what can safely be restored (see the module's docstring)."""
    with operation(session, "undo_withdrawal", undoes=last_withdrawal_batch(session, participant)):
        return _undo_withdrawal(session, participant, mail)


def _undo_withdrawal(session: Session, participant: Participant, mail: MailSettings) -> UndoReport:
    lock_schedule(session, participant.mission_id)
    session.refresh(participant)
    report = UndoReport()
    if participant.withdrawn_at is None:
        return report
    record = participant.withdrawal or {}
    participant.withdrawn_at, participant.withdrawal = None, None
    flush_checked(session)  # the participant counts as present again for the checks below
    for meeting_id, status in sorted(record.get("meetings", {}).items(), key=lambda item: int(item[0])):
        meeting = session.get(Meeting, int(meeting_id))
        if meeting is not None:
            _restore_meeting(session, meeting, MeetingStatus(status), report)
    for request_id, status in record.get("requests", {}).items():
        request = session.get(MeetingRequest, int(request_id))
        if request is None:
            continue
        other = request.recipient if request.requester_id == participant.id else request.requester
        if request.status == RequestStatus.CANCELLED and not _gone(other):
            request.status = RequestStatus(status)
            report.requests_restored += 1
        else:
            report.requests_not_restored += 1
    report.programme = restore(session, mail, participant, record)
    flush_checked(session)
    return report
