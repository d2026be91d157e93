"""Organiser pages: add an organisation, edit one (name, side, sectors, country, city, website, size)."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from missionmatch.models import Mission, Organisation
from missionmatch.models.enums import OrganisationSize, Side
from missionmatch.sectors import SECTORS
from missionmatch.services.organisation_editing import save_organisation
from missionmatch.services.setup_fields import SetupRejected
from missionmatch.web.deps import DbSession, Lang, ManagedMission, get_translator
from missionmatch.web.i18n import Translator
from missionmatch.web.participant_text import explain
from missionmatch.web.routes.participant_forms import participant_input
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _organisation_of(db: DbSession, mission: Mission, organisation_id: int) -> Organisation:
    found = db.get(Organisation, organisation_id)
    if found is None or found.mission_id != mission.id:
        raise HTTPException(status_code=404)
    return found


def size_names(t: Translator) -> list[tuple[str, str]]:
    names = {
        OrganisationSize.MICRO: t.gettext("Micro-enterprise"),
        OrganisationSize.SME: t.gettext("Small or medium-sized enterprise"),
        OrganisationSize.LARGE: t.gettext("Large company"),
        OrganisationSize.PUBLIC: t.gettext("Public body"),
        OrganisationSize.ACADEMIC: t.gettext("University or research"),
        OrganisationSize.ASSOCIATION: t.gettext("Association"),
    }
    return [(size.value, names[size]) for size in OrganisationSize]


def _values(organisation: Organisation) -> dict[str, str]:
    return {
        "name": organisation.name,
        "side": organisation.side.value,
        "country": organisation.country,
        "city": organisation.city,
        "website": organisation.website,
        "size": organisation.size.value if organisation.size else "",
    }


def _page(
    request: Request,
    mission: Mission,
    organisation: Organisation | None,
    values: dict[str, str],
    sectors: list[str],
    errors: dict[str, str] | None = None,
) -> Response:
    return render(
        request,
        "organisation_form.html",
        status_code=422 if errors else 200,
        mission=mission,
        organisation=organisation,
        values=values,
        chosen_sectors=sectors,
        errors=errors or {},
        sectors=SECTORS,
        sides=[s.value for s in Side],
        sizes=size_names(get_translator(request)),
        saved=request.query_params.get("saved") == "1",
    )


@router.get("/missions/{slug}/organisations/new")
def new_organisation_page(request: Request, mission: ManagedMission) -> Response:
    side = request.query_params.get("side", Side.DELEGATION.value)
    country = mission.host_country if side == Side.HOST.value else mission.origin_country
    return _page(request, mission, None, {"side": side, "country": country}, [])


async def _submitted(request: Request) -> tuple[dict[str, str], list[str]]:
    form = await participant_input(request)
    return dict(form.values), form.sectors


@router.post("/missions/{slug}/organisations/new")
def add_organisation(
    request: Request,
    mission: ManagedMission,
    db: DbSession,
    t: Lang,
    submitted: tuple[dict[str, str], list[str]] = Depends(_submitted),
) -> Response:
    values, sectors = submitted
    try:
        organisation = save_organisation(db, mission, None, values, sectors)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, None, values, sectors, explain(t, rejected.errors))
    db.commit()
    path = f"/missions/{mission.slug}/organisations/{organisation.id}/edit?saved=1"
    return RedirectResponse(path, status_code=303)


@router.get("/missions/{slug}/organisations/{organisation_id}/edit")
def edit_organisation_page(
    request: Request, mission: ManagedMission, organisation_id: int, db: DbSession
) -> Response:
    organisation = _organisation_of(db, mission, organisation_id)
    return _page(request, mission, organisation, _values(organisation), list(organisation.sectors))


@router.post("/missions/{slug}/organisations/{organisation_id}/edit")
def edit_organisation(
    request: Request,
    mission: ManagedMission,
    organisation_id: int,
    db: DbSession,
    t: Lang,
    submitted: tuple[dict[str, str], list[str]] = Depends(_submitted),
) -> Response:
    organisation = _organisation_of(db, mission, organisation_id)
    values, sectors = submitted
    try:
        save_organisation(db, mission, organisation, values, sectors)
    except SetupRejected as rejected:
        db.rollback()
        return _page(request, mission, organisation, values, sectors, explain(t, rejected.errors))
    db.commit()
    path = f"/missions/{mission.slug}/organisations/{organisation.id}/edit?saved=1"
    return RedirectResponse(path, status_code=303)
