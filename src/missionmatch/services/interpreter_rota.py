"""The interpreter rota of a B2B session: per slot and language pair, the tables where an interpreter is
needed, against how many of that pair the session's pool has."""

from dataclasses import dataclass

from missionmatch.services.day_documents import DayDocuments
from missionmatch.services.interpreter_setup import canonical_pair


@dataclass(frozen=True)
class RotaEntry:
    time: str
    pair: str  # "fr-ja", the languages in alphabetical order
    tables: tuple[int, ...]  # 1-based
    available: int  # interpreters of the pair in the session's pool (0: none planned)
    untabled: int = 0  # meetings of the slot that need the pair but have no table yet

    @property
    def needed(self) -> int:
        return len(self.tables) + self.untabled

    @property
    def short(self) -> bool:
        return self.needed > self.available


def _pair(first: str, second: str) -> str:
    return "-".join(canonical_pair(first, second))


def interpreter_rota(documents: DayDocuments) -> tuple[RotaEntry, ...]:
    """By slot, then pair; slots where no meeting needs an interpreter are left out."""
    pools = {_pair(p.language_a, p.language_b): p.count for p in documents.session.interpreters}
    untabled: dict[tuple[int, str], int] = {}  # (slot, pair) → meetings off the grid in a slot of the session
    for meeting in documents.off_plan:
        if meeting.interpreter and meeting.time:
            key = (meeting.slot, _pair(*meeting.interpreter.partition("-")[::2]))
            untabled[key] = untabled.get(key, 0) + 1
    rota = []
    for row in documents.grid:
        needed: dict[str, list[int]] = {pair: [] for slot, pair in untabled if slot == row.index}
        for index, seat in enumerate(row.seats):
            if seat is not None and seat.interpreter:
                first, _, second = seat.interpreter.partition("-")
                needed.setdefault(_pair(first, second), []).append(index + 1)
        for pair in sorted(needed):
            waiting = untabled.get((row.index, pair), 0)
            rota.append(RotaEntry(row.time, pair, tuple(needed[pair]), pools.get(pair, 0), waiting))
    return tuple(rota)
