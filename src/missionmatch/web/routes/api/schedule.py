"""The B2B schedule of a mission, for its organisers: read the draft and published meetings, run the matcher,
run the scheduler into a draft, publish (participants are mailed their changes), replan. Runs are synchronous;
the solver's time limit per session is validated (1 to 120 seconds)."""

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from missionmatch.services.matching_run import run_matching
from missionmatch.services.placement_rules import PlacementRefused
from missionmatch.services.replanning import replan_mission
from missionmatch.services.schedule_publish import NothingToPublish, latest_version, publish_schedule
from missionmatch.services.scheduling_run import MAX_TIME_LIMIT, MIN_TIME_LIMIT, run_scheduling
from missionmatch.services.table_plan import status_counts, table_plan
from missionmatch.web.deps import DbSession, Lang, Settings
from missionmatch.web.mailer import notify_publication
from missionmatch.web.placement_text import refusal_texts
from missionmatch.web.routes.api.access import ApiOrganiser, ManagedMission
from missionmatch.web.routes.api.errors import REFUSED_IN_WORDS, answers
from missionmatch.web.routes.api.schedule_bodies import (
    MatchingOut,
    MeetingOut,
    MoveOut,
    PublicationOut,
    ReplanOut,
    ScheduleOut,
    SchedulingOut,
    VersionOut,
    changes_out,
    meeting_out,
)

router = APIRouter(tags=["schedule"])
# strict: only JSON numbers and booleans, as the schema says ("10", 0 for false... are refused)
TimeLimit = Field(
    default=10.0, ge=MIN_TIME_LIMIT, le=MAX_TIME_LIMIT, strict=True, description="seconds per session"
)


class SchedulingIn(BaseModel):
    time_limit: float = TimeLimit
    # also place the matcher's mutual suggestions in free slots
    include_suggested: bool = Field(default=False, strict=True)


class ReplanIn(BaseModel):
    time_limit: float = TimeLimit


class PublishIn(BaseModel):
    comment: str = Field(default="", max_length=2000)


def _version(db: DbSession, mission: ManagedMission) -> VersionOut | None:
    version = latest_version(db, mission)
    if version is None:
        return None
    return VersionOut(
        number=version.number,
        published_at=version.published_at,
        published_by=version.published_by,
        comment=version.comment,
    )


@router.get("/missions/{slug}/schedule", responses=answers(403, 404))
def get_schedule(mission: ManagedMission, db: DbSession) -> ScheduleOut:
    """Draft, published, held and no-show meetings by session, slot and table; the latest version."""
    meetings: list[MeetingOut] = [
        meeting_out(meeting, plan["session"], slot)
        for plan in table_plan(mission)
        for slot in plan["slots"]
        for meeting in slot["meetings"]
    ]
    return ScheduleOut(version=_version(db, mission), counts=status_counts(mission), meetings=meetings)


@router.post("/missions/{slug}/matching/run", responses=answers(403, 404))
def run_matcher(mission: ManagedMission, db: DbSession) -> MatchingOut:
    """Recommends partners to every participant and finds mutual pairs to suggest, replacing the last run."""
    report = run_matching(db, mission)
    db.commit()
    return MatchingOut(**vars(report))


@router.post("/missions/{slug}/schedule/run", responses=answers(400, 403, 404, 422))
def run_scheduler(
    request: Request, body: SchedulingIn, mission: ManagedMission, db: DbSession
) -> SchedulingOut:
    """A new draft from the accepted requests (and suggestions if asked); published meetings stay in place."""
    db.rollback()  # the run reads and writes in transactions of its own
    report = run_scheduling(
        request.app.state.session_factory,
        mission.id,
        time_limit=body.time_limit,
        include_suggested=body.include_suggested,
    )
    return SchedulingOut(**report.as_dict())


@router.post("/missions/{slug}/schedule/publish", responses=answers(400, 403, 404, 409, 422))
def publish(
    body: PublishIn, mission: ManagedMission, organiser: ApiOrganiser, db: DbSession, settings: Settings
) -> PublicationOut:
    """Publishes the draft as the next numbered version; 409 when nothing changed since the last one."""
    try:
        publication = publish_schedule(db, mission, by=organiser.email, comment=body.comment.strip())
    except NothingToPublish:
        db.rollback()
        raise HTTPException(status_code=409, detail="nothing changed since the last publication") from None
    notify_publication(db, settings, publication)
    db.commit()
    version = publication.version
    return PublicationOut(
        number=version.number,
        published_at=version.published_at,
        comment=version.comment,
        changes=changes_out(version.changelog, mission.timezone),
        notified=sorted(p.id for p in publication.affected),
    )


@router.post("/missions/{slug}/schedule/replan", responses=answers(400, 403, 404, 422) | REFUSED_IN_WORDS)
def replan(request: Request, body: ReplanIn, mission: ManagedMission, db: DbSession, t: Lang) -> ReplanOut:
    """After changes: published meetings stay unless they must move; reports exactly what moved. 409 when the
    schedule changed while it ran (nothing written)."""
    db.rollback()  # the run reads and writes in transactions of its own
    try:
        report = replan_mission(request.app.state.session_factory, mission.id, time_limit=body.time_limit)
    except PlacementRefused as refused:
        raise HTTPException(
            status_code=409, detail=refusal_texts(t, refused.refusals, mission.timezone)
        ) from None
    return ReplanOut(
        kept=report.kept,
        moved=[_move(key, old, new, report.sessions_changed.get(key)) for key, old, new in report.moved],
        dropped=report.dropped,
        added=report.added,
    )


def _move(key: str, old: int, new: int, sessions: tuple[str, str] | None) -> MoveOut:
    from_session, to_session = sessions or (None, None)
    return MoveOut(meeting=key, from_slot=old, to_slot=new, from_session=from_session, to_session=to_session)
