"""The mission report (bilan) for organisers: one mission's, or its campaign's when the organiser manages
every mission of the campaign; as a page with its charts, a PDF and a workbook."""

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.exports.report_html import report_body, report_pdf
from missionmatch.exports.report_xlsx import report_workbook
from missionmatch.i18n import Translator
from missionmatch.models import Campaign, Mission, OrganiserAccount
from missionmatch.services.mission_report import MissionReport, campaign_report, mission_report
from missionmatch.web.deps import CurrentOrganiser, DbSession, Lang, ManagedMission
from missionmatch.web.permissions import organiser_manages_campaign
from missionmatch.web.security import verify_csrf
from missionmatch.web.templating import render

router = APIRouter(dependencies=[Depends(verify_csrf)])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _check_access(campaign: Campaign | None, organiser: OrganiserAccount) -> Campaign:
    """404 unless the organiser manages every mission of the campaign (no hint that it exists)."""
    if campaign is None or not organiser_manages_campaign(organiser, campaign):
        raise HTTPException(status_code=404)
    return campaign


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _page(
    request: Request,
    report: MissionReport,
    t: Translator,
    base: str,
    mission: Mission | None = None,
    campaign: Campaign | None = None,
    missions: list[Mission] | None = None,
) -> Response:
    """`campaign`: the mission's, linked; `missions`: the campaign's, each report linked."""
    body = report_body(report, t)
    return render(
        request,
        "report.html",
        report=report,
        body=body,
        base=base,
        mission=mission,
        campaign=campaign,
        missions=missions or [],
    )


@router.get("/missions/{slug}/report")
def mission_report_page(
    request: Request, mission: ManagedMission, organiser: CurrentOrganiser, db: DbSession, t: Lang
) -> Response:
    base = f"/missions/{mission.slug}/report"
    campaign = mission.campaign
    # the campaign's report, for who may read it
    shown = campaign if campaign is not None and organiser_manages_campaign(organiser, campaign) else None
    return _page(request, mission_report(db, mission), t, base, mission=mission, campaign=shown)


@router.get("/missions/{slug}/report.pdf")
def mission_report_pdf(mission: ManagedMission, db: DbSession, t: Lang) -> Response:
    pdf = report_pdf(mission_report(db, mission), Translator(t.language))
    return _download(pdf, "application/pdf", f"{mission.slug}-report.pdf")


@router.get("/missions/{slug}/report.xlsx")
def mission_report_xlsx(mission: ManagedMission, db: DbSession, t: Lang) -> Response:
    workbook = report_workbook(mission_report(db, mission), Translator(t.language))
    return _download(workbook, XLSX, f"{mission.slug}-report.xlsx")


def _campaign_or_move(
    db: Session, reference: str, organiser: OrganiserAccount, suffix: str
) -> Campaign | RedirectResponse:
    """The campaign of that key; the old URL by number answers a permanent redirect to the key's."""
    campaign = db.scalar(select(Campaign).where(Campaign.key == reference))
    if campaign is None and reference.isdigit() and len(reference) < 19:  # within a 64-bit integer
        by_number = db.get(Campaign, int(reference))
        if by_number is not None:
            _check_access(by_number, organiser)
            return RedirectResponse(f"/campaigns/{by_number.key}/report{suffix}", status_code=308)
    return _check_access(campaign, organiser)


@router.get("/campaigns/{key}/report")
def campaign_report_page(
    request: Request, key: str, organiser: CurrentOrganiser, db: DbSession, t: Lang
) -> Response:
    found = _campaign_or_move(db, key, organiser, "")
    if isinstance(found, RedirectResponse):
        return found
    base = f"/campaigns/{found.key}/report"
    return _page(request, campaign_report(db, found), t, base, missions=found.missions)


@router.get("/campaigns/{key}/report.pdf")
def campaign_report_pdf(key: str, organiser: CurrentOrganiser, db: DbSession, t: Lang) -> Response:
    found = _campaign_or_move(db, key, organiser, ".pdf")
    if isinstance(found, RedirectResponse):
        return found
    pdf = report_pdf(campaign_report(db, found), Translator(t.language))
    return _download(pdf, "application/pdf", f"{found.key}-report.pdf")


@router.get("/campaigns/{key}/report.xlsx")
def campaign_report_xlsx(key: str, organiser: CurrentOrganiser, db: DbSession, t: Lang) -> Response:
    found = _campaign_or_move(db, key, organiser, ".xlsx")
    if isinstance(found, RedirectResponse):
        return found
    workbook = report_workbook(campaign_report(db, found), Translator(t.language))
    return _download(workbook, XLSX, f"{found.key}-report.xlsx")
