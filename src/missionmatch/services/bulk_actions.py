"""What an organiser does at once to the participants selected in the list: send sign-in links, check them in,
withdraw them, or set the meetings each accepts at most. All or nothing: every selected row is checked first,
and one that cannot take the action refuses the whole batch, naming that participant and the reason."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from missionmatch.models import Mission, OutboxMail, Participant
from missionmatch.models.audit_actor import operation
from missionmatch.services import on_the_day, withdrawal
from missionmatch.services.notifications import send_login_link
from missionmatch.services.participant_limits import MAX_MEETINGS, whole_number
from missionmatch.services.person_names import display_name
from missionmatch.services.row_locks import lock_schedule
from missionmatch.settings import MailSettings

ACTIONS: Final = ("invite", "check_in", "withdraw", "max_meetings")
MAX_SELECTION: Final = 5000


@dataclass(frozen=True)
class BulkProblem:
    row: str  # the participant's name, or "#id" for an id that is not the mission's
    code: str  # "none" (nothing selected), "unknown", "erased", "withdrawn", "value", "max_below_min"
    values: dict[str, object] = field(default_factory=dict)


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


def read_limit(value: str) -> int | None:
    """The field's new value; raises BulkRefused naming the field when it is not a number from 0 to 1,000."""
    try:
        number = whole_number(value)
    except ValueError:
        number = -1
    if number is not None and not 0 <= number <= MAX_MEETINGS:
        raise BulkRefused([BulkProblem("max_meetings", "value", {"value": value, "max": MAX_MEETINGS})])
    return number


def check(participants: list[Participant], action: str, value: str = "") -> None:
    """Raises BulkRefused listing every participant the action cannot apply to; does nothing otherwise."""
    if action not in ACTIONS:
        raise BulkRefused([BulkProblem("action", "value", {"value": action})])
    limit = read_limit(value) if action == "max_meetings" else None
    problems = []
    for person in participants:
        if person.erased_at is not None:
            problems.append(BulkProblem(display_name(person), "erased"))
        elif action in ("invite", "check_in") and person.withdrawn_at is not None:
            problems.append(BulkProblem(display_name(person), "withdrawn"))
        elif limit is not None and person.min_meetings is not None and limit < person.min_meetings:
            problems.append(BulkProblem(display_name(person), "max_below_min", {"min": person.min_meetings}))
    if problems:
        raise BulkRefused(problems)


def _already(person: Participant, action: str, limit: int | None) -> bool:
    return {
        "invite": False,
        "check_in": person.checked_in_at is not None,
        "withdraw": person.withdrawn_at is not None,
        "max_meetings": person.max_meetings == limit,
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
    limit = read_limit(value) if action == "max_meetings" else None
    done, unchanged, mails = [], [], []
    for person in participants:
        if _already(person, action, limit):
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
            person.max_meetings = limit
    session.flush()
    return BulkOutcome(action, done, unchanged, mails)
