"""Reading an organiser's setup form: every wrong field is named with a stable code, nothing is written.

The codes (and the values that go into their messages) are translated by the web layer
(`web/setup_forms.py`); the services only decide what is wrong."""

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import update
from sqlalchemy.orm import Session

from missionmatch.models import Mission

_WHOLE = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class FieldError:
    code: str  # "required", "number", "outside_mission"...
    values: dict[str, object] = field(default_factory=dict)


class SetupRejected(Exception):
    """Refuses a form as a whole, naming every wrong field."""

    def __init__(self, errors: dict[str, FieldError]) -> None:
        self.errors = errors
        super().__init__(", ".join(f"{name}: {error.code}" for name, error in errors.items()))


def refuse(name: str, code: str, **values: object) -> SetupRejected:
    return SetupRejected({name: FieldError(code, values)})


def mission_window(mission: Mission) -> tuple[dt.datetime, dt.datetime]:
    """From midnight of the first day to midnight after the last day, in the mission's wall-clock time."""
    first = dt.datetime.combine(mission.start_date, dt.time.min)
    return first, dt.datetime.combine(mission.end_date + dt.timedelta(days=1), dt.time.min)


def lock_row(session: Session, model: type, row_id: int) -> None:
    """A no-op write on one row: PostgreSQL row-locks it and SQLite takes its write lock, so that two
    transactions checking the same rule (capacity, meetings in use) run one after the other."""
    session.execute(update(model).where(model.id == row_id).values(id=model.id))  # type: ignore[attr-defined]


class FieldReader:
    """Reads text fields of a submitted form, collecting every problem instead of stopping at the first."""

    def __init__(self, form: Mapping[str, str]) -> None:
        self.form = form
        self.errors: dict[str, FieldError] = {}

    def fail(self, name: str, code: str, **values: object) -> None:
        self.errors.setdefault(name, FieldError(code, values))

    def text(self, name: str, limit: int, required: bool = False) -> str:
        value = self.form.get(name, "").strip()
        if required and not value:
            self.fail(name, "required")
        elif len(value) > limit:
            self.fail(name, "too_long", limit=limit)
        return value

    def localized(
        self, name: str, limit: int, languages: list[str], required: bool = False
    ) -> dict[str, str]:
        """A text in several languages: `name` in the first (the mission's default), `name_<code>` in each
        other; blank ones are left out."""
        texts = {languages[0]: self.text(name, limit, required)}
        texts.update({code: self.text(f"{name}_{code}", limit) for code in languages[1:]})
        return {code: text for code, text in texts.items() if text}

    def number(self, name: str, low: int, high: int, optional: bool = False) -> int | None:
        raw = self.form.get(name, "").strip()
        if optional and not raw:
            return None
        value = int(raw) if _WHOLE.fullmatch(raw) else None  # int() alone would take "1_000" or "٣"
        if value is None or not low <= value <= high:
            self.fail(name, "number", low=low, high=high)
            return None
        return value

    def moment(self, name: str) -> dt.datetime | None:
        """A wall-clock date and time as a datetime-local input sends it ("2025-05-27T09:00")."""
        try:
            value = dt.datetime.fromisoformat(self.form.get(name, "").strip())
        except ValueError:
            value = None
        if value is None or value.tzinfo is not None:  # wall-clock only: the mission's zone is implied
            self.fail(name, "moment")
            return None
        return value.replace(second=0, microsecond=0)

    def done(self) -> None:
        if self.errors:
            raise SetupRejected(self.errors)
