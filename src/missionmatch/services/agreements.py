"""The agreements register: create, edit and follow an agreement through its statuses.

Every status an agreement takes is appended to its history (`AgreementStatusChange`), which nothing edits
or deletes (it goes only with the agreement). A status change names the status the organiser saw: if
another organiser changed it meanwhile, the change is refused instead of silently skipping a step; the
agreement's row is locked first so that two changes run one after the other (PostgreSQL row lock, SQLite's
write lock)."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionmatch.models import (
    Agreement,
    AgreementSignatory,
    AgreementStatusChange,
    Mission,
)
from missionmatch.models.agreement import agreement_party
from missionmatch.models.enums import AgreementKind, AgreementStatus
from missionmatch.services.agreement_fields import AgreementFields
from missionmatch.services.setup_fields import lock_row, refuse

S = AgreementStatus
# where each status may go next; abandoned may be reopened as a draft
NEXT: dict[AgreementStatus, tuple[AgreementStatus, ...]] = {
    S.DRAFT: (S.NEGOTIATING, S.SIGNED, S.ABANDONED),
    S.NEGOTIATING: (S.DRAFT, S.SIGNED, S.ABANDONED),
    S.SIGNED: (S.IN_FORCE, S.ABANDONED),
    S.IN_FORCE: (S.ABANDONED,),
    S.ABANDONED: (S.DRAFT,),
}
NEEDS_SIGNATURE_DATE = (S.SIGNED, S.IN_FORCE)
MAX_NOTE = 2000


@dataclass(frozen=True)
class RegisterFilter:
    status: AgreementStatus | None = None
    kind: AgreementKind | None = None
    organisation_id: int | None = None  # a party
    confidential: bool | None = None


def _apply(session: Session, agreement: Agreement, fields: AgreementFields) -> None:
    agreement.title, agreement.kind = fields.title, fields.kind
    agreement.description, agreement.signed_on = fields.description, fields.signed_on
    agreement.confidential = fields.confidential
    agreement.parties = list(fields.parties)
    agreement.meetings = list(fields.meetings)
    agreement.signatories = [
        AgreementSignatory(position=n, name=s.name, title=s.title, organisation=s.organisation)
        for n, s in enumerate(fields.signatories)
    ]
    session.flush()


def create_agreement(
    session: Session, mission: Mission, fields: AgreementFields, *, by: str, now: dt.datetime
) -> Agreement:
    """A new agreement starts as a draft, the first entry of its history."""
    agreement = Agreement(mission=mission, status=S.DRAFT)
    session.add(agreement)
    _apply(session, agreement, fields)
    session.add(AgreementStatusChange(agreement=agreement, status=S.DRAFT, changed_at=now, changed_by=by))
    session.flush()
    return agreement


def update_agreement(session: Session, agreement: Agreement, fields: AgreementFields) -> None:
    """Everything but the status, which only change_status changes. A signed agreement keeps its date."""
    if agreement.status in NEEDS_SIGNATURE_DATE and fields.signed_on is None:
        raise refuse("signed_on", "signed_on_required")
    _apply(session, agreement, fields)


def change_status(
    session: Session,
    agreement: Agreement,
    to: AgreementStatus,
    *,
    seen: AgreementStatus,
    by: str,
    now: dt.datetime,
    note: str = "",
    signed_on: dt.date | None = None,
) -> AgreementStatusChange:
    """Moves the agreement from `seen` (the status its organiser saw) to `to` and appends the change."""
    lock_row(session, Agreement, agreement.id)
    session.refresh(agreement, ["status", "signed_on"])
    if agreement.status != seen:
        raise refuse("status", "changed_meanwhile", status=agreement.status.value)
    if to not in NEXT[agreement.status]:
        raise refuse("status", "transition", old=agreement.status.value, new=to.value)
    if len(note.strip()) > MAX_NOTE:
        raise refuse("note", "too_long", limit=MAX_NOTE)
    signed_on = signed_on or agreement.signed_on
    if to in NEEDS_SIGNATURE_DATE and signed_on is None:
        raise refuse("signed_on", "signed_on_required")
    agreement.status, agreement.signed_on = to, signed_on
    change = AgreementStatusChange(
        agreement=agreement, status=to, changed_at=now, changed_by=by, note=note.strip()
    )
    session.add(change)
    session.flush()
    return change


def parse_date(field: str, text: str) -> dt.date | None:
    """An ISO date ("2025-05-30") or None for an empty text; refuses anything else naming `field`."""
    try:
        return dt.date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        raise refuse(field, "date") from None


def delete_agreement(session: Session, agreement: Agreement) -> None:
    """Its history, signatories and documents go with it."""
    session.delete(agreement)
    session.flush()


def register(
    session: Session, mission: Mission, filters: RegisterFilter = RegisterFilter()
) -> list[Agreement]:
    """The mission's agreements matching the filters, newest signature first, unsigned ones last."""
    query = select(Agreement).where(Agreement.mission_id == mission.id)
    if filters.status is not None:
        query = query.where(Agreement.status == filters.status)
    if filters.kind is not None:
        query = query.where(Agreement.kind == filters.kind)
    if filters.confidential is not None:
        query = query.where(Agreement.confidential == filters.confidential)
    if filters.organisation_id is not None:
        parties = select(agreement_party.c.agreement_id).where(
            agreement_party.c.organisation_id == filters.organisation_id
        )
        query = query.where(Agreement.id.in_(parties))
    found = session.scalars(query.order_by(Agreement.id))
    return sorted(found, key=lambda a: (a.signed_on is None, -(a.signed_on or dt.date.min).toordinal(), a.id))


def counts_by_status(session: Session, mission: Mission) -> dict[str, int]:
    """How many agreements of the mission are in each status (every status listed, 0 included)."""
    query = select(Agreement.status, func.count()).where(Agreement.mission_id == mission.id)
    found = dict(session.execute(query.group_by(Agreement.status)).all())
    return {status.value: found.get(status, 0) for status in AgreementStatus}
