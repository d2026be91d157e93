import typer

from missionmatch.commands._common import database_work, session_factory
from missionmatch.commands._progress import progress_display
from missionmatch.i18n import Translator
from missionmatch.services.change_words import change_lines
from missionmatch.services.missions import get_mission
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.replanning import ReplanReport, replan_mission
from missionmatch.services.scheduling_run import SchedulingReport, run_scheduling


def format_report(report: SchedulingReport) -> str:
    lines = [
        f"Draft schedule: {report.placed} of {report.wanted} wanted meetings placed "
        f"(priority weight {report.weight_placed}/{report.weight_wanted})"
    ]
    for outcome in report.sessions:
        interpreters = (
            ", ".join(f"{pair} {count}" for pair, count in outcome.interpreters_used.items()) or "none"
        )
        lines.append(
            f"  {outcome.session}: {outcome.placed} meetings, {outcome.breaks} idle gaps, "
            f"{outcome.status} in {outcome.seconds} s; interpreters: {interpreters}"
        )
    reasons: dict[str, int] = {}
    for why in report.unplaced.values():
        reasons[why] = reasons.get(why, 0) + 1
    for why, count in sorted(reasons.items(), key=lambda item: -item[1]):
        lines.append(f"  not placed ({count}): {why}")
    return "\n".join(lines)


def schedule(
    mission: str = typer.Argument(..., help="Mission name or slug."),
    time_limit: float = typer.Option(20.0, help="Seconds per B2B session."),
    workers: int = typer.Option(2, help="Solver threads."),
    suggested: bool = typer.Option(True, help="Also place the matcher's suggested meetings in free slots."),
) -> None:
    """Place accepted requests (and suggestions) into B2B slots and tables as a draft schedule."""
    with database_work() as session:
        mission_id = get_mission(session, mission).id
    factory = session_factory()
    with progress_display(f"schedule {mission}") as progress:
        report = run_scheduling(
            factory,
            mission_id,
            time_limit=time_limit,
            workers=workers,
            include_suggested=suggested,
            progress=progress,
        )
    typer.echo(format_report(report))


def format_replan(report: ReplanReport, changes: list[str]) -> str:
    """The counts, then every change in words (`change_words.change_lines` of the report's changes)."""
    lines = [
        f"Replanned: {report.kept} published meetings kept in place, {len(report.moved)} moved, "
        f"{len(report.dropped)} no longer possible, {len(report.added)} added"
    ]
    return "\n".join(lines + [f"  {line}" for line in changes])


def replan_command(
    mission: str = typer.Argument(..., help="Mission name or slug."),
    time_limit: float = typer.Option(20.0, help="Seconds per B2B session."),
) -> None:
    """After changes (withdrawals, unavailability, new accepted requests): move as few published meetings as
    possible; publish the result to tell participants."""
    with database_work() as session:
        mission_id = get_mission(session, mission).id
    factory = session_factory()
    try:
        with progress_display(f"replan {mission}") as progress:
            report = replan_mission(factory, mission_id, time_limit=time_limit, progress=progress)
        with database_work() as session:
            words = change_lines(Translator("en"), get_mission(session, mission), report.changes)
        typer.echo(format_replan(report, words))
    except PlacementRefused as refused:
        typer.echo(f"Nothing was written: {refused}", err=True)
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> None:
    app.command("schedule")(schedule)
    app.command("replan")(replan_command)
