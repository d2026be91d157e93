"""The task queue: Huey on SQLite by default (a file next to the database, no server), Redis when
`MISSIONMATCH_QUEUE_URL` says `redis://...`, or `immediate:` (tasks run inside the caller, for tests and for a
single process without a worker)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.models import Job
from missionmatch.models.job import JobKind
from missionmatch.settings import MailSettings, load_settings

QUEUE_NAME = "missionmatch"
IMMEDIATE = "immediate:"


def default_queue_url(database_url: str) -> str:
    """`sqlite:///var/queue.db` beside a SQLite database; `var/queue.db` for any other database."""
    parsed = make_url(database_url)
    folder = Path("var")
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).parent
    return f"sqlite:///{folder / 'queue.db'}"


def make_huey(url: str) -> Huey:
    if url == IMMEDIATE:
        return MemoryHuey(QUEUE_NAME, results=False, immediate=True)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, results=False, url=url)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(QUEUE_NAME, results=False, filename=str(path))
    raise ValueError(
        f"MISSIONMATCH_QUEUE_URL: {url!r} is not sqlite:///FILE, redis://HOST:PORT/DB or immediate:"
    )


@dataclass
class JobQueue:
    huey: Huey
    tasks: dict[JobKind, Callable[[int], object]] = field(default_factory=dict)

    def enqueue(self, job: Job) -> None:
        """After the job's row is committed: the worker reads it (immediate mode runs it here and now)."""
        self.tasks[job.kind](job.id)

    @property
    def immediate(self) -> bool:
        return bool(self.huey.immediate)


@dataclass(frozen=True)
class TaskContext:
    """What the tasks of one process work with: its database, and how mails are delivered."""

    factory: sessionmaker[Session]
    mail: MailSettings


def build_queue(
    factory: sessionmaker[Session], url: str | None = None, mail: MailSettings | None = None
) -> JobQueue:
    """The queue and its tasks, bound to `factory`; `mail` (SMTP, links) for the publication mails."""
    from missionmatch.tasks import agendas, cleanup, mailings, matching, publication_mails, scheduling

    bind = factory.kw["bind"]
    url = url or load_settings().queue_url or default_queue_url(str(bind.url))
    queue = JobQueue(make_huey(url))
    context = TaskContext(factory, mail or MailSettings())
    for module in (scheduling, matching, publication_mails, cleanup, agendas, mailings):
        queue.tasks |= module.register(queue.huey, context)
    return queue
