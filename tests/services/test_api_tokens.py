"""API tokens as their owners manage them: issued, listed newest first, revoked by their owner only."""

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Participant
from missionmatch.services import accounts, api_tokens
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
        yield session


def test_tokens_are_listed_per_owner_newest_first(session: Session) -> None:
    orga = accounts.create_organiser(session, "orga@a.lu", "pass-word-one-1", [])
    other = accounts.create_organiser(session, "orga@b.lu", "pass-word-two-2", [])
    anne = session.scalar(select(Participant).where(Participant.key == "p-1"))
    api_tokens.issue_token(session, orga, " first ")
    api_tokens.issue_token(session, orga, "second")
    api_tokens.issue_token(session, other, "theirs")
    api_tokens.issue_token(session, anne, "anne's")
    assert [t.label for t in api_tokens.tokens_of(session, orga)] == ["second", "first"]
    assert [t.label for t in api_tokens.tokens_of(session, anne)] == ["anne's"]


def test_only_the_owner_revokes_and_a_revoked_token_no_longer_resolves(session: Session) -> None:
    orga = accounts.create_organiser(session, "orga@a.lu", "pass-word-one-1", [])
    other = accounts.create_organiser(session, "orga@b.lu", "pass-word-two-2", [])
    secret = api_tokens.issue_token(session, orga, "ci")
    (token,) = api_tokens.tokens_of(session, orga)
    assert api_tokens.revoke_token(session, other, token.id) is None
    assert accounts.resolve_api_token(session, secret) is token
    assert api_tokens.revoke_token(session, orga, token.id) is token
    first = token.revoked_at
    assert first is not None and accounts.resolve_api_token(session, secret) is None
    again = api_tokens.revoke_token(session, orga, token.id)
    assert again is token and again.revoked_at == first  # revoking twice keeps the first time


def test_a_label_over_200_characters_is_refused(session: Session) -> None:
    orga = accounts.create_organiser(session, "orga@a.lu", "pass-word-one-1", [])
    with pytest.raises(ValueError, match="label longer than 200 characters"):
        api_tokens.issue_token(session, orga, "x" * 201)
    assert api_tokens.tokens_of(session, orga) == []
