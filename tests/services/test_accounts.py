"""Organiser passwords, rate limit, one-time links and API tokens."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.models import LoginLink, OrganiserAccount, Participant
from missionmatch.services import accounts
from missionmatch.services.login_throttle import ADDRESS, Throttled
from missionmatch.services.mail import MailSettings
from missionmatch.services.mission_import import import_mission
from missionmatch.web.config import WebSettings
from tests.factories import small_mission


@pytest.fixture
def session(sqlite_factory: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    # a plain session: signing in commits the attempt's count before checking the password
    with sqlite_factory() as session:
        import_mission(session, small_mission())
        session.commit()
        yield session


def test_passwords_are_stored_as_argon2_hashes(session: Session) -> None:
    account = accounts.create_organiser(session, "Orga@Example.lu", "s3cret-phrase", [])
    assert account.email == "orga@example.lu"
    assert account.password_hash.startswith("$argon2id$") and "s3cret-phrase" not in account.password_hash
    assert accounts.authenticate_organiser(session, "orga@example.lu", "s3cret-phrase", "1.2.3.4") is account
    assert accounts.authenticate_organiser(session, "orga@example.lu", "wrong", "1.2.3.4") is None


def test_a_password_needs_12_characters_and_nothing_is_written_otherwise(session: Session) -> None:
    with pytest.raises(ValueError, match=r"^the password needs at least 12 characters$"):
        accounts.create_organiser(session, "short@example.lu", "elevenchars", [])
    assert (
        session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == "short@example.lu")) is None
    )
    assert accounts.create_organiser(session, "ok@example.lu", "twelve chars", []).email == "ok@example.lu"


def test_a_deactivated_account_neither_signs_in_nor_uses_its_tokens(session: Session) -> None:
    account = accounts.create_organiser(session, "orga@example.lu", "s3cret-phrase", [])
    token = accounts.create_api_token(session, organiser=account)
    account.active = False
    assert accounts.authenticate_organiser(session, "orga@example.lu", "s3cret-phrase", "1.2.3.4") is None
    assert accounts.resolve_api_token(session, token) is None
    account.active = True
    assert accounts.resolve_api_token(session, token).organiser is account


def test_an_erased_participants_token_no_longer_resolves(session: Session) -> None:
    anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
    token = accounts.create_api_token(session, participant=anne)
    assert accounts.resolve_api_token(session, token).participant is anne
    anne.erased_at = clock.now()
    assert accounts.resolve_api_token(session, token) is None


def test_failures_from_one_address_limit_every_account(session: Session) -> None:
    accounts.create_organiser(session, "a@example.lu", "password-alpha", [])
    for number in range(ADDRESS.free):
        accounts.authenticate_organiser(session, f"nobody{number}@example.lu", "x", "9.9.9.9")
    with pytest.raises(Throttled):
        accounts.authenticate_organiser(session, "a@example.lu", "password-alpha", "9.9.9.9")
    assert accounts.authenticate_organiser(session, "a@example.lu", "password-alpha", "8.8.8.8") is not None


def test_login_links_store_only_a_hash_and_work_once(session: Session) -> None:
    anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
    token = accounts.create_login_link(session, anne, dt.timedelta(hours=1))
    assert session.scalar(select(LoginLink.token_hash)) == accounts.hash_token(token) != token
    assert accounts.redeem_login_link(session, token) is anne
    assert accounts.redeem_login_link(session, token) is None
    assert accounts.redeem_login_link(session, "forged") is None


def test_a_mailed_link_works_for_24_hours_and_not_a_second_more(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        MailSettings().login_link_validity == WebSettings("k").login_link_validity == dt.timedelta(hours=24)
    )
    anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
    sent = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(clock, "now", lambda: sent)
    before, after = (
        accounts.create_login_link(session, anne, MailSettings().login_link_validity) for _ in "ab"
    )
    monkeypatch.setattr(clock, "now", lambda: sent + dt.timedelta(hours=24, seconds=-1))
    assert accounts.redeem_login_link(session, before) is anne
    monkeypatch.setattr(clock, "now", lambda: sent + dt.timedelta(hours=24, seconds=1))
    assert accounts.redeem_login_link(session, after) is None


def test_api_tokens_act_as_exactly_one_principal(session: Session) -> None:
    organiser = accounts.create_organiser(session, "o@example.lu", "password-omega", [])
    token = accounts.create_api_token(session, organiser=organiser)
    assert accounts.resolve_api_token(session, token).organiser is organiser
    with pytest.raises(ValueError, match="exactly one"):
        accounts.create_api_token(session)
    assert session.scalar(select(OrganiserAccount.email)) == "o@example.lu"
