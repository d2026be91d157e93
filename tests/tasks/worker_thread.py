"""A worker for tests in one thread of the test process: takes tasks from a real queue (SQLite or Redis
storage) and runs them as the consumer does, so the pages show a job queued, running, then done."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from missionmatch.tasks.queue import JobQueue


@contextmanager
def worker_thread(queue: JobQueue, poll: float = 0.05) -> Iterator[None]:
    stop = threading.Event()

    def consume() -> None:
        while not stop.is_set():
            task = queue.huey.dequeue()
            if task is None:
                stop.wait(poll)
            else:
                queue.huey.execute(task)

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=60)
