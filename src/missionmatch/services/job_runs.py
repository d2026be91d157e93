"""Running a job in the worker: mark it running, relay progress to its row, record the result or the error.

The work itself is a service (`run_scheduling`, `replan_mission`, ...) called with a `Reporter` as its
progress callback. The reporter writes to the job's row in short transactions of its own, at most every
`WRITE_EVERY` seconds except on a change of stage, and reads whether a cancel was asked for: then it raises
`JobCancelled`, also from a solver's callback (CP-SAT stops its search and re-raises it in the job's thread),
so the run stops and nothing more is written.
"""

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.models import Job
from missionmatch.models.audit_actor import Actor, acting_as
from missionmatch.models.job import JobState
from missionmatch.services.jobs import HEARTBEAT
from missionmatch.services.placement_rules import PlacementRefused, Refusal

WRITE_EVERY = 0.5  # seconds between two progress writes of the same stage
log = logging.getLogger(__name__)


class JobCancelled(Exception):
    pass


class Reporter:
    """progress(stage=..., engine=..., best=..., bound=..., done=..., total=...) for one job."""

    def __init__(self, factory: sessionmaker[Session], job_id: int) -> None:
        self.factory, self.job_id = factory, job_id
        self.lock = threading.Lock()
        self.stage, self.written_at, self.cancelled = "", 0.0, False
        self.pending: dict[str, Any] = {}  # numbers that came within WRITE_EVERY of the last write

    def __call__(self, stage: str = "", **values: float | int | str | None) -> None:
        with self.lock:
            fresh = bool(stage) and stage != self.stage
            if fresh:
                self.pending = {}
            self.pending |= {k: v for k, v in values.items() if v is not None}
            if fresh or time.monotonic() - self.written_at >= WRITE_EVERY:
                self._write(stage, self.pending)
        if self.cancelled:
            raise JobCancelled()

    def _write(self, stage: str, values: dict[str, Any]) -> None:
        changes: dict[str, Any] = {"heartbeat_at": clock.now()}
        if stage and stage != self.stage:  # a new stage starts without the last one's numbers
            changes |= {
                "stage": stage,
                "engine": "",
                "best": None,
                "bound": None,
                "done": None,
                "total": None,
            }
        changes |= {k: v for k, v in values.items() if k in ("engine", "best", "bound", "done", "total")}
        with transaction(self.factory) as session:
            session.execute(update(Job).where(Job.id == self.job_id).values(changes))
            job = session.get(Job, self.job_id)
            self.cancelled = bool(job and job.cancel_requested)
        self.stage, self.written_at, self.pending = stage or self.stage, time.monotonic(), {}

    def beat(self, every: float) -> None:
        """From the heartbeat thread: the numbers a quiet solver last gave, or the heartbeat when due."""
        with self.lock:
            if self.pending or time.monotonic() - self.written_at >= every:
                self._write("", self.pending)


def _start(factory: sessionmaker[Session], job_id: int) -> Job | None:
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        if job is None or job.state != JobState.QUEUED:
            return None  # cancelled before a worker took it (or unknown: the database was reset)
        now = clock.now()
        job.state, job.started_at, job.heartbeat_at = JobState.RUNNING, now, now
        session.flush()
        session.expunge(job)  # read by the work after this transaction
        return job


def _finish(factory: sessionmaker[Session], job_id: int, state: JobState, **fields: Any) -> None:
    with transaction(factory) as session:
        job = session.get(Job, job_id)
        if job is not None:
            job.state, job.finished_at, job.stage = state, clock.now(), ""
            for name, value in fields.items():
                setattr(job, name, value)


def refusal_result(refused: PlacementRefused) -> dict[str, Any]:
    """A refusal kept as codes and values (date-times as ISO text), to be put in words for each viewer."""

    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.datetime) else value

    return {
        "refusals": [
            {"code": r.code, "values": {k: plain(v) for k, v in r.values.items()}} for r in refused.refusals
        ]
    }


def refusal_from(kept: dict[str, Any]) -> Refusal:
    values = {k: _instant(v) if k in DATETIME_VALUES else v for k, v in kept["values"].items()}
    return Refusal(kept["code"], values)


DATETIME_VALUES = ("time", "since", "until", "when")


def _instant(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


Work = Callable[[Job, Reporter], dict[str, Any]]


def run_job(factory: sessionmaker[Session], job_id: int, work: Work) -> JobState | None:
    """Runs `work(job, progress)` for a queued job; its answer is the job's result. Never raises for the
    work's own failures: they are the job's state and error, for the page to show."""
    job = _start(factory, job_id)
    if job is None:
        return None
    reporter = Reporter(factory, job_id)
    stop = threading.Event()
    heartbeat = threading.Thread(target=_beat, args=(reporter, stop), daemon=True)
    heartbeat.start()
    try:
        label = f"{job.kind.value}: {job.requested_by}" if job.requested_by else job.kind.value
        with acting_as(Actor("job", job_id, label)):
            result = work(job, reporter)
        reporter.beat(every=float("inf"))  # the last numbers (done of total), if they came too soon
    except JobCancelled:
        _finish(factory, job_id, JobState.CANCELLED)
        return JobState.CANCELLED
    except PlacementRefused as refused:
        _finish(factory, job_id, JobState.FAILED, result=refusal_result(refused), error=str(refused))
        return JobState.FAILED
    except Exception as error:  # the page says what went wrong; the worker goes on with the next job
        log.exception("job %s failed", job_id)
        _finish(factory, job_id, JobState.FAILED, error=f"{type(error).__name__}: {error}")
        return JobState.FAILED
    finally:
        stop.set()
        heartbeat.join()
    _finish(factory, job_id, JobState.DONE, result=result)
    return JobState.DONE


def _beat(reporter: Reporter, stop: threading.Event) -> None:
    while not stop.wait(WRITE_EVERY):
        try:
            reporter.beat(HEARTBEAT.total_seconds())
        except Exception:  # a busy database now and then must not end the job
            log.warning("heartbeat of job %s not written", reporter.job_id, exc_info=True)
