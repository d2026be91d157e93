"""Organiser pages: the agreements register (list with filters, create, edit, delete) and an agreement's
detail with its history and the form that moves it to its next status."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch import clock
from missionmatch.models import Agreement, Mission
from missionmatch.models.enums import AgreementStatus
from missionmatch.services import agreements as service
from missionmatch.services.agreement_fields import AgreementInput, read_agreement
from missionmatch.services.follow_ups import feedback_of_mission
from missionmatch.services.setup_fields import SetupRejected, refuse
from missionmatch.web.agreement_forms import agreement_input, input_from_feedback, input_of, with_blank_rows
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang, ManagedMission
from missionmatch.web.i18n import Translator
from missionmatch.web.mission_rows import row_of_mission
from missionmatch.web.outcome_filters import Filters
from missionmatch.web.outcome_text import explain, kind_names, meeting_line, status_names
from missionmatch.web.security import verify_csrf
from missionmatch.web.setup_forms import SetupForm
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
AgreementForm = Annotated[AgreementInput, Depends(agreement_input)]


@router.get("/missions/{slug}/agreements", name="agreement_register_page")
def register_page(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, filters: Filters
) -> Response:
    return render(
        request,
        "agreements.html",
        mission=mission,
        agreements=service.register(db, mission, filters),
        filters=request.query_params,
        kinds=kind_names(t),
        statuses=status_names(t),
    )


def _form_page(
    request: Request,
    mission: Mission,
    t: Translator,
    values: AgreementInput,
    agreement: Agreement | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "agreement_form.html",
        status_code=422 if errors else 200,
        mission=mission,
        agreement=agreement,
        values=values,
        signatories=with_blank_rows(values),
        errors=errors or {},
        kinds=kind_names(t),
        meetings=[(m, meeting_line(t, m)) for m in mission.meetings],
    )


@router.get("/missions/{slug}/agreements/new")
def new_agreement(
    request: Request, mission: ManagedMission, db: DbSession, t: Lang, feedback: int = 0
) -> Response:
    """An empty form, or (`feedback=ID`) one filled from a feedback that promised an agreement."""
    source = feedback_of_mission(db, mission, feedback) if feedback else None
    if feedback and source is None:
        raise HTTPException(status_code=404)
    values = input_from_feedback(source) if source else AgreementInput(kind="mou")
    return _form_page(request, mission, t, values)


@router.post("/missions/{slug}/agreements", name="agreement_create")
def create(
    request: Request,
    mission: ManagedMission,
    organiser: CurrentOrganiser,
    db: DbSession,
    t: Lang,
    form: AgreementForm,
) -> Response:
    try:
        fields = read_agreement(mission, form)
    except SetupRejected as rejected:
        return _form_page(request, mission, t, form, errors=explain(t, rejected.errors))
    agreement = service.create_agreement(db, mission, fields, by=organiser.email, now=clock.now())
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements/{agreement.id}", status_code=303)


def detail_page(
    request: Request,
    mission: Mission,
    agreement: Agreement,
    t: Translator,
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "agreement_detail.html",
        status_code=422 if errors else 200,
        mission=mission,
        agreement=agreement,
        kinds=kind_names(t),
        statuses=status_names(t),
        next_statuses=service.NEXT[agreement.status],
        meetings=[meeting_line(t, m) for m in agreement.meetings],
        errors=errors or {},
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/agreements/{agreement_id}", name="agreement_detail")
def detail(request: Request, mission: ManagedMission, agreement_id: int, db: DbSession, t: Lang) -> Response:
    return detail_page(request, mission, row_of_mission(db, mission, Agreement, agreement_id), t)


@router.get("/missions/{slug}/agreements/{agreement_id}/edit", name="agreement_edit")
def edit(request: Request, mission: ManagedMission, agreement_id: int, db: DbSession, t: Lang) -> Response:
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    return _form_page(request, mission, t, input_of(agreement), agreement=agreement)


@router.post("/missions/{slug}/agreements/{agreement_id}", name="agreement_save")
def save(
    request: Request, mission: ManagedMission, agreement_id: int, db: DbSession, t: Lang, form: AgreementForm
) -> Response:
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    try:
        service.update_agreement(db, agreement, read_agreement(mission, form))
    except SetupRejected as rejected:
        db.rollback()
        return _form_page(request, mission, t, form, agreement=agreement, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements/{agreement.id}?saved=1", status_code=303)


def _status(value: str) -> AgreementStatus | None:
    return AgreementStatus(value) if value in AgreementStatus._value2member_map_ else None


@router.post("/missions/{slug}/agreements/{agreement_id}/status", name="agreement_move")
def move(
    request: Request,
    mission: ManagedMission,
    organiser: CurrentOrganiser,
    agreement_id: int,
    db: DbSession,
    t: Lang,
    form: SetupForm,
) -> Response:
    """Fields: `status` (the next one), `seen` (the status shown), `signed_on` and `note` (optional)."""
    agreement = row_of_mission(db, mission, Agreement, agreement_id)
    to, seen = _status(form.get("status", "")), _status(form.get("seen", ""))
    try:
        if to is None or seen is None:
            raise refuse("status", "unknown_status")
        signed_on = service.parse_date("signed_on", form.get("signed_on", ""))
        service.change_status(
            db,
            agreement,
            to,
            seen=seen,
            by=organiser.email,
            now=clock.now(),
            note=form.get("note", ""),
            signed_on=signed_on,
        )
    except SetupRejected as rejected:
        db.rollback()
        db.refresh(agreement)
        return detail_page(request, mission, agreement, t, errors=explain(t, rejected.errors))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements/{agreement.id}?saved=1", status_code=303)


@router.post("/missions/{slug}/agreements/{agreement_id}/delete", name="agreement_delete")
def delete(mission: ManagedMission, agreement_id: int, db: DbSession) -> Response:
    service.delete_agreement(db, row_of_mission(db, mission, Agreement, agreement_id))
    db.commit()
    return RedirectResponse(f"/missions/{mission.slug}/agreements", status_code=303)
