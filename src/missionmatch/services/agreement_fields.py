"""Reading an agreement as an organiser describes it (the page's form or the API's body): every wrong field
is named with a stable code (translated by the web layer), nothing is written."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from missionmatch.models import Meeting, Mission, Organisation
from missionmatch.models.enums import AgreementKind
from missionmatch.services.setup_fields import FieldError, SetupRejected

MAX_TITLE, MAX_DESCRIPTION, MAX_NAME = 300, 10_000, 200


@dataclass(frozen=True)
class SignatoryInput:
    name: str = ""
    title: str = ""
    organisation_id: str = ""  # an id of one of the parties, or "" (a signatory not tied to a party)


@dataclass(frozen=True)
class AgreementInput:
    """Raw values, as text: what a form or a JSON body gives before anything is checked."""

    title: str = ""
    kind: str = ""
    description: str = ""
    signed_on: str = ""
    confidential: bool = False
    party_ids: Sequence[str] = ()
    meeting_ids: Sequence[str] = ()
    signatories: Sequence[SignatoryInput] = ()


@dataclass
class Signatory:
    name: str
    title: str
    organisation: Organisation | None


@dataclass
class AgreementFields:
    title: str
    kind: AgreementKind
    description: str
    signed_on: dt.date | None
    confidential: bool
    parties: list[Organisation] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)


_Row = TypeVar("_Row", Organisation, Meeting)


def _rows_by_id(rows: Sequence[_Row]) -> dict[str, _Row]:
    return {str(row.id): row for row in rows}


def read_agreement(mission: Mission, raw: AgreementInput) -> AgreementFields:
    """The agreement described by `raw`; raises SetupRejected naming every wrong field."""
    errors: dict[str, FieldError] = {}

    def fail(name: str, code: str, **values: object) -> None:
        errors.setdefault(name, FieldError(code, values))

    title = raw.title.strip()
    if not title:
        fail("title", "required")
    elif len(title) > MAX_TITLE:
        fail("title", "too_long", limit=MAX_TITLE)
    if raw.kind not in {k.value for k in AgreementKind}:
        fail("kind", "unknown_agreement_kind")
    description = raw.description.strip()
    if len(description) > MAX_DESCRIPTION:
        fail("description", "too_long", limit=MAX_DESCRIPTION)
    signed_on = None
    if raw.signed_on.strip():
        try:
            signed_on = dt.date.fromisoformat(raw.signed_on.strip())
        except ValueError:
            fail("signed_on", "date")
    organisations = _rows_by_id(mission.organisations)
    parties = [organisations.get(i.strip()) for i in dict.fromkeys(raw.party_ids) if i.strip()]
    if None in parties:
        fail("parties", "unknown_organisation")
    elif not parties:
        fail("parties", "no_party")
    meetings_by_id = _rows_by_id(mission.meetings)
    meetings = [meetings_by_id.get(i.strip()) for i in dict.fromkeys(raw.meeting_ids) if i.strip()]
    if None in meetings:
        fail("meetings", "unknown_meeting")
    party_ids = {str(p.id) for p in parties if p is not None}
    signatories = []
    for row, signatory in enumerate(raw.signatories, start=1):
        name, job = signatory.name.strip(), signatory.title.strip()
        org_id = signatory.organisation_id.strip()
        if not (name or job or org_id):
            continue  # an empty row of the form
        if not name:
            fail("signatories", "signatory_name", row=row)
        elif len(name) > MAX_NAME or len(job) > MAX_NAME:
            fail("signatories", "signatory_too_long", row=row, limit=MAX_NAME)
        elif org_id and org_id not in party_ids:
            fail("signatories", "signatory_not_party", row=row)
        else:
            signatories.append(Signatory(name, job, organisations.get(org_id)))
    if errors:
        raise SetupRejected(errors)
    return AgreementFields(
        title=title,
        kind=AgreementKind(raw.kind),
        description=description,
        signed_on=signed_on,
        confidential=raw.confidential,
        parties=parties,  # type: ignore[arg-type]
        meetings=meetings,  # type: ignore[arg-type]
        signatories=signatories,
    )
