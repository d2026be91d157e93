"""The B2B schedule of a mission, for its organisers: read the draft and published meetings, run the matcher,
run the scheduler into a draft, publish (participants are mailed their changes), replan. Runs are jobs for the
worker (202 and the job's URL, see jobs.py); the solver's time limit per session is validated (1 to 120 s)."""

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import Field

from missionmatch.models.job import JobKind
from missionmatch.services.schedule_publish import NothingToPublish, latest_version, publish_schedule
from missionmatch.services.scheduling_run import MAX_TIME_LIMIT, MIN_TIME_LIMIT
from missionmatch.services.table_plan import status_counts, table_plan
from missionmatch.web.deps import DbSession, Lang, Settings
from missionmatch.web.page_cache import PageCacheDep
from missionmatch.web.routes.api.access import ApiOrganiser, ManagedMission
from missionmatch.web.routes.api.cached import cached_json
from missionmatch.web.routes.api.errors import answers
from missionmatch.web.routes.api.jobs import BUSY, JobOut, accepted
from missionmatch.web.routes.api.schedule_bodies import (
    MeetingOut,
    PublicationOut,
    ScheduleOut,
    VersionOut,
    changes_out,
    meeting_out,
)
from missionmatch.web.routes.api.schemas import NO_CONTROL, BodyIn
from missionmatch.web.routes.jobs import start_job

router = APIRouter(tags=["schedule"])
# strict: only JSON numbers and booleans, as the schema says ("10", 0 for false... are refused)
TimeLimit = Field(
    default=10.0, ge=MIN_TIME_LIMIT, le=MAX_TIME_LIMIT, strict=True, description="seconds per session"
)


class SchedulingIn(BodyIn):
    time_limit: float = TimeLimit
    # also place the matcher's mutual suggestions in free slots
    include_suggested: bool = Field(default=False, strict=True)


class ReplanIn(BodyIn):
    time_limit: float = TimeLimit


class PublishIn(BodyIn):
    comment: str = Field(default="", max_length=2000, pattern=NO_CONTROL)


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


@router.get("/missions/{slug}/schedule", response_model=ScheduleOut, responses=answers(403, 404))
def get_schedule(
    request: Request, mission: ManagedMission, organiser: ApiOrganiser, db: DbSession, cache: PageCacheDep
) -> Response:
    """Draft, published, held and no-show meetings by session, slot and table; the latest version."""
    viewer, revision = ("organiser", organiser.id), mission.content_revision  # the revision first
    return cached_json(
        request, cache, "schedule", viewer, revision, ScheduleOut, lambda: _schedule(db, mission)
    )


def _schedule(db: DbSession, mission: ManagedMission) -> ScheduleOut:
    meetings: list[MeetingOut] = [
        meeting_out(meeting, plan["session"], slot)
        for plan in table_plan(mission)
        for slot in plan["slots"]
        for meeting in slot["meetings"]
    ]
    return ScheduleOut(version=_version(db, mission), counts=status_counts(mission), meetings=meetings)


@router.post("/missions/{slug}/matching/run", status_code=202, responses=answers(403, 404) | BUSY)
def run_matcher(
    request: Request,
    response: Response,
    mission: ManagedMission,
    organiser: ApiOrganiser,
    db: DbSession,
    t: Lang,
) -> JobOut:
    """Queues the matcher (recommends partners to every participant and finds mutual pairs to suggest,
    replacing the last run). 202 with the job (`Location: /api/v1/jobs/{id}`); its result is MatchingOut."""
    return accepted(request, response, db, mission, organiser, JobKind.MATCH, {}, t)


@router.post("/missions/{slug}/schedule/run", status_code=202, responses=answers(400, 403, 404, 422) | BUSY)
def run_scheduler(
    request: Request,
    response: Response,
    body: SchedulingIn,
    mission: ManagedMission,
    organiser: ApiOrganiser,
    db: DbSession,
    t: Lang,
) -> JobOut:
    """Queues a new draft from the accepted requests (and suggestions if asked); published meetings stay in
    place. 202 with the job; its result is SchedulingOut. 409 while another run of the mission is going."""
    params = {"time_limit": body.time_limit, "include_suggested": body.include_suggested}
    return accepted(request, response, db, mission, organiser, JobKind.SCHEDULE, params, t)


@router.post("/missions/{slug}/schedule/publish", responses=answers(400, 403, 404, 409, 422))
def publish(
    request: Request,
    body: PublishIn,
    mission: ManagedMission,
    organiser: ApiOrganiser,
    db: DbSession,
    settings: Settings,
) -> PublicationOut:
    """Publishes the draft as the next numbered version; 409 when nothing changed since the last one. The
    notices are queued in the outbox with it and delivered by a job (`mail_job`, the job's URL)."""
    try:
        publication = publish_schedule(
            db, mission, by=organiser.email, comment=body.comment.strip(), mail=settings.mail
        )
    except NothingToPublish:
        db.rollback()
        raise HTTPException(status_code=409, detail="nothing changed since the last publication") from None
    db.commit()
    version = publication.version
    job = None
    if publication.mails:
        params = {"mail_ids": [mail.id for mail in publication.mails], "version": version.number}
        job = start_job(request, db, mission, JobKind.PUBLICATION_MAILS, params, organiser.email)
    return PublicationOut(
        number=version.number,
        published_at=version.published_at,
        comment=version.comment,
        changes=changes_out(version.changelog, mission.timezone),
        notified=sorted(p.id for p in publication.affected),
        mail_job=f"/api/v1/jobs/{job.id}" if job else None,
    )


@router.post(
    "/missions/{slug}/schedule/replan", status_code=202, responses=answers(400, 403, 404, 422) | BUSY
)
def replan(
    request: Request,
    response: Response,
    body: ReplanIn,
    mission: ManagedMission,
    organiser: ApiOrganiser,
    db: DbSession,
    t: Lang,
) -> JobOut:
    """Queues a replanning after changes: published meetings stay unless they must move. 202 with the job;
    its result is ReplanOut, or it fails with `refusals` when the schedule changed while it ran."""
    return accepted(
        request, response, db, mission, organiser, JobKind.REPLAN, {"time_limit": body.time_limit}, t
    )
