"""Bodies of the outcome resources (agreements, feedback, follow-ups) and how rows become them."""

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field

from missionmatch.models import Agreement, Feedback
from missionmatch.models.enums import AgreementKind, AgreementStatus
from missionmatch.services.agreement_fields import AgreementInput, SignatoryInput
from missionmatch.services.feedback_views import comment_language
from missionmatch.web.routes.api.schemas import NO_CONTROL, NOT_BLANK, BodyIn, Instant, JsonInt


def _full_date(value: object) -> object:
    """A date as `format: date` means it ("2025-05-30"), not a number of seconds nor "20250530"."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError("Enter a date like 2025-05-30.")


JsonDate = Annotated[dt.date, BeforeValidator(_full_date)]


class SignatoryIn(BodyIn):
    name: str = Field(max_length=200, pattern=NOT_BLANK)
    title: str = Field(default="", max_length=200, pattern=NO_CONTROL)
    organisation_id: JsonInt | None = None  # one of the parties


class AgreementIn(BodyIn):
    # what the schema cannot say is refused by the services: a signatory for an organisation that is not a
    # party (422), parties or meetings of another mission (409)
    title: str = Field(max_length=200, pattern=NOT_BLANK)
    kind: AgreementKind
    description: str = Field(default="", max_length=4000, pattern=NO_CONTROL)
    signed_on: JsonDate | None = None
    confidential: bool = Field(default=False, strict=True)
    party_ids: list[JsonInt] = Field(min_length=1)  # organisations of either side
    meeting_ids: list[JsonInt] = Field(default_factory=list)  # the meetings it came from
    signatories: list[SignatoryIn] = Field(default_factory=list)

    def as_input(self) -> AgreementInput:
        return AgreementInput(
            title=self.title,
            kind=self.kind.value,
            description=self.description,
            signed_on=self.signed_on.isoformat() if self.signed_on else "",
            confidential=self.confidential,
            party_ids=[str(i) for i in self.party_ids],
            meeting_ids=[str(i) for i in self.meeting_ids],
            signatories=[
                SignatoryInput(s.name, s.title, str(s.organisation_id or "")) for s in self.signatories
            ],
        )


class StatusIn(BodyIn):
    status: AgreementStatus
    seen: AgreementStatus  # the status the caller last read: refused (409) if it changed meanwhile
    signed_on: JsonDate | None = None
    note: str = Field(default="", max_length=2000, pattern=NO_CONTROL)


class SignatoryOut(BaseModel):
    name: str
    title: str
    organisation_id: int | None


class StatusChangeOut(BaseModel):
    status: str
    at: Instant
    by: str
    note: str


class DocumentOut(BaseModel):
    id: int
    filename: str
    size: int
    uploaded_at: Instant


class AgreementOut(BaseModel):
    id: int
    key: str
    title: str
    kind: str
    status: str
    signed_on: dt.date | None
    confidential: bool
    description: str
    party_ids: list[int]
    meeting_ids: list[int]
    signatories: list[SignatoryOut]
    history: list[StatusChangeOut]  # oldest first
    documents: list[DocumentOut]


class MissionFeedbackOut(BaseModel):
    id: int
    meeting_id: int
    author_id: int
    side: str
    rating: int
    follow_up: str
    follow_up_done_at: Instant | None
    comment: str
    comment_language: str | None


def agreement_out(a: Agreement) -> AgreementOut:
    return AgreementOut(
        id=a.id,
        key=a.key,
        title=a.title,
        kind=a.kind.value,
        status=a.status.value,
        signed_on=a.signed_on,
        confidential=a.confidential,
        description=a.description,
        party_ids=[o.id for o in a.parties],
        meeting_ids=[m.id for m in a.meetings],
        signatories=[
            SignatoryOut(name=s.name, title=s.title, organisation_id=s.organisation_id) for s in a.signatories
        ],
        history=[
            StatusChangeOut(status=c.status.value, at=c.changed_at, by=c.changed_by, note=c.note)
            for c in a.history
        ],
        documents=[
            DocumentOut(id=d.id, filename=d.filename, size=d.size, uploaded_at=d.uploaded_at)
            for d in a.documents
        ],
    )


def feedback_out(f: Feedback) -> MissionFeedbackOut:
    return MissionFeedbackOut(
        id=f.id,
        meeting_id=f.meeting_id,
        author_id=f.author_id,
        side=f.author.side,
        rating=f.rating,
        follow_up=f.follow_up.value,
        follow_up_done_at=f.follow_up_done_at,
        comment=f.comment,
        comment_language=comment_language(f),
    )
