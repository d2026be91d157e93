"""Dismissals and the "not interested" list: kept per participant, undoable, and "not interested" blocks
requests both ways in every mission of the campaign (the same person by e-mail), on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Participant
from missionmatch.models.enums import ExclusionKind
from missionmatch.services import meeting_requests as requests
from missionmatch.services import partner_exclusions as exclusions
from missionmatch.services.mission_import import import_mission
from missionmatch.services.pair_blocks import not_interested_emails
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        for slug, name in (("test-osaka", "Osaka"), ("test-tokyo", "Tokyo")):
            document = small_mission(slug=slug, name=name)  # one campaign, the same people
            for part in ("meeting_requests", "meetings", "agreements", "feedback"):
                document[part] = []
            import_mission(session, document)
        lone = small_mission(slug="elsewhere", name="Elsewhere")
        lone.pop("campaign")
        for part in ("meeting_requests", "meetings", "agreements", "feedback"):
            lone[part] = []
        import_mission(session, lone)
    return session_factory


def _people(session: Session, slug: str) -> dict[str, Participant]:
    query = select(Participant).join(Mission).where(Mission.slug == slug)
    return {p.key: p for p in session.scalars(query)}


def test_not_interested_blocks_requests_both_ways_across_the_campaign_until_undone(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        osaka, tokyo, other = (_people(session, s) for s in ("test-osaka", "test-tokyo", "elsewhere"))
        exclusions.exclude(session, osaka["p-1"], osaka["p-3"], ExclusionKind.NOT_INTERESTED)
        exclusions.exclude(session, osaka["p-1"], osaka["p-3"], ExclusionKind.NOT_INTERESTED)  # idempotent
        assert exclusions.excluded_by(session, osaka["p-1"]) == {
            ExclusionKind.DISMISSED: [],
            ExclusionKind.NOT_INTERESTED: [osaka["p-3"]],
        }
        assert not_interested_emails(session, tokyo["p-1"]) == {tokyo["p-3"].email}
        for people in (osaka, tokyo):
            with pytest.raises(requests.RequestRefused, match="not_interested"):
                requests.send_request(session, people["p-1"], people["p-3"], mail=MAIL)
            with pytest.raises(requests.RequestRefused, match="unavailable"):
                requests.send_request(session, people["p-3"], people["p-1"], mail=MAIL)
        # a mission outside the campaign is another context
        assert requests.send_request(session, other["p-1"], other["p-3"], mail=MAIL).requester == other["p-1"]
        exclusions.undo(session, osaka["p-1"], osaka["p-3"], ExclusionKind.NOT_INTERESTED)
        assert requests.send_request(session, tokyo["p-3"], tokyo["p-1"], mail=MAIL).recipient == tokyo["p-1"]


def test_a_dismissal_does_not_block_requests_and_only_the_other_side_is_excluded(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        osaka, tokyo = _people(session, "test-osaka"), _people(session, "test-tokyo")
        exclusions.exclude(session, osaka["p-2"], osaka["p-4"], ExclusionKind.DISMISSED)
        assert requests.send_request(session, osaka["p-2"], osaka["p-4"], mail=MAIL).recipient == osaka["p-4"]
        with pytest.raises(requests.RequestRefused, match="same_side"):
            exclusions.exclude(session, osaka["p-2"], osaka["p-1"], ExclusionKind.DISMISSED)
        with pytest.raises(requests.RequestRefused, match="other_mission"):
            exclusions.exclude(session, osaka["p-2"], tokyo["p-4"], ExclusionKind.DISMISSED)
