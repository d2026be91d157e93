"""Errors that name exactly what is wrong in the input, so that nothing is written and the user can fix it."""

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    where: str  # "row 7", "participants[3]", "mission"
    field: str
    reason: str  # in English, for the command line and the API
    # the reason as a stable code and the values of its message, for interfaces that translate it ("" if none)
    code: str = ""
    values: dict[str, object] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.where}, {self.field}: {self.reason}" if self.field else f"{self.where}: {self.reason}"


class InputRejected(Exception):
    """Raised when input is refused as a whole; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems))
