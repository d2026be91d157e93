"""The demo as a newcomer finds it after `missionmatch demo load`: three past missions with their released
schedules, meetings held or missed, feedback and agreements; Osaka 1 still a draft to plan."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import (
    Agreement,
    Feedback,
    Meeting,
    Mission,
    Organisation,
    Participant,
    ScheduleVersion,
)
from missionmatch.models.enums import AgreementStatus, MeetingStatus, Side
from missionmatch.services.demo import load_demo


@pytest.fixture(scope="module")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> sessionmaker[Session]:
    """The demo loaded once for the module (every test here only reads it) into a copy of the migrated
    schema."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(sqlite_template, path)
    factory = make_session_factory(make_engine(f"sqlite:///{path}"))
    with transaction(factory) as session:
        load_demo(session)
    return factory


def _per_mission(session: Session, query: Select[tuple[str, int]]) -> dict[str, int]:
    return {slug: n for slug, n in session.execute(query.join(Mission).group_by(Mission.slug))}


def test_the_past_missions_have_two_released_schedules_and_osaka_1_none(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        versions = select(Mission.slug, func.count(ScheduleVersion.id)).select_from(ScheduleVersion)
        assert _per_mission(session, versions) == {"tokyo": 2, "osaka-2": 2, "osaka-3": 2}
        first = session.scalar(
            select(ScheduleVersion).join(Mission).where(Mission.slug == "tokyo", ScheduleVersion.number == 1)
        )
        assert first is not None
        assert first.published_at == dt.datetime(2024, 6, 7, 8, 0, tzinfo=dt.UTC)  # 17:00 in Tokyo
        assert len(first.snapshot) == 112


def test_meetings_were_held_missed_or_cancelled_and_osaka_1_has_none(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        rows = session.execute(
            select(Mission.slug, Meeting.status, func.count(Meeting.id))
            .join(Mission)
            .group_by(Mission.slug, Meeting.status)
        )
        counts = {(slug, status.value): n for slug, status, n in rows}
    assert counts == {
        ("tokyo", "held"): 87,
        ("tokyo", "no_show"): 10,
        ("tokyo", "cancelled"): 15,
        ("osaka-2", "held"): 53,
        ("osaka-2", "no_show"): 7,
        ("osaka-2", "cancelled"): 9,
        ("osaka-3", "held"): 53,
        ("osaka-3", "no_show"): 5,
        ("osaka-3", "cancelled"): 4,
    }


def test_feedback_rates_held_meetings_in_the_authors_languages(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        feedback = select(Mission.slug, func.count(Feedback.id)).select_from(Feedback).join(Meeting)
        assert _per_mission(session, feedback) == {"tokyo": 126, "osaka-2": 73, "osaka-3": 80}
        statuses = set(
            session.scalars(select(Meeting.status).join(Feedback, Feedback.meeting_id == Meeting.id))
        )
        assert statuses == {MeetingStatus.HELD}
        comments = session.scalars(select(Feedback.comment)).all()
        assert "具体的な協業の可能性があり、見積もりを依頼しました。" in comments
        assert "Échange très concret, nous préparons une offre." in comments
        assert "Sehr konkretes Gespräch, wir schicken ein Angebot." in comments
        assert (
            session.scalar(select(func.count(Feedback.id)).where(Feedback.follow_up_done_at.is_not(None))) > 0
        )


def test_the_lsa_jaxa_cooperation_agreement_of_the_articles_is_in_force(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        agreement = session.scalar(
            select(Agreement).where(Agreement.title.startswith("Cooperation agreement"))
        )
        assert agreement is not None
        assert agreement.mission.slug == "tokyo"
        assert [o.name for o in agreement.parties] == [
            "Luxembourg Space Agency",
            "JAXA – Japan Aerospace Exploration Agency",
        ]
        assert (agreement.status, agreement.signed_on) == (AgreementStatus.IN_FORCE, dt.date(2024, 6, 12))
        assert [c.status.value for c in agreement.history] == ["draft", "negotiating", "signed", "in_force"]
        letter = session.scalar(
            select(Agreement).where(Agreement.title.startswith("Letter of intent on space"))
        )
        assert letter is not None
        assert [o.name for o in letter.parties] == ["LuxProvide", "JAXA – Japan Aerospace Exploration Agency"]
        assert (letter.status, letter.signed_on) == (AgreementStatus.SIGNED, dt.date(2024, 6, 12))
        assert session.scalar(select(func.count(Agreement.id))) == 10


def test_counted_once_the_delegation_is_160_people_from_95_companies(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        delegation = (
            select(Participant).join(Organisation).where(Organisation.side == Side.DELEGATION).subquery()
        )
        assert session.scalar(select(func.count()).select_from(delegation)) == 177
        assert session.scalar(select(func.count(distinct(delegation.c.email)))) == 160
        companies = select(Organisation.name).where(Organisation.side == Side.DELEGATION)
        assert len(session.scalars(companies).all()) == 108
        assert len(set(session.scalars(companies))) == 95
