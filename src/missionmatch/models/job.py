"""A piece of long work (a scheduler run, the matcher, publication mails, the agendas bundle) done by the
worker, not a request.

The row is what the pages, the API and the CLI read: its state, the stage it is at, the engine at work and
the solver's best objective and bound so far, when it started and finished, its result (JSON) or the reason
it failed."""

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import db_enum


class JobKind(StrEnum):
    SCHEDULE = "schedule"
    REPLAN = "replan"
    MATCH = "match"
    PUBLICATION_MAILS = "publication_mails"
    AGENDAS = "agendas"  # every agenda of a mission as one PDF or a zip (a JobFile)
    MAILING = "mailing"  # an invitation or reminder to many participants (a Mailing)


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


# a job in one of these states may still change the schedule
ACTIVE = (JobState.QUEUED, JobState.RUNNING)
# kinds that solve and then rewrite the draft: one at a time per mission
SCHEDULER_KINDS = (JobKind.SCHEDULE, JobKind.REPLAN)


class Job(Base):
    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[JobKind] = mapped_column(db_enum(JobKind))
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    state: Mapped[JobState] = mapped_column(db_enum(JobState), default=JobState.QUEUED)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the task is called with
    requested_by: Mapped[str] = mapped_column(String(254), default="")
    # progress: snapshot / solving / applying (scheduler), matching, sending ...; counts for mails
    stage: Mapped[str] = mapped_column(String(32), default="")
    # the engine whose progress came last while solving: cp-sat, rc2-g3, zero-break-sat, large...
    engine: Mapped[str] = mapped_column(String(32), default="")
    best: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[float | None] = mapped_column(Float)
    done: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # the worker is alive
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")

    @property
    def finished(self) -> bool:
        return self.state not in ACTIVE
