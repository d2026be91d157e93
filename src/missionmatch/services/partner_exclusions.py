"""A participant's own exclusions: dismissing a recommendation card (this mission) and marking a partner
"not interested" (never recommended nor requested again in the campaign); each can be undone."""

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Participant, PartnerExclusion, audit_capture, bump_content_revision
from missionmatch.models.enums import ExclusionKind
from missionmatch.services.meeting_requests import RequestRefused


def exclude(session: Session, participant: Participant, other: Participant, kind: ExclusionKind) -> None:
    """Idempotent: excluding twice keeps one row."""
    if other.mission_id != participant.mission_id or other.id == participant.id:
        raise RequestRefused("other_mission")
    if participant.organisation.side == other.organisation.side:
        raise RequestRefused("same_side")
    if _row(session, participant, other, kind) is None:
        # an ORM write: the flush bumps the mission's content revision (models/content_revision.py)
        session.add(PartnerExclusion(participant=participant, other=other, kind=kind, created_at=clock.now()))
        session.flush()


def undo(session: Session, participant: Participant, other: Participant, kind: ExclusionKind) -> None:
    removed = session.scalars(
        delete(PartnerExclusion)
        .where(
            PartnerExclusion.participant_id == participant.id,
            PartnerExclusion.other_id == other.id,
            PartnerExclusion.kind == kind,
        )
        .returning(PartnerExclusion.id)
    ).all()
    bump_content_revision(session, participant.mission_id)  # a bulk DELETE bypasses the flush's bump
    for exclusion_id in removed:  # nor does the audit log see it
        changes = {
            "participant_id": (participant.id, None),
            "other_id": (other.id, None),
            "kind": (kind, None),
        }
        about = [participant.id, other.id]
        audit_capture.record(
            session, participant.mission_id, "partner_exclusion", exclusion_id, "deleted", changes, about
        )


def _row(
    session: Session, participant: Participant, other: Participant, kind: ExclusionKind
) -> PartnerExclusion | None:
    query = select(PartnerExclusion).where(
        PartnerExclusion.participant_id == participant.id,
        PartnerExclusion.other_id == other.id,
        PartnerExclusion.kind == kind,
    )
    return session.scalars(query).first()


def excluded_by(session: Session, participant: Participant) -> dict[ExclusionKind, list[Participant]]:
    """Whom this participant dismissed and whom they are not interested in, in this mission."""
    query = select(PartnerExclusion).where(PartnerExclusion.participant_id == participant.id)
    out: dict[ExclusionKind, list[Participant]] = {kind: [] for kind in ExclusionKind}
    for row in session.scalars(query.order_by(PartnerExclusion.id)):
        out[row.kind].append(row.other)
    return out
