"""Mails of the organisers' steering and of reminders, in each recipient's language (services/notifications.py
for the mails of the ordinary request workflow)."""

from sqlalchemy.orm import Session

from missionmatch.models import MeetingRequest, Participant
from missionmatch.services.notifications import participant_translator, send_mail
from missionmatch.settings import MailSettings


def request_vetoed(
    db: Session, settings: MailSettings, request: MeetingRequest, *, recipient_told: bool
) -> None:
    """Tells the requester, and the recipient when they had seen the request, that the organisers stopped
    it, and why."""
    told = [request.requester] + ([request.recipient] if recipient_told else [])
    for person in told:
        other = request.recipient if person is request.requester else request.requester
        t = participant_translator(person)
        send_mail(
            db,
            settings,
            request.mission,
            person,
            t.gettext("Your meeting with %(name)s was stopped by the organisers", name=other.full_name),
            t.gettext(
                "The organisers stopped the meeting request between you and %(name)s (%(organisation)s); "
                "it cannot be made again in this mission.\n\nTheir reason: %(reason)s\n\n"
                "Your requests: %(link)s\n",
                name=other.full_name,
                organisation=other.organisation.name,
                reason=request.rejection_reason,
                link=f"{settings.base_url}/me/requests",
            ),
        )


def must_meet_added(db: Session, settings: MailSettings, request: MeetingRequest) -> None:
    """Tells both that the organisers arranged a meeting between them."""
    for person, other in ((request.requester, request.recipient), (request.recipient, request.requester)):
        t = participant_translator(person)
        send_mail(
            db,
            settings,
            request.mission,
            person,
            t.gettext("The organisers arranged a meeting with %(name)s", name=other.full_name),
            t.gettext(
                "The organisers arranged a meeting between you and %(name)s (%(organisation)s). It will "
                "appear in your agenda once placed: %(link)s\n",
                name=other.full_name,
                organisation=other.organisation.name,
                link=f"{settings.base_url}/me/agenda",
            ),
        )


def request_reminder(db: Session, settings: MailSettings, request: MeetingRequest) -> None:
    """Reminds the recipient of a request still unanswered, before its answer is due."""
    requester, recipient = request.requester, request.recipient
    t = participant_translator(recipient)
    due = t.instant(request.expires_at, request.mission.timezone)  # in the mission's zone and words
    send_mail(
        db,
        settings,
        request.mission,
        recipient,
        t.gettext("Reminder: %(name)s awaits your answer", name=requester.full_name),
        t.gettext(
            "%(name)s (%(organisation)s) asked you for a meeting and awaits your answer, due by %(due)s.\n\n"
            "Answer here: %(link)s\n",
            name=requester.full_name,
            organisation=requester.organisation.name,
            due=due,
            link=f"{settings.base_url}/me/requests",
        ),
    )


def request_withdrawn(
    db: Session, settings: MailSettings, request: MeetingRequest, *, by: Participant, told: Participant
) -> None:
    """Tells the other one that `by` withdrew from their accepted meeting."""
    t = participant_translator(told)
    send_mail(
        db,
        settings,
        request.mission,
        told,
        t.gettext("%(name)s withdrew from your meeting", name=by.full_name),
        t.gettext(
            "%(name)s (%(organisation)s) withdrew from the meeting you had agreed; it will not be "
            "scheduled. Your requests: %(link)s\n",
            name=by.full_name,
            organisation=by.organisation.name,
            link=f"{settings.base_url}/me/requests",
        ),
    )
