"""Every hard rule a hand placement can break, with its exact message, on SQLite and PostgreSQL.

The session (b2b-1, 27 May): slots 14:00, 14:20, 14:40, (break) 15:20, 15:40, 16:00; two tables; one fr-ja
interpreter. Published m-1 (Anne, Yamada, Sato) sits at 14:40, table 2, with the interpreter.
"""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, MeetingRequest, Participant
from missionmatch.services.mission_import import import_mission
from missionmatch.services.placement_rules import check_slot, check_slots
from missionmatch.web.i18n import Translator
from missionmatch.web.placement_text import refusal_text
from tests.services.placement_helpers import placement_mission

EN = Translator("en")
TZ = "Asia/Tokyo"


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, placement_mission())
    return session_factory


def _request_people(session: Session, key: str) -> list[Participant]:
    request = session.scalar(select(MeetingRequest).where(MeetingRequest.key == key))
    return [request.requester, request.recipient]


def _people(session: Session, *keys: str) -> list[Participant]:
    return [session.scalar(select(Participant).where(Participant.key == key)) for key in keys]


def _codes_and_texts(refusals: list) -> list[tuple[str, str]]:
    return [(r.code, refusal_text(EN, r, TZ)) for r in refusals]


def _messages(session: Session, key: str, slot: int, table: int | None) -> list[tuple[str, str]]:
    b2b = session.scalar(select(B2BSession))
    return _codes_and_texts(check_slot(session, _request_people(session, key), b2b, slot, table).refusals)


@pytest.mark.parametrize(
    ("request_key", "slot", "table", "expected"),
    [
        ("r-2", 6, 0, [("slot_outside", "Slot 7 is outside B2B afternoon, which has 6 slots.")]),
        ("r-2", 3, 2, [("table_outside", "Table 3 does not exist in B2B afternoon, which has 2 tables.")]),
        ("r-2", 4, 1, []),
        ("r-2", 4, 0, [("hosted_table", "Hanako Sato keeps table 2.")]),
        (
            "r-2",
            0,
            0,
            [
                (
                    "programme",
                    "Jonas Weber is at “Health data workshop” (programme) at 2:00\u202fPM.",
                ),
                ("not_arrived", "Hanako Sato only arrives at May 27, 2025, 2:30\u202fPM."),
                ("hosted_table", "Hanako Sato keeps table 2."),
            ],
        ),
        ("r-2", 5, None, [("departed", "Jonas Weber leaves at May 27, 2025, 4:00\u202fPM.")]),
        (
            "r-2",
            2,
            1,
            [
                ("clash", "Hanako Sato is already in a meeting at 2:40\u202fPM (table 2)."),
                (
                    "table_taken",
                    "Table 2 is already taken at 2:40\u202fPM (Anne Muller, 太郎 山田, Hanako Sato).",
                ),
            ],
        ),
        ("r-3", 2, 0, [("interpreter", "No fr-ja interpreter is left at 2:40\u202fPM.")]),
        ("r-3", 1, 0, []),
        (
            "r-4",
            1,
            0,
            [
                (
                    "no_language",
                    "Pedro Costa, Kenji Ito share no language and B2B afternoon has no interpreter for them.",
                )
            ],
        ),
    ],
)
def test_each_rule_is_named_with_its_exact_message(
    factory: sessionmaker[Session], request_key: str, slot: int, table: int | None, expected: list
) -> None:
    with factory() as session:
        assert _messages(session, request_key, slot, table) == expected


def test_an_absence_with_its_reason(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))
        refusals = check_slot(session, _people(session, "p-1", "p-5"), b2b, 3, 0).refusals
        assert _codes_and_texts(refusals) == [
            (
                "unavailable",
                "Anne Muller is unavailable from May 27, 2025, 3:00\u202fPM "
                "to May 27, 2025, 3:40\u202fPM: call.",
            )
        ]


def test_a_full_slot_without_a_table_asked_for(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = session.scalar(select(B2BSession))
        luc = _people(session, "p-6")
        session.add(Meeting(mission_id=b2b.mission_id, session=b2b, slot=2, table=0, participants=luc))
        session.flush()
        refusals = check_slot(session, _people(session, "p-2", "p-5"), b2b, 2, None).refusals
        assert _codes_and_texts(refusals) == [("tables_full", "All 2 tables are taken at 2:40\u202fPM.")]


def test_first_free_table_and_interpreter_are_chosen(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))
        checked = check_slot(session, _request_people(session, "r-3"), b2b, 4, None)
        assert (checked.refusals, checked.table, checked.interpreter) == ([], 0, "fr-ja")
        jonas_sato = check_slot(session, _request_people(session, "r-2"), b2b, 4, None)
        assert (jonas_sato.refusals, jonas_sato.table, jonas_sato.interpreter) == ([], 1, None)


def test_a_hosts_meeting_waits_for_the_hosts_table_even_with_another_free(
    factory: sessionmaker[Session],
) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))  # slot 2: m-1 at Yamada and Sato's table 2, table 1 free
        checked = check_slot(session, _request_people(session, "r-2"), b2b, 2, None)
        assert checked.table == 1
        assert _codes_and_texts(checked.refusals) == [
            ("clash", "Hanako Sato is already in a meeting at 2:40\u202fPM (table 2)."),
            (
                "table_taken",
                "Table 2 is already taken at 2:40\u202fPM (Anne Muller, 太郎 山田, Hanako Sato).",
            ),
        ]


def test_moments_with_their_day_in_french_and_japanese(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))
        (refusal,) = check_slot(session, _people(session, "p-1", "p-5"), b2b, 3, 0).refusals
        texts = [refusal_text(Translator(language), refusal, TZ) for language in ("fr", "ja")]
        assert texts == [
            "Anne Muller est indisponible du 27 mai 2025, 15:00 au 27 mai 2025, 15:40 : call.",
            "Anne Mullerは2025/05/27 15:00から2025/05/27 15:40まで参加できません：call。",
        ]


def test_the_kept_table_refusal_in_french_and_japanese(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))
        (refusal,) = check_slot(session, _request_people(session, "r-2"), b2b, 4, 0).refusals
        texts = [refusal_text(Translator(language), refusal, TZ) for language in ("fr", "ja")]
        assert texts == ["Hanako Sato garde la table 2.", "Hanako Sato はテーブル 2 を確保しています。"]


def test_a_meeting_is_not_in_its_own_way(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        b2b = session.scalar(select(B2BSession))
        m1 = session.scalar(select(Meeting).where(Meeting.key == "m-1"))
        overview = check_slots(session, list(m1.participants), b2b, besides=m1)
        assert {slot: [r.code for r in why] for slot, why in overview.items()} == {
            0: ["not_arrived"],
            1: ["not_arrived"],
            2: [],
            3: ["unavailable"],
            4: [],
            5: [],
        }
