"""How the agreements API answers a refused input: 422 naming each field when the body itself is wrong;
409 when it is right in form but not as things stand (parties or meetings not of this mission, a status
step not allowed from the current status, a status changed meanwhile, a signed agreement without its
date); 413 and 415 for a document too large or not a PDF."""

from fastapi import HTTPException

from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.i18n import Translator
from missionmatch.web.outcome_text import explain
from missionmatch.web.routes.api.access import invalid

ENGLISH = Translator("en")
# the codes that depend on the mission's rows or the agreement's current state, not on the body alone
CONFLICTS = frozenset(
    {"unknown_organisation", "unknown_meeting", "transition", "changed_meanwhile", "signed_on_required"}
)
DOCUMENT_STATUS = {"too_large": 413, "not_pdf": 415, "empty_file": 415}  # an empty file is no PDF


def _detail(rejected: SetupRejected) -> str:
    """`field: message` for each refusal, with the statuses involved, e.g. `status: An agreement cannot
    go from this status to that one. (from draft to in_force)`."""
    messages = explain(ENGLISH, rejected.errors)
    parts = []
    for name, error in rejected.errors.items():
        values = error.values
        if "old" in values and "new" in values:
            messages[name] += f" (from {values['old']} to {values['new']})"
        elif "status" in values:
            messages[name] += f" (now {values['status']})"
        parts.append(f"{name}: {messages[name]}")
    return "; ".join(parts)


def refused(rejected: SetupRejected) -> Exception:
    codes = {error.code for error in rejected.errors.values()}
    for code, status in DOCUMENT_STATUS.items():
        if codes == {code}:
            return HTTPException(status_code=status, detail=_detail(rejected))
    if codes <= CONFLICTS:
        return HTTPException(status_code=409, detail=_detail(rejected))
    return invalid(explain(ENGLISH, rejected.errors))
