"""What an organiser does at once to the participants selected in the list: send sign-in links, check them in,
withdraw them, or set a field (`bulk_fields`: meeting limits, a language spoken, the time zone). All or
nothing: every selected row is checked first, and one that cannot take the action refuses the whole batch,
naming that participant (and the field) and the reason."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from missionmatch.models import Mission, OutboxMail, Participant
from missionmatch.models.audit_actor import operation
from missionmatch.services import bulk_fields, on_the_day, withdrawal
from missionmatch.services.bulk_fields import Value, ValueRefused
from missionmatch.services.notifications import send_login_link
from missionmatch.services.person_names import display_name
from missionmatch.services.row_locks import lock_schedule
from missionmatch.settings import MailSettings

FIELD_ACTIONS: Final = tuple(bulk_fields.ATTRIBUTES)
ACTIONS: Final = ("invite", "check_in", "withdraw", *FIELD_ACTIONS)
MAX_SELECTION: Final = 5000


@dataclass(frozen=True)
class BulkProblem:
    row: str  # the participant's name, or "#id" for an id that is not the mission's
    # "none" (nothing selected), "unknown", "erased", "withdrawn", "value", "max_below_min", "min_above_max"
    code: str
    values: dict[str, object] = field(default_factory=dict)
    field: str = ""  # the field a bulk change sets, for a row it cannot apply to


class BulkRefused(Exception):
    """Nothing was done: every row that cannot take the action, with why."""

    def __init__(self, problems: list[BulkProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.row}: {p.code}" for p in problems))


@dataclass(frozen=True)
class BulkOutcome:
    action: str
    done: list[Participant]  # changed (or mailed)
    unchanged: list[Participant]  # already as asked: checked in, withdrawn, same limit
    # promotions into the programme places the withdrawn gave up: queued, to deliver after the commit
    mails: list[OutboxMail] = field(default_factory=list)


def selected(session: Session, mission: Mission, ids: list[int]) -> list[Participant]:
    """The mission's participants among `ids`, in the list's order (family name); any other id is refused."""
    wanted = list(dict.fromkeys(ids))[:MAX_SELECTION]
    if not wanted:
        raise BulkRefused([BulkProblem("", "none")])
    found = session.scalars(
        select(Participant)
        .options(selectinload(Participant.profile), selectinload(Participant.organisation))
        .where(Participant.mission_id == mission.id, Participant.id.in_(wanted))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
    ).all()
    missing = set(wanted) - {p.id for p in found}
    if missing:
        raise BulkRefused([BulkProblem(f"#{n}", "unknown") for n in sorted(missing)])
    return list(found)


def read_value(action: str, value: str) -> Value:
    """A field's new value; raises BulkRefused naming the field when the single edit would not accept it."""
    if action not in FIELD_ACTIONS:
        return None
    try:
        return bulk_fields.read_value(action, value)
    except ValueRefused as refused:
        raise BulkRefused([BulkProblem(action, "value", refused.problem.values)]) from None


def check(participants: list[Participant], action: str, value: str = "") -> None:
    """Raises BulkRefused listing every participant the action cannot apply to; does nothing otherwise."""
    if action not in ACTIONS:
        raise BulkRefused([BulkProblem("action", "value", {"value": action})])
    new = read_value(action, value)
    problems = []
    for person in participants:
        if person.erased_at is not None:
            problems.append(BulkProblem(display_name(person), "erased"))
        elif action in ("invite", "check_in") and person.withdrawn_at is not None:
            problems.append(BulkProblem(display_name(person), "withdrawn"))
        elif action in FIELD_ACTIONS and (wrong := bulk_fields.problem(person, action, new)):
            problems.append(BulkProblem(display_name(person), wrong.code, wrong.values, action))
    if problems:
        raise BulkRefused(problems)


def _already(person: Participant, action: str, new: Value) -> bool:
    if action in FIELD_ACTIONS:
        return bulk_fields.unchanged(person, action, new)
    return {
        "invite": False,
        "check_in": person.checked_in_at is not None,
        "withdraw": person.withdrawn_at is not None,
    }[action]


def apply(
    session: Session,
    mail: MailSettings,
    mission: Mission,
    ids: list[int],
    action: str,
    value: str,
    at: dt.datetime,
) -> BulkOutcome:
    """Checks, then does the action for every selected participant, in the caller's transaction (the caller
    commits, or rolls back on an exception: nothing half-done)."""
    with operation(session, f"bulk_{action}"):  # one batch: services/audit_undo.py takes a field change back
        return _apply(session, mail, mission, ids, action, value, at)


def _apply(
    session: Session,
    mail: MailSettings,
    mission: Mission,
    ids: list[int],
    action: str,
    value: str,
    at: dt.datetime,
) -> BulkOutcome:
    lock_schedule(session, mission.id)  # a withdrawal or an edit meanwhile waits, then is seen
    participants = selected(session, mission, ids)
    check(participants, action, value)
    new = read_value(action, value)
    done, unchanged, mails = [], [], []
    for person in participants:
        if _already(person, action, new):
            unchanged.append(person)
            continue
        done.append(person)
        if action == "invite":
            send_login_link(session, mail, person)
        elif action == "check_in":
            on_the_day.check_in(person, at)
        elif action == "withdraw":
            mails += withdrawal.withdraw(session, person, at, mail=mail).promotions.mails
        else:
            bulk_fields.set_value(person, action, new)
    session.flush()
    return BulkOutcome(action, done, unchanged, mails)
