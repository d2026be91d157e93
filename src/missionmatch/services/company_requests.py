"""Company meetings from requests: a request addressed to an organisation ("any representative of X", the
host company decides who comes), colleagues brought along by the requester ("bring a colleague"), and the
recipient's side naming who comes when accepting.

The rules of sending and answering stay those of `meeting_requests` (window, limit, approval, duplicates,
one answer only); this module adds who attends. Every attendee becomes a participant of the request's meeting,
which the scheduler then places with everybody busy in its slot.
"""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from missionmatch.models import Meeting, MeetingRequest, Organisation, Participant
from missionmatch.services.meeting_requests import (
    DEFAULT_VALIDITY,
    RequestRefused,
    accept_request,
    send_request,
)
from missionmatch.settings import MailSettings

# codes these functions add to those of meeting_requests (the pages and the API translate each)
ATTENDEE_REFUSALS = ("no_representative", "colleague_outside", "attendee_outside", "attendee_erased")


def contact_of(organisation: Organisation) -> Participant:
    """The representative a request to the organisation is delivered to: the first registered one."""
    present = [p for p in organisation.participants if p.erased_at is None]
    if not present:
        raise RequestRefused("no_representative")
    return present[0]


def _of_organisation(people: Sequence[Participant], organisation_id: int, code: str) -> list[Participant]:
    """`people` without repeats, each checked to represent the organisation and not erased."""
    out: list[Participant] = []
    for person in people:
        if person.organisation_id != organisation_id:
            raise RequestRefused(code)
        if person.erased_at is not None:
            raise RequestRefused("attendee_erased")
        if person not in out:
            out.append(person)
    return out


def send_with_attendees(
    session: Session,
    requester: Participant,
    recipient: Participant | Organisation,
    *,
    colleagues: Sequence[Participant] = (),
    message: str = "",
    priority: int = 2,
    valid_for: dt.timedelta = DEFAULT_VALIDITY,
    mail: MailSettings,
) -> MeetingRequest:
    """A request to a person or to an organisation (delivered to its contact, answerable by any of its
    representatives), bringing `colleagues` of the requester's own organisation."""
    to_organisation = isinstance(recipient, Organisation)
    if isinstance(recipient, Organisation):
        if recipient.mission_id != requester.mission_id:
            raise RequestRefused("other_mission")
        person = contact_of(recipient)
    else:
        person = recipient
    brought = _of_organisation(colleagues, requester.organisation_id, "colleague_outside")
    request = send_request(
        session, requester, person, message, priority, valid_for, mail=mail
    )  # every rule of a request (window, limit, duplicate, approval) and the recipient's mail
    request.to_organisation = to_organisation
    request.companions = [p for p in brought if p.id != requester.id]
    session.flush()
    return request


def accept_with_attendees(
    session: Session,
    request: MeetingRequest,
    by: Participant,
    attendees: Sequence[Participant] = (),
    *,
    mail: MailSettings,
) -> Meeting:
    """`by` accepts and names who of their organisation comes (none named: `by` alone, or with the addressed
    recipient). For a request to an organisation the first named becomes its recipient."""
    if not request.answerable_by(by):
        raise RequestRefused("not_recipient")
    host_side = request.recipient.organisation_id
    named = _of_organisation(attendees or [by], host_side, "attendee_outside")
    if request.to_organisation:
        request.recipient = named[0]
    elif request.recipient not in named:
        named.insert(0, request.recipient)  # a request to a person: that person comes
    guests = [p for p in request.companions if p.organisation_id != host_side]
    request.companions = guests + [p for p in named if p.id != request.recipient_id]
    session.flush()
    return accept_request(session, request, by, mail=mail)
