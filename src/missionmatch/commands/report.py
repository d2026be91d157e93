"""missionmatch report MISSION | --campaign CAMPAIGN --format html|pdf|xlsx --out FILE [--language]."""

from enum import StrEnum
from pathlib import Path

import typer

from missionmatch.commands._common import database_work
from missionmatch.exports.report_html import report_document, report_pdf
from missionmatch.exports.report_xlsx import report_workbook
from missionmatch.i18n import Translator
from missionmatch.services.campaigns import find_campaign
from missionmatch.services.mission_report import campaign_report, mission_report
from missionmatch.services.missions import get_mission


class ReportFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    XLSX = "xlsx"


class ReportLanguage(StrEnum):
    EN = "en"
    FR = "fr"
    JA = "ja"


def report(
    mission: str = typer.Argument(None, help="Mission name or slug (or give --campaign)."),
    campaign: str = typer.Option(None, "--campaign", "-c", help="Campaign key, number or name."),
    format: ReportFormat = typer.Option(ReportFormat.HTML, "--format", "-f"),
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    language: ReportLanguage = typer.Option(ReportLanguage.EN, "--language", "-l"),
) -> None:
    """Write the mission report (bilan) of a mission or of a campaign, people and companies counted once."""
    if (mission is None) == (campaign is None):
        typer.echo("Error: give a MISSION or --campaign CAMPAIGN, not both", err=True)
        raise typer.Exit(2)
    t = Translator(language.value)
    with database_work() as session:
        if campaign is not None:
            found = find_campaign(session, campaign)
            if found is None or not found.missions:
                typer.echo(f"Error: no campaign {campaign!r} with a mission", err=True)
                raise typer.Exit(1)
            built = campaign_report(session, found)
        else:
            built = mission_report(session, get_mission(session, mission))
    if format is ReportFormat.HTML:
        out.write_text(report_document(built, t), encoding="utf-8")
    else:
        out.write_bytes(report_pdf(built, t) if format is ReportFormat.PDF else report_workbook(built, t))
    typer.echo(f"Wrote {out}")


def register(app: typer.Typer) -> None:
    app.command("report")(report)
