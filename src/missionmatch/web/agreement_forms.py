"""The agreement form of the organiser pages: read from a posted form, or filled from an agreement or from a
feedback that promised one."""

from fastapi import Request

from missionmatch.models import Agreement, Feedback
from missionmatch.services.agreement_fields import AgreementInput, SignatoryInput

EMPTY_SIGNATORY_ROWS = 2  # blank rows offered after the existing signatories


def _texts(form: object, name: str) -> list[str]:
    return [v for v in form.getlist(name) if isinstance(v, str)]  # type: ignore[attr-defined]


async def agreement_input(request: Request) -> AgreementInput:
    """Multiple selects `party_id`, `meeting_id`; signatory rows `signatory_{name,title,organisation}_N`."""
    form = await request.form()
    text = {k: v for k, v in form.items() if isinstance(v, str)}
    rows = sorted(
        {int(k.rsplit("_", 1)[1]) for k in text if k.startswith("signatory_name_") and k[15:].isdigit()}
    )
    return AgreementInput(
        title=text.get("title", ""),
        kind=text.get("kind", ""),
        description=text.get("description", ""),
        signed_on=text.get("signed_on", ""),
        confidential=text.get("confidential") == "1",
        party_ids=_texts(form, "party_id"),
        meeting_ids=_texts(form, "meeting_id"),
        signatories=[
            SignatoryInput(
                text.get(f"signatory_name_{n}", ""),
                text.get(f"signatory_title_{n}", ""),
                text.get(f"signatory_organisation_{n}", ""),
            )
            for n in rows
        ],
    )


def input_of(agreement: Agreement) -> AgreementInput:
    return AgreementInput(
        title=agreement.title,
        kind=agreement.kind.value,
        description=agreement.description,
        signed_on=agreement.signed_on.isoformat() if agreement.signed_on else "",
        confidential=agreement.confidential,
        party_ids=[str(o.id) for o in agreement.parties],
        meeting_ids=[str(m.id) for m in agreement.meetings],
        signatories=[
            SignatoryInput(s.name, s.title, str(s.organisation_id or "")) for s in agreement.signatories
        ],
    )


def input_from_feedback(feedback: Feedback) -> AgreementInput:
    """A letter of intent between the organisations that met, from that meeting."""
    organisations = list({p.organisation_id: p.organisation for p in feedback.meeting.participants}.values())
    return AgreementInput(
        title=" – ".join(o.name for o in organisations),
        kind="letter_of_intent",
        party_ids=[str(o.id) for o in organisations],
        meeting_ids=[str(feedback.meeting_id)],
    )


def with_blank_rows(values: AgreementInput) -> list[SignatoryInput]:
    return [*values.signatories, *[SignatoryInput()] * EMPTY_SIGNATORY_ROWS]
