"""/api/v1/missions/{slug}/report and /api/v1/campaigns/{key}/report: the mission report's figures (bilan)
as JSON, for organisers: the same report the page, the PDF and the workbook show (docs/report.md). A
campaign's report is open only to an organiser who manages every one of its missions; 404 otherwise."""

from fastapi import APIRouter
from sqlalchemy import select

from missionmatch.exports.report_html import headline
from missionmatch.models import Campaign
from missionmatch.services.mission_report import campaign_report, mission_report
from missionmatch.web.deps import DbSession, Lang
from missionmatch.web.permissions import organiser_manages_campaign
from missionmatch.web.routes.api.access import ApiOrganiser, ManagedMission, not_found
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.report_bodies import ReportOut, report_out

router = APIRouter(tags=["report"])


@router.get("/missions/{slug}/report", responses=answers(403, 404))
def get_mission_report(mission: ManagedMission, db: DbSession, t: Lang) -> ReportOut:
    """The mission's figures: people and organisations by side and sector, programme, meetings from
    request to outcome, interpreter hours, satisfaction, follow-ups, agreements."""
    report = mission_report(db, mission)
    return report_out(report, headline(report, t))


@router.get("/campaigns/{key}/report", responses=answers(403, 404))
def get_campaign_report(key: str, organiser: ApiOrganiser, db: DbSession, t: Lang) -> ReportOut:
    """One column per mission of the campaign (its key, e.g. `luxembourg-japan-2025`) and the total, in
    which a person or a company present in several missions counts once."""
    campaign = db.scalar(select(Campaign).where(Campaign.key == key))
    if campaign is None or not organiser_manages_campaign(organiser, campaign):
        raise not_found("campaign")
    report = campaign_report(db, campaign)
    return report_out(report, headline(report, t))
