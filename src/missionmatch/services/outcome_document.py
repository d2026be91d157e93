"""The outcome sections of a mission document (`agreements`, `feedback`): checked, written and read back
here so that export → import keeps agreements whole (signatories, status history, PDF documents,
confidentiality) and follow-ups marked done. Time stamps are the mission's wall-clock time, to the second,
like the rest of the document (docs/mission-format.md)."""

import base64
import binascii
import datetime as dt
from collections.abc import Collection
from typing import Any

from missionmatch.clock import instant_to_wall, wall_to_instant
from missionmatch.models import (
    Agreement,
    AgreementDocument,
    AgreementSignatory,
    AgreementStatusChange,
    Feedback,
    Meeting,
    Mission,
    Organisation,
    Participant,
)
from missionmatch.models.enums import AgreementKind, AgreementStatus, FollowUp
from missionmatch.services.agreement_documents import MAX_DOCUMENT_BYTES, PDF_MAGIC

LEGACY_STATUSES = {"cancelled": AgreementStatus.ABANDONED}  # before the register, "abandoned" was this
STATUS_VALUES = [s.value for s in AgreementStatus] + list(LEGACY_STATUSES)


def _status(value: str) -> AgreementStatus:
    return LEGACY_STATUSES.get(value) or AgreementStatus(value)


def _stamp(value: dt.datetime | None, zone: str) -> str | None:
    return instant_to_wall(value, zone).isoformat(timespec="seconds") if value else None


def _instant(value: str | None, zone: str) -> dt.datetime | None:
    return wall_to_instant(dt.datetime.fromisoformat(value), zone) if value else None


def check_outcomes(
    check: Any,
    document: dict[str, Any],
    org_keys: Collection[str | None],
    meeting_keys: Collection[str | None],
) -> None:
    """Adds the problems of the outcome sections to `check` (mission_document's checker)."""
    agreements = document.get("agreements", [])
    for index, agreement in enumerate(agreements):
        where = f"agreements[{index}]"
        check.required(agreement, where, "title")
        check.one_of(agreement, where, "kind", [k.value for k in AgreementKind])
        check.one_of(agreement, where, "status", STATUS_VALUES)
        check.refs(agreement.get("parties", []), org_keys, where, "parties")
        check.refs(agreement.get("meetings", []), meeting_keys, where, "meetings")
        if not isinstance(agreement.get("confidential", False), bool):
            check.add(where, "confidential", "must be true or false")
        for number, signatory in enumerate(agreement.get("signatories", [])):
            check.required(signatory, f"{where}.signatories[{number}]", "name")
            if signatory.get("organisation") is not None:
                check.refs(
                    [signatory["organisation"]], org_keys, f"{where}.signatories[{number}]", "organisation"
                )
        for number, change in enumerate(agreement.get("history", [])):
            check.one_of(change, f"{where}.history[{number}]", "status", STATUS_VALUES)
            check.moment(change, f"{where}.history[{number}]", "at")
        for number, attached in enumerate(agreement.get("documents", [])):
            place = f"{where}.documents[{number}]"
            check.required(attached, place, "filename")
            check.moment(attached, place, "uploaded_at")
            try:
                content = base64.b64decode(attached.get("content_base64", ""), validate=True)
            except (binascii.Error, TypeError, ValueError):
                content = b""
            if not content.startswith(PDF_MAGIC) or len(content) > MAX_DOCUMENT_BYTES:
                check.add(place, "content_base64", "must be a PDF of at most 5 MiB, in base64")
    check.unique_keys(agreements, "agreements")
    for index, feedback in enumerate(document.get("feedback", [])):
        check.moment(feedback, f"feedback[{index}]", "follow_up_done_at", optional=True)


def agreement_values(agreement: Agreement, zone: str) -> dict[str, Any]:
    return {
        "key": agreement.key,
        "title": agreement.title,
        "kind": agreement.kind.value,
        "parties": [o.key for o in agreement.parties],
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
        "status": agreement.status.value,
        "meetings": [m.key for m in agreement.meetings],
        "description": agreement.description,
        "confidential": agreement.confidential,
        "signatories": [
            {"name": s.name, "title": s.title, "organisation": s.organisation.key if s.organisation else None}
            for s in agreement.signatories
        ],
        "history": [
            {"status": c.status.value, "at": _stamp(c.changed_at, zone), "by": c.changed_by, "note": c.note}
            for c in agreement.history
        ],
        "documents": [
            {
                "filename": d.filename,
                "uploaded_at": _stamp(d.uploaded_at, zone),
                "uploaded_by": d.uploaded_by,
                "content_base64": base64.b64encode(d.content).decode("ascii"),
            }
            for d in agreement.documents
        ],
    }


def feedback_values(feedback: Feedback, zone: str) -> dict[str, Any]:
    return {
        "meeting": feedback.meeting.key,
        "author": feedback.author.key,
        "rating": feedback.rating,
        "comment": feedback.comment,
        "follow_up": feedback.follow_up.value,
        "follow_up_done_at": _stamp(feedback.follow_up_done_at, zone),
    }


def agreement_from(
    data: dict[str, Any],
    mission: Mission,
    organisations: dict[str, Organisation],
    meetings: dict[str, Meeting],
) -> Agreement:
    zone = mission.timezone
    return Agreement(
        mission=mission,
        key=data["key"],
        title=data["title"],
        kind=AgreementKind(data["kind"]),
        signed_on=dt.date.fromisoformat(data["signed_on"]) if data.get("signed_on") else None,
        status=_status(data["status"]),
        description=data.get("description", ""),
        confidential=data.get("confidential", False),
        parties=[organisations[k] for k in data.get("parties", [])],
        meetings=[meetings[k] for k in data.get("meetings", [])],
        signatories=[
            AgreementSignatory(
                position=n,
                name=s["name"],
                title=s.get("title", ""),
                organisation=organisations[s["organisation"]] if s.get("organisation") else None,
            )
            for n, s in enumerate(data.get("signatories", []))
        ],
        history=[
            AgreementStatusChange(
                status=_status(c["status"]),
                changed_at=_instant(c["at"], zone),
                changed_by=c.get("by", ""),
                note=c.get("note", ""),
            )
            for c in data.get("history", [])
        ],
        documents=[
            AgreementDocument(
                filename=d["filename"],
                content=(content := base64.b64decode(d["content_base64"])),
                size=len(content),
                uploaded_at=_instant(d["uploaded_at"], zone),
                uploaded_by=d.get("uploaded_by", ""),
            )
            for d in data.get("documents", [])
        ],
    )


def feedback_from(
    data: dict[str, Any], zone: str, meetings: dict[str, Meeting], people: dict[str, Participant]
) -> Feedback:
    return Feedback(
        meeting=meetings[data["meeting"]],
        author=people[data["author"]],
        rating=data["rating"],
        comment=data.get("comment", ""),
        follow_up=FollowUp(data.get("follow_up", "none")),
        follow_up_done_at=_instant(data.get("follow_up_done_at"), zone),
    )
