"""A meeting request sent from the page costs a fixed, small number of SQL statements (issue 9, the rush: 20
before, each one time under SQLite's write lock), and still does all it did: the request, the recipient's
mail, the mission's new content revision, and its audit entry (one statement more, issue 14)."""

from sqlalchemy import event, select

from missionmatch.models import AuditEntry, MeetingRequest, Mission, OutboxMail
from missionmatch.services.notifications import participant_translator
from tests.web.conftest import World

STATEMENTS = [
    "SELECT web_session",  # the signed-in user: their session ...
    "SELECT participant",  # ... and themselves
    "SELECT participant",  # the recipient, with their organisation and the mission
    "SELECT organisation",  # the requester's organisation (which side they are on)
    "UPDATE mission SET content_revision",  # the bump, first: it orders concurrent sends
    "UPDATE meeting_request SET status",  # requests past their expiry expire
    "SELECT (SELECT count(*)",  # every check of the pair, in one statement
    "INSERT INTO meeting_request",
    "INSERT INTO audit_entry",  # the request's audit entry, at its flush (models/audit_capture.py)
    "INSERT INTO outbox_mail",  # mail is bookkeeping: no audit entry
]


def test_a_meeting_request_post_is_ten_statements(world: World) -> None:
    browser = world.client()
    link = f"/login/link/{world.link_token('test-osaka', 'p-1')}"
    assert browser.submit(link, page=link).status_code == 303
    form = {"recipient_id": str(world.participant("test-osaka", "p-4").id), "message": "Hello"}
    token = browser.csrf("/me/requests")
    with world.factory() as session:
        revision = session.scalar(select(Mission.content_revision).where(Mission.slug == "test-osaka"))
    statements: list[str] = []
    engine = world.factory.kw["bind"]

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", count)
    try:
        response = browser.post("/me/requests", data={"csrf_token": token, **form}, follow_redirects=False)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 303
    assert [s for s in statements if not any(s.startswith(e) for e in STATEMENTS)] == []
    assert [next(e for e in STATEMENTS if s.startswith(e)) for s in statements] == STATEMENTS
    with world.factory() as session:
        sent = session.scalars(select(MeetingRequest).where(MeetingRequest.message == "Hello")).one()
        assert (sent.requester.key, sent.recipient.key, sent.status.value) == ("p-1", "p-4", "pending")
        mail = session.scalars(select(OutboxMail).where(OutboxMail.recipient == sent.recipient.email)).all()
        subject = "%(name)s asks you for a meeting"
        asks = participant_translator(sent.recipient).gettext(subject, name="Anne Muller")
        assert [m.subject for m in mail] == [asks]  # in the recipient's language
        mission = session.scalar(select(Mission).where(Mission.slug == "test-osaka"))
        assert mission.content_revision == revision + 1  # bumped once, not once more at the flush
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "request", AuditEntry.entity_id == sent.id)
        ).one()
        assert (entry.entity, entry.change, entry.actor_kind, entry.actor_id, entry.actor_label) == (
            "request",
            "created",
            "participant",
            sent.requester.id,
            "Anne Muller",
        )
        assert entry.changes["message"] == [None, "Hello"]
        assert entry.about == f",{sent.requester.id},{sent.recipient.id},"
