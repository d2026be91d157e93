"""Mailings: who an invitation or a reminder goes to, the previews per language, and sending that mails
nobody twice however often the job runs; on SQLite and PostgreSQL."""

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import LoginLink, Mission, OutboxMail, Participant
from missionmatch.models.mailing import MailingKind
from missionmatch.services import mailings
from missionmatch.services.mailing_audience import AudienceRefused, recipients
from missionmatch.services.mailing_texts import previews
from missionmatch.services.mailings import plan_mailing, send_mailing
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings(base_url="https://mm.example")
NOW = dt.datetime(2025, 5, 15, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()


def _keys(session: Session, kind: str, scope: str, **choice: object) -> list[str]:
    people = recipients(session, _mission(session), MailingKind(kind), scope, now=NOW, **choice)  # type: ignore[arg-type]
    return [p.key for p in people]


def _person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def test_recipients_by_scope_leave_out_the_signed_in_and_the_withdrawn(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        # in family-name order: Muller, Sato, Weber, 山田
        assert _keys(session, "invitation", "everyone") == ["p-1", "p-4", "p-2", "p-3"]
        assert _keys(session, "invitation", "side", side="host") == ["p-4", "p-3"]
        assert _keys(session, "invitation", "side", side="delegation") == ["p-1", "p-2"]
        anne, jonas = _person(session, "p-1"), _person(session, "p-2")
        session.add(
            LoginLink(participant=anne, token_hash="x" * 64, created_at=NOW, expires_at=NOW, used_at=NOW)
        )
        session.add(LoginLink(participant=jonas, token_hash="y" * 64, created_at=NOW, expires_at=NOW))
        jonas.withdrawn_at = NOW
        session.flush()
        assert _keys(session, "invitation", "not_signed_in") == ["p-4", "p-3"]  # Jonas's link is unused
        assert _keys(session, "invitation", "selection", ids=[anne.id, jonas.id]) == ["p-1"]
        with pytest.raises(AudienceRefused) as refused:
            _keys(session, "invitation", "side", side="guests")
        assert (refused.value.field, refused.value.value) == ("side", "guests")


def test_reminders_go_only_to_those_they_concern(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        # Jonas has not said what he needs, Sato has no profile
        assert _keys(session, "profile", "everyone") == ["p-4", "p-2"]
        # r-2 (Jonas to Sato) is pending and never expires; r-1 was accepted
        assert _keys(session, "requests", "everyone") == ["p-4"]
        # m-1 (Anne, Sato, Yamada) is published
        assert _keys(session, "agenda", "everyone") == ["p-1", "p-4", "p-3"]
        assert _keys(session, "agenda", "side", side="delegation") == ["p-1"]
        _person(session, "p-2").profile.needs = "Partners"  # type: ignore[union-attr]
        session.flush()
        assert _keys(session, "profile", "everyone") == ["p-4"]


def test_one_preview_per_language_with_its_count(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = recipients(session, _mission(session), MailingKind.INVITATION, "everyone", now=NOW)
        shown = previews(MAIL, MailingKind.INVITATION, people)
        links = session.scalar(select(func.count()).select_from(LoginLink))
    assert [(p.language, p.count) for p in shown] == [("ja", 2), ("en", 1), ("fr", 1)]
    assert [p.subject for p in shown] == [
        "Test mission Osaka への招待",
        "You are invited to Test mission Osaka",
        "Invitation à Test mission Osaka",
    ]
    assert shown[1].body == (
        "Hello Jonas Weber,\n\nYou are invited to the B2B meetings of Test mission Osaka. Sign in to "
        "complete your profile and ask for meetings with this personal link (valid 24 hours, once):\n"
        "…/login/link/…\n"
    )
    assert shown[0].body.startswith("Hanako Sato 様\n\nTest mission Osaka の B2B 面談にご招待します。")
    assert links == 0  # a preview creates no sign-in link


def _mails(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    with factory() as session:
        query = select(OutboxMail.recipient, OutboxMail.kind).order_by(OutboxMail.recipient)
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_a_mailing_run_again_mails_nobody_twice(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    with transaction(factory) as session:
        mailing_id = plan_mailing(
            session, _mission(session), "invitation", "everyone", by="orga@a.lu", now=NOW
        ).id
    monkeypatch.setattr(mailings, "BATCH", 3)
    calls = []

    def stop_after_first_batch(**values: object) -> None:
        calls.append(values)
        if values["done"] == 3:
            raise RuntimeError("worker killed")

    with pytest.raises(RuntimeError):
        send_mailing(factory, MAIL, mailing_id, stop_after_first_batch)
    assert len(_mails(factory)) == 3  # the first batch was committed with its sign-in links
    result = send_mailing(factory, MAIL, mailing_id, lambda **values: None)
    assert result == {
        "mailing": mailing_id,
        "total": 4,
        "written": 1,
        "skipped": 3,
        "sent": 0,
        "failed": 0,
        "smtp": False,
    }
    assert _mails(factory) == [
        ("anne.muller@luxsat.example.lu", "invitation"),
        ("jonas.weber@sante.example.lu", "invitation"),
        ("sato@orbital.example.jp", "invitation"),
        ("yamada@orbital.example.jp", "invitation"),
    ]
    again = send_mailing(factory, MAIL, mailing_id, lambda **values: None)
    assert (again["written"], again["skipped"]) == (0, 4)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(LoginLink)) == 4  # one link per mail
        body = session.scalars(select(OutboxMail.body).where(OutboxMail.recipient.like("jonas%"))).one()
    assert "\nhttps://mm.example/login/link/" in body


def test_the_database_refuses_a_second_mail_of_a_mailing_to_one_person(
    factory: sessionmaker[Session],
) -> None:
    from sqlalchemy.exc import IntegrityError

    from missionmatch.services.mail import queue_mail

    with transaction(factory) as session:
        mailing_id = plan_mailing(
            session, _mission(session), "agenda", "everyone", by="orga@a.lu", now=NOW
        ).id
    with pytest.raises(IntegrityError), transaction(factory) as session:
        anne = _person(session, "p-1")
        for _ in range(2):
            queue_mail(
                session,
                _mission(session),
                anne.email,
                "s",
                "b",
                kind="agenda",
                participant_id=anne.id,
                mailing_id=mailing_id,
            )


def test_nobody_concerned_is_refused(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        with pytest.raises(AudienceRefused) as refused:
            plan_mailing(session, _mission(session), "requests", "side", side="delegation", by="o", now=NOW)
        assert refused.value.field == "recipients"
        with pytest.raises(AudienceRefused) as unknown:
            plan_mailing(session, _mission(session), "party", "everyone", by="o", now=NOW)
        assert (unknown.value.field, unknown.value.value) == ("kind", "party")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.integers(1, 5), stops=st.lists(st.integers(0, 4), max_size=3))
def test_however_the_runs_stop_everyone_gets_exactly_one_mail(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch, batch: int, stops: list[int]
) -> None:
    """Runs that stop after some progress reports, then one that finishes: one mail and one sign-in link
    per recipient, whatever the batch size and wherever the runs stopped."""
    monkeypatch.setattr(mailings, "BATCH", batch)
    with transaction(factory) as session:
        mailing_id = plan_mailing(session, _mission(session), "invitation", "everyone", by="o", now=NOW).id
        links_before = session.scalar(select(func.count()).select_from(LoginLink)) or 0

    def stopping_after(reports: int):  # type: ignore[no-untyped-def]
        seen = []

        def progress(**values: object) -> None:
            seen.append(values)
            if len(seen) > reports:
                raise RuntimeError("stopped")

        return progress

    for reports in stops:
        with contextlib.suppress(RuntimeError):
            send_mailing(factory, MAIL, mailing_id, stopping_after(reports))
    send_mailing(factory, MAIL, mailing_id, lambda **values: None)
    with factory() as session:
        query = select(OutboxMail.participant_id).where(OutboxMail.mailing_id == mailing_id)
        mailed = sorted(session.scalars(query))
        everyone = sorted(
            session.scalars(select(Participant.id).join(Mission).where(Mission.slug == "test-osaka"))
        )
        links = (session.scalar(select(func.count()).select_from(LoginLink)) or 0) - links_before
    assert (mailed, links) == (everyone, len(everyone))
