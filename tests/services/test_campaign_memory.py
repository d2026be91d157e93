"""Cross-mission memory: meetings held in an earlier mission of the campaign, between the same people or the
same companies, and what the recommendations page makes of them; on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, Mission, Participant, Recommendation
from missionmatch.models.enums import ExclusionKind, MeetingStatus
from missionmatch.services import partner_exclusions
from missionmatch.services.campaign_memory import PastMeeting, past_meetings
from missionmatch.services.mission_import import import_mission
from missionmatch.services.recommendation_cards import recommendation_page
from tests.factories import small_mission

TOKYO = PastMeeting("Tokyo 2024", "Tokyo", dt.date(2025, 5, 27), True)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    earlier = small_mission(name="Tokyo 2024", slug="tokyo", cities=["Tokyo"], start_date="2025-05-20")
    later = small_mission(name="Osaka 2025", slug="osaka")
    outside = small_mission(name="Elsewhere", slug="elsewhere")
    outside.pop("campaign")
    for document in (later, outside):
        for part in ("meeting_requests", "meetings", "agreements", "feedback"):
            document[part] = []
    later["participants"][1]["email"] = "someone.else@health.example.lu"  # p-2: another person, same company
    with transaction(session_factory) as session:
        for document in (earlier, later, outside):
            import_mission(session, document)
        held = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        held.status = MeetingStatus.HELD  # Anne (lu-sat) with Yamada and Sato (jp-orbital), in Tokyo
        jonas = session.scalars(
            select(Participant).join(Mission).where(Mission.slug == "tokyo", Participant.key == "p-2")
        ).one()
        sato = session.scalars(
            select(Participant).join(Mission).where(Mission.slug == "tokyo", Participant.key == "p-4")
        ).one()
        session.add(
            Meeting(mission_id=held.mission_id, status=MeetingStatus.HELD, participants=[jonas, sato])
        )
    return session_factory


def _people(session: Session, slug: str) -> dict[str, Participant]:
    query = select(Participant).join(Mission).where(Mission.slug == slug)
    return {p.key: p for p in session.scalars(query)}


def test_the_same_people_and_the_same_companies_are_remembered_in_a_later_mission_only(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        osaka, tokyo, outside = (_people(session, s) for s in ("osaka", "tokyo", "elsewhere"))
        hosts = [osaka["p-3"], osaka["p-4"]]
        assert past_meetings(session, osaka["p-1"], hosts) == {
            osaka["p-3"].id: [TOKYO],
            osaka["p-4"].id: [TOKYO],
        }
        # Jonas's company met Sato's (at a meeting with no session: the mission's first day), whose colleague
        # Yamada counts too; Jonas himself is someone else now
        company = [PastMeeting("Tokyo 2024", "Tokyo", dt.date(2025, 5, 20), False)]
        assert past_meetings(session, osaka["p-2"], hosts) == {
            osaka["p-3"].id: company,
            osaka["p-4"].id: company,
        }
        assert past_meetings(session, tokyo["p-1"], [tokyo["p-3"]]) == {}  # nothing before Tokyo
        assert past_meetings(session, outside["p-1"], [outside["p-3"]]) == {}  # another campaign


def _recommend(session: Session, who: Participant, whom: Participant, rank: int) -> None:
    similarity = {"need": "n", "need_language": "fr", "offer": "o", "offer_language": "ja", "similarity": 0.7}
    session.add(
        Recommendation(
            mission_id=who.mission_id,
            participant=who,
            candidate=whom,
            rank=rank,
            score=0.5,
            reasons={"my_need_answered": similarity, "shared_sectors": [], "language_path": "fr"},
            embedder="test",
            created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
        )
    )


def test_the_page_leaves_out_partners_met_dismissed_or_not_interested_unless_asked(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        osaka = _people(session, "osaka")
        jonas = osaka["p-2"]
        _recommend(session, jonas, osaka["p-3"], 1)
        _recommend(session, jonas, osaka["p-4"], 2)
        session.flush()
        everyone = {p.id for p in osaka.values()}
        page = recommendation_page(session, jonas, everyone)
        assert (page.cards, page.met_hidden, page.no_more_good) == ([], 2, True)  # 2 of 10: the floor stopped
        asked = recommendation_page(session, jonas, everyone, include_met=True)
        assert [(c.recommendation.candidate.key, c.met_before[0].same_people) for c in asked.cards] == [
            ("p-3", False),
            ("p-4", False),
        ]
        partner_exclusions.exclude(session, jonas, osaka["p-3"], ExclusionKind.DISMISSED)
        partner_exclusions.exclude(session, jonas, osaka["p-4"], ExclusionKind.NOT_INTERESTED)
        page = recommendation_page(session, jonas, everyone, include_met=True)
        assert (page.cards, page.dismissed, page.not_interested) == ([], [osaka["p-3"]], [osaka["p-4"]])
        partner_exclusions.undo(session, jonas, osaka["p-3"], ExclusionKind.DISMISSED)
        page = recommendation_page(session, jonas, everyone, include_met=True)
        assert [c.recommendation.candidate for c in page.cards] == [osaka["p-3"]]
        assert recommendation_page(session, jonas, set()).cards == []  # outside the directory: never shown


def test_requests_between_those_who_met_before_are_follow_ups(factory: sessionmaker[Session]) -> None:
    from missionmatch.services import meeting_requests as requests
    from missionmatch.services.campaign_memory import follow_up_requests
    from missionmatch.settings import MailSettings

    with transaction(factory) as session:
        osaka, tokyo = _people(session, "osaka"), _people(session, "tokyo")
        same_people = requests.send_request(session, osaka["p-1"], osaka["p-3"], mail=MailSettings())
        same_companies = requests.send_request(session, osaka["p-4"], osaka["p-2"], mail=MailSettings())
        session.expire_all()
        mission = osaka["p-1"].mission
        assert follow_up_requests(session, mission) == {same_people.id, same_companies.id}
        assert follow_up_requests(session, tokyo["p-1"].mission) == set()  # nothing before Tokyo
