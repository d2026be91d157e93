"""GDPR, after pretix's "shredder": a participant's personal data as one JSON document (export), and erasure
of a participant (personal fields anonymised, texts and sign-in means deleted, meetings kept for statistics
with the anonymised person in them). Both are scoped to one participation, i.e. one mission."""

from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import (
    ApiToken,
    AuditEntry,
    CalendarFeed,
    Feedback,
    LoginLink,
    Meeting,
    MeetingRequest,
    OutboxMail,
    Participant,
    Recommendation,
    ScheduleVersion,
)
from missionmatch.models.enums import RequestStatus
from missionmatch.services.audit_log import participant_ids
from missionmatch.services.export_values import moment, profile_values, unavailability_values

FORMAT = "missionmatch/personal-data-v1"
ERASED_FIRST_NAME = "Erased"


def _meeting_start(meeting: Meeting) -> str | None:
    if meeting.session is None or meeting.slot is None:
        return None
    return moment(meeting.session.slot_times()[meeting.slot][0])


def export_personal_data(session: Session, participant: Participant) -> dict[str, Any]:
    """Everything missionmatch keeps about this participant in their mission, as plain JSON values."""
    p = participant
    requests = session.scalars(
        select(MeetingRequest)
        .where(or_(MeetingRequest.requester_id == p.id, MeetingRequest.recipient_id == p.id))
        .order_by(MeetingRequest.id)
    )
    meetings = [m for m in p.mission.meetings if p in m.participants]
    feedback = session.scalars(select(Feedback).where(Feedback.author_id == p.id).order_by(Feedback.id))
    recommendations = session.scalars(
        select(Recommendation).where(Recommendation.participant_id == p.id).order_by(Recommendation.rank)
    )
    links = session.scalars(select(LoginLink).where(LoginLink.participant_id == p.id).order_by(LoginLink.id))
    tokens = session.scalars(select(ApiToken).where(ApiToken.participant_id == p.id).order_by(ApiToken.id))
    mails = session.scalars(
        select(OutboxMail)
        .where(OutboxMail.mission_id == p.mission_id, OutboxMail.recipient == p.email)
        .order_by(OutboxMail.id)
    )
    return {
        "format": FORMAT,
        "mission": {"name": p.mission.name, "slug": p.mission.slug},
        "participant": {
            "email": p.email,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "job_title": p.job_title,
            "organisation": p.organisation.name,
            "side": p.side,
            "languages": list(p.languages),
            "timezone": p.timezone,
            "arrives_at": moment(p.arrives_at),
            "departs_at": moment(p.departs_at),
            "checked_in_at": moment(p.checked_in_at),
            "min_meetings": p.min_meetings,
            "max_meetings": p.max_meetings,
            "hosted_table": p.hosted_table,
        },
        "profile": profile_values(p.profile),
        "unavailability": unavailability_values(p.unavailability),
        "programme": [{"title": i.title, "starts_at": moment(i.starts_at)} for i in p.programme_items],
        "meeting_requests": [
            {
                "direction": "sent" if r.requester_id == p.id else "received",
                "with": (r.recipient if r.requester_id == p.id else r.requester).full_name,
                "status": r.status.value,
                "priority": r.priority,
                "message": r.message,
                "created_at": moment(r.created_at),
                "expires_at": moment(r.expires_at),
            }
            for r in requests
        ],
        "meetings": [
            {
                "with": [other.full_name for other in m.participants if other.id != p.id],
                "status": m.status.value,
                "starts_at": _meeting_start(m),
                "table": None if m.table is None else m.table + 1,
            }
            for m in meetings
        ],
        "feedback": [
            {"rating": f.rating, "comment": f.comment, "follow_up": f.follow_up.value} for f in feedback
        ],
        "recommendations": [
            {"rank": r.rank, "partner": r.candidate.full_name, "score": r.score} for r in recommendations
        ],
        "sign_in_links": [
            {
                "created_at": moment(k.created_at),
                "expires_at": moment(k.expires_at),
                "used_at": moment(k.used_at),
            }
            for k in links
        ],
        "api_tokens": [
            {"label": k.label, "created_at": moment(k.created_at), "revoked_at": moment(k.revoked_at)}
            for k in tokens
        ],
        "mails": [
            {
                "subject": m.subject,
                "body": m.body,
                "created_at": moment(m.created_at),
                "sent_at": moment(m.sent_at),
            }
            for m in mails
        ],
    }


