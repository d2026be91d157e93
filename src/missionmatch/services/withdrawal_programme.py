"""What a withdrawal does to the programme: the participant's registrations and waiting places are given up
(their places go to the waiting lists, under the mission's lock) and recorded; the undo takes them back only
where a place is still free. A place someone else was promoted into meanwhile is not taken from them: the
returning participant goes first on that item's waiting list instead, and the undo report says so."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import Participant, ProgrammeItem, WaitingEntry
from missionmatch.services import programme_waiting as waiting
from missionmatch.services.programme_promotion import Promotions, fill_places
from missionmatch.services.programme_setup import register, unregister
from missionmatch.settings import MailSettings


@dataclass
class ProgrammeUndo:
    registered: list[ProgrammeItem] = field(default_factory=list)
    # items whose place was taken meanwhile: back on the waiting list, with the position
    waiting: list[tuple[ProgrammeItem, int]] = field(default_factory=list)
    # a place that freed meanwhile on a list they are back on: filled as any free place (them or others)
    promotions: Promotions = field(default_factory=Promotions)


def programme_plan(
    session: Session, participant: Participant
) -> tuple[list[ProgrammeItem], list[ProgrammeItem]]:
    """The items a withdrawal would give up: registered for, waiting for."""
    query = select(WaitingEntry).where(WaitingEntry.participant_id == participant.id)
    return list(participant.programme_items), [entry.item for entry in session.scalars(query)]


def release(
    session: Session, mail: MailSettings, participant: Participant
) -> tuple[dict[str, dict[str, str]], Promotions]:
    """Gives up the participant's registrations and waiting places (the caller holds the mission's lock);
    returns the record for the undo and who was promoted into the freed places."""
    registered, waits = programme_plan(session, participant)
    # item id -> "registered"; item id -> the position held (text: the record is a JSON of texts)
    record = {
        "programme": {str(item.id): "registered" for item in registered},
        "waiting": {str(item.id): str(waiting.position_of(session, item, participant)) for item in waits},
    }
    for item in waits:
        waiting.remove(session, item, participant)
    promotions = Promotions()
    for item in sorted(registered, key=lambda i: i.id):
        # the same steps as a cancelled registration (the promotion skips this participant: withdrawn)
        promotions.extend(unregister(session, mail, item, participant))
    return record, promotions


def restore(
    session: Session, mail: MailSettings, participant: Participant, record: dict[str, dict[str, str]]
) -> ProgrammeUndo:
    """Takes back what `release` recorded, within the capacities as they are now (the participant is no
    longer withdrawn; the caller holds the mission's lock)."""
    report = ProgrammeUndo()
    for item_id in sorted(record.get("programme", {}), key=int):
        item = session.get(ProgrammeItem, int(item_id))
        if item is None:
            continue  # deleted meanwhile
        free = waiting.free_places(session, item)
        if free is None or free > 0:
            register(session, item, [participant])
            report.registered.append(item)
        else:
            waiting.join(session, item, [participant], clock.now())
            waiting.move(session, item, participant, 1)
            report.waiting.append((item, 1))
    for item_id, position in sorted(record.get("waiting", {}).items(), key=lambda pair: int(pair[0])):
        item = session.get(ProgrammeItem, int(item_id))
        if item is not None:
            waiting.join(session, item, [participant], clock.now())
            waiting.move(session, item, participant, int(position or 1))
            report.promotions.extend(fill_places(session, mail, item))
            now_at = waiting.position_of(session, item, participant)
            if now_at is None:
                report.registered.append(item)  # promoted at once: a place had freed meanwhile
            else:
                report.waiting.append((item, now_at))
    return report
