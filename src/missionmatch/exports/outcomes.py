"""The agreements register and the feedback of a mission as tables for exports/tables.py: names and dates
that a person reads, keys kept in the first column for round trips."""

from collections.abc import Iterable

from missionmatch.exports.tables import Table
from missionmatch.i18n import Translator
from missionmatch.models import Agreement, Feedback
from missionmatch.services.feedback_views import comment_language, meeting_start

REGISTER_HEADER = (
    "key",
    "title",
    "kind",
    "status",
    "signed_on",
    "confidential",
    "parties",
    "signatories",
    "meetings",
    "documents",
    "last_change",
    "description",
)
FEEDBACK_HEADER = (
    "meeting",
    "session",
    "starts_at",
    "author",
    "organisation",
    "side",
    "rating",
    "follow_up",
    "follow_up_done",
    "comment_language",
    "comment",
)


def register_table(agreements: Iterable[Agreement], t: Translator) -> Table:
    rows = []
    for a in agreements:
        last = a.history[-1] if a.history else None
        signatories = [
            ", ".join(
                part for part in (s.name, s.title, s.organisation.name if s.organisation else "") if part
            )
            for s in a.signatories
        ]
        rows.append(
            [
                a.key,
                a.title,
                a.kind.value,
                a.status.value,
                a.signed_on.isoformat() if a.signed_on else "",
                "yes" if a.confidential else "no",
                "; ".join(o.name for o in a.parties),
                "; ".join(signatories),
                "; ".join(m.key for m in a.meetings),
                len(a.documents),
                t.instant(last.changed_at, a.mission.timezone) if last else "",
                a.description,
            ]
        )
    return REGISTER_HEADER, rows


def feedback_table(feedback: Iterable[Feedback], t: Translator) -> Table:
    rows = []
    for f in feedback:
        meeting, zone = f.meeting, f.meeting.mission.timezone
        start = meeting_start(meeting)
        rows.append(
            [
                meeting.key,
                meeting.session.name if meeting.session else "",
                t.wall_time(start, zone) if start else "",
                f.author.full_name,
                f.author.organisation.name,
                f.author.side,
                f.rating,
                f.follow_up.value,
                "yes" if f.follow_up_done_at else "no",
                comment_language(f) or "",
                f.comment,
            ]
        )
    return FEEDBACK_HEADER, rows
