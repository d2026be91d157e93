"""The progress of long commands (schedule, replan, solve, recommend, exports): a bar on a terminal (rich),
plain lines on stderr otherwise (a log, CI), from the same `progress(stage=..., best=..., bound=...)`
callback the worker gives the services."""

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

# the words for the services' stages (the CLI speaks English, as its help does)
STAGES = {
    "snapshot": "reading the mission",
    "solving": "solving",
    "applying": "writing the draft",
    "matching": "matching profiles",
    "reading": "reading",
    "writing": "writing",
}
LINE_EVERY = 2.0  # seconds between two plain lines of the same stage


def detail(stage: str, best: float | None, bound: float | None, engine: str = "") -> str:
    words = [STAGES.get(stage, stage) + (f" ({engine})" if engine else "")]
    if best is not None:
        words.append(f"best {best:g}")
    if bound is not None:
        words.append(f"bound {bound:g}")
    return ", ".join(w for w in words if w)


class PlainLines:
    def __init__(self, label: str, stream: TextIO) -> None:
        self.label, self.stream, self.start = label, stream, time.monotonic()
        self.stage, self.printed_at = "", 0.0

    def __call__(
        self, stage: str = "", best: float | None = None, bound: float | None = None, **values: Any
    ) -> None:
        now = time.monotonic()
        if stage == self.stage and now - self.printed_at < LINE_EVERY:
            return
        self.stage, self.printed_at = stage, now
        shown = detail(stage, best, bound, values.get("engine", ""))
        print(
            f"{self.label}: {shown} ({now - self.start:.1f} s)",
            file=self.stream,
            flush=True,
        )


class Bar:
    def __init__(self, label: str, console: Any) -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.task = self.bar.add_task(label, total=None, detail="")

    def __call__(
        self, stage: str = "", best: float | None = None, bound: float | None = None, **values: Any
    ) -> None:
        total, done = values.get("total"), values.get("done")
        shown = detail(stage, best, bound, values.get("engine", ""))
        self.bar.update(self.task, detail=shown, total=total, completed=done or 0)


@contextmanager
def progress_display(
    label: str, stream: TextIO | None = None, terminal: bool | None = None
) -> Iterator[Callable[..., None]]:
    stream = stream or sys.stderr
    if not (stream.isatty() if terminal is None else terminal):
        yield PlainLines(label, stream)
        return
    from rich.console import Console

    bar = Bar(label, Console(file=stream, force_terminal=True))
    with bar.bar:
        yield bar
