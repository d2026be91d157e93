"""Organiser page: a participant's meeting limits for the mission and the table they keep as a host."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Mission, Participant
from missionmatch.services.participant_limits import set_limits, smallest_session_tables, tables_kept
from missionmatch.services.setup_fields import FieldError, SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission
from missionmatch.web.i18n import Translator
from missionmatch.web.routes.participants import _participant_of
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import SetupForm, explain
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _messages(t: Translator) -> dict[str, str]:
    return {
        "max_below_min": t.gettext("The maximum cannot be below the minimum (%(min)s)."),
        "table_missing": t.gettext(
            "There is no table %(table)s: the smallest B2B session of the mission has %(tables)s tables."
        ),
        "table_taken": t.gettext(
            "Table %(table)s is already kept by %(holder)s. "
            "Only people of the same organisation share a table."
        ),
    }


def _explain(t: Translator, errors: dict[str, FieldError]) -> dict[str, str]:
    """Field name -> message; the form reader's own codes ("number") are translated by setup_forms."""
    mine = _messages(t)
    return {
        name: mine[error.code] % error.values if error.code in mine else explain(t, {name: error})[name]
        for name, error in errors.items()
    }


def _values(participant: Participant) -> dict[str, str]:
    return {
        name: "" if value is None else str(value)
        for name, value in (
            ("min_meetings", participant.min_meetings),
            ("max_meetings", participant.max_meetings),
            ("hosted_table", participant.hosted_table),
        )
    }


def _page(
    request: Request,
    mission: Mission,
    participant: Participant,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
) -> Response:
    kept = tables_kept(mission, lambda p: p.organisation_id, besides=participant)
    return render(
        request,
        "participant_limits.html",
        status_code=422 if errors else 200,
        mission=mission,
        participant=participant,
        values=values,
        errors=errors or {},
        tables=smallest_session_tables(mission),
        kept=sorted((table, holder.name) for table, holder in kept.items()),
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/participants/{participant_id}/limits")
def limits_page(request: Request, mission: ManagedMission, participant_id: int, db: DbSession) -> Response:
    participant = _participant_of(db, mission, participant_id)
    return _page(request, mission, participant, _values(participant))


@router.post("/missions/{slug}/participants/{participant_id}/limits")
def save_limits(
    request: Request, mission: ManagedMission, participant_id: int, db: DbSession, t: Lang, form: SetupForm
) -> Response:
    participant = _participant_of(db, mission, participant_id)
    try:
        set_limits(db, participant, form)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, participant, form, _explain(t, rejected.errors))
    db.commit()
    path = f"/missions/{mission.slug}/participants/{participant.id}/limits?saved=1"
    return RedirectResponse(path, status_code=303)