class _Scrubber:
    """Replaces a person's name, e-mail and key in free texts and JSON documents written about others."""

    def __init__(self, participant: Participant, anonymous_name: str, anonymous_email: str, key: str) -> None:
        names = {
            f"{participant.first_name} {participant.last_name}",
            f"{participant.last_name} {participant.first_name}",
        }
        self.pairs = [
            (participant.email, anonymous_email),
            *((name, anonymous_name) for name in names if name.strip()),
        ]
        self.old_key, self.new_key = participant.key, key

    def text(self, value: str) -> str:
        for old, new in self.pairs:
            value = value.replace(old, new)
        return value

    def json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.new_key if value == self.old_key else self.text(value)
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {self.json(k) if isinstance(k, str) else k: self.json(v) for k, v in value.items()}
        return value


def erase_participant(session: Session, participant: Participant) -> None:
    """Anonymises the participant for good. Their profile, unavailability, sign-in links, API tokens,
    calendar feeds, recommendations and the mails sent to them are deleted; texts they wrote (request
    messages, feedback comments) are emptied; their name and address are replaced wherever others' texts and
    the schedule history mention them. Meetings, requests and ratings stay, with the anonymised person, for
    statistics. Open requests with them are cancelled."""
    p = participant
    anonymous_name = f"{ERASED_FIRST_NAME} {p.id}"
    scrub = _Scrubber(p, anonymous_name, f"erased-{p.id}@invalid", f"erased-{p.id}")
    mission_mails = select(OutboxMail).where(OutboxMail.mission_id == p.mission_id)
    for mail in session.scalars(mission_mails):
        if mail.recipient == p.email:
            session.delete(mail)
        else:
            mail.subject, mail.body = scrub.text(mail.subject), scrub.text(mail.body)
    for request in p.mission.meeting_requests:
        mine = p.id in (request.requester_id, request.recipient_id)
        request.message = "" if request.requester_id == p.id else scrub.text(request.message)
        if mine and request.status in (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING):
            request.status = RequestStatus.CANCELLED
    meeting_ids = [m.id for m in p.mission.meetings]
    for feedback in session.scalars(select(Feedback).where(Feedback.meeting_id.in_(meeting_ids))):
        feedback.comment = "" if feedback.author_id == p.id else scrub.text(feedback.comment)
    for version in session.scalars(select(ScheduleVersion).where(ScheduleVersion.mission_id == p.mission_id)):
        version.snapshot = scrub.json(version.snapshot)
        version.changelog = scrub.json(version.changelog)
        version.statistics = scrub.json(version.statistics)
        version.comment = scrub.text(version.comment)
    for agreement in p.mission.agreements:
        # organisers type signatories and notes in by hand: the person's name may be there. The history is
        # append-only, erasure being the one exception the law requires
        agreement.title, agreement.description = (
            scrub.text(agreement.title),
            scrub.text(agreement.description),
        )
        for signatory in agreement.signatories:
            signatory.name = scrub.text(signatory.name)
        for change in agreement.history:
            change.note = scrub.text(change.note)
    session.execute(delete(LoginLink).where(LoginLink.participant_id == p.id))
    session.execute(delete(ApiToken).where(ApiToken.participant_id == p.id))
    session.execute(delete(CalendarFeed).where(CalendarFeed.participant_id == p.id))
    session.execute(
        delete(Recommendation).where(
            or_(Recommendation.participant_id == p.id, Recommendation.candidate_id == p.id)
        )
    )
    p.profile = None  # delete-orphan: the row goes
    p.unavailability.clear()
    p.key, p.email = scrub.new_key, f"erased-{p.id}@invalid"
    p.first_name, p.last_name = ERASED_FIRST_NAME, str(p.id)
    p.job_title, p.languages, p.timezone = "", [], None
    p.arrives_at = p.departs_at = None
    p.erased_at = clock.now()
    session.flush()
    _scrub_audit_log(session, p, scrub, anonymous_name)


def _scrub_audit_log(session: Session, p: Participant, scrub: "_Scrubber", anonymous_name: str) -> None:
    """The log's before -> after values (this erasure's own entries too) lose the person's data; the
    entries stay, as the rows they describe do."""
    entries = select(AuditEntry).where(AuditEntry.mission_id == p.mission_id).execution_options(yield_per=500)
    for entry in session.scalars(entries):
        if entry.entity in ("participant", "profile", "unavailability") and p.id in participant_ids(entry):
            entry.changes = {field: [None, None] for field in entry.changes}
        else:
            entry.changes = scrub.json(entry.changes)
        if entry.actor_kind == "participant" and entry.actor_id == p.id:
            entry.actor_label = anonymous_name
    session.flush()
