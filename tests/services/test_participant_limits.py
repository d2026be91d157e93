"""Meeting limits and hosted tables, checked in one place: the rules, the organiser's form, the document."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Participant
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_import import import_mission
from missionmatch.services.participant_limits import (
    MeetingLimits,
    TableHolder,
    check_limits,
    describe,
    read_cells,
    set_limits,
    whole_number,
)
from missionmatch.services.setup_fields import FieldError, SetupRejected
from tests.factories import small_mission

TAKEN = {2: TableHolder("jp-orbital", "Taro Yamada (Kansai Orbital KK)")}


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
    return sqlite_factory


def _person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def _stored(factory: sessionmaker[Session], key: str) -> tuple[int | None, int | None, int | None]:
    with factory() as session:
        person = _person(session, key)
        return person.min_meetings, person.max_meetings, person.hosted_table


def test_no_limit_and_no_table_is_always_fine() -> None:
    assert check_limits(MeetingLimits(), None, "lu-sat", TAKEN) == {}


@pytest.mark.parametrize(
    ("limits", "errors"),
    [
        (
            MeetingLimits(-1, -2),
            {"min_meetings": FieldError("negative"), "max_meetings": FieldError("negative")},
        ),
        (MeetingLimits(6, 5), {"max_meetings": FieldError("max_below_min", {"min": 6})}),
        (MeetingLimits(5, 5), {}),
        (MeetingLimits(hosted_table=0), {"hosted_table": FieldError("table_number")}),
        (
            MeetingLimits(hosted_table=5),
            {"hosted_table": FieldError("table_missing", {"table": 5, "tables": 4})},
        ),
        (MeetingLimits(hosted_table=4), {}),
        (
            MeetingLimits(hosted_table=2),
            {
                "hosted_table": FieldError(
                    "table_taken", {"table": 2, "holder": "Taro Yamada (Kansai Orbital KK)"}
                )
            },
        ),
    ],
)
def test_each_rule_names_its_field(limits: MeetingLimits, errors: dict[str, FieldError]) -> None:
    assert check_limits(limits, 4, "lu-sat", TAKEN) == errors


def test_two_people_of_one_organisation_share_their_table() -> None:
    assert check_limits(MeetingLimits(hosted_table=2), 4, "jp-orbital", TAKEN) == {}


def test_without_any_session_a_table_is_only_checked_against_others() -> None:
    assert check_limits(MeetingLimits(hosted_table=40), None, "lu-sat", {}) == {}


def test_english_texts_of_the_codes() -> None:
    assert [
        describe(FieldError("max_below_min", {"min": 6})),
        describe(FieldError("table_missing", {"table": 5, "tables": 4})),
        describe(FieldError("table_taken", {"table": 2, "holder": "Taro Yamada (Kansai Orbital KK)"})),
        describe(FieldError("whole_number", {"value": "two"})),
    ] == [
        "is below the minimum (6)",
        "table 5 does not exist: the smallest B2B session has 4 tables",
        "table 2 is already kept by Taro Yamada (Kansai Orbital KK)",
        "'two' is not a whole number",
    ]


@pytest.mark.parametrize(
    ("text", "value"), [("", None), (" 3 ", 3), ("3.0", 3), ("-1", -1), ("0", 0), ("１２", 12)]
)
def test_cells_hold_whole_numbers(text: str, value: int | None) -> None:
    assert whole_number(text) == value


@pytest.mark.parametrize("text", ["two", "3.5", "3.", "1_0", "٣", "1e2"])
def test_other_cells_are_not_whole_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        whole_number(text)


def test_a_sheet_row_reads_its_cells_and_names_the_unreadable_ones() -> None:
    limits, errors = read_cells({"min_meetings": "2", "max_meetings": "lots"})
    assert (limits, errors) == (
        MeetingLimits(2, None, None),
        {"max_meetings": FieldError("whole_number", {"value": "lots"})},
    )


def test_the_form_writes_the_three_values_and_blanks_clear_them(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        set_limits(
            session, _person(session, "p-2"), {"min_meetings": "2", "max_meetings": "8", "hosted_table": "3"}
        )
    assert _stored(factory, "p-2") == (2, 8, 3)
    with transaction(factory) as session:
        set_limits(
            session, _person(session, "p-2"), {"min_meetings": " ", "max_meetings": "", "hosted_table": ""}
        )
    assert _stored(factory, "p-2") == (None, None, None)


def test_the_form_names_every_unreadable_field_and_writes_nothing(factory: sessionmaker[Session]) -> None:
    form = {"min_meetings": "-1", "max_meetings": "many", "hosted_table": "0"}
    with pytest.raises(SetupRejected) as rejected, transaction(factory) as session:
        set_limits(session, _person(session, "p-1"), form)
    assert rejected.value.errors == {
        "min_meetings": FieldError("number", {"low": 0, "high": 1000}),
        "max_meetings": FieldError("number", {"low": 0, "high": 1000}),
        "hosted_table": FieldError("number", {"low": 1, "high": 1000}),
    }
    assert _stored(factory, "p-1") == (0, 5, None)


def test_the_form_refuses_another_organisations_table_and_a_table_of_no_session(
    factory: sessionmaker[Session],
) -> None:
    with pytest.raises(SetupRejected) as rejected, transaction(factory) as session:
        set_limits(
            session, _person(session, "p-1"), {"min_meetings": "4", "max_meetings": "3", "hosted_table": "2"}
        )
    assert rejected.value.errors == {
        "max_meetings": FieldError("max_below_min", {"min": 4}),
        "hosted_table": FieldError("table_taken", {"table": 2, "holder": "太郎 山田 (Kansai Orbital KK)"}),
    }
    with pytest.raises(SetupRejected) as rejected, transaction(factory) as session:
        set_limits(session, _person(session, "p-1"), {"hosted_table": "5"})
    assert rejected.value.errors == {"hosted_table": FieldError("table_missing", {"table": 5, "tables": 4})}
    assert _stored(factory, "p-1") == (0, 5, None)


def test_the_smallest_session_decides_which_tables_exist(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        b2b = session.scalars(select(B2BSession)).one()
        session.add(
            B2BSession(
                mission=b2b.mission,
                name="Small room",
                starts_at=b2b.starts_at,
                slot_minutes=20,
                slot_count=3,
                tables=3,
            )
        )
    with pytest.raises(SetupRejected) as rejected, transaction(factory) as session:
        set_limits(session, _person(session, "p-2"), {"hosted_table": "4"})
    assert rejected.value.errors == {"hosted_table": FieldError("table_missing", {"table": 4, "tables": 3})}
    with transaction(factory) as session:
        set_limits(session, _person(session, "p-2"), {"hosted_table": "3"})
    assert _stored(factory, "p-2") == (None, None, 3)


def test_a_colleague_may_keep_the_same_table(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        set_limits(session, _person(session, "p-4"), {"hosted_table": "2", "max_meetings": "6"})
    assert _stored(factory, "p-4") == (None, 6, 2)


def test_a_document_names_every_wrong_limit_of_every_participant() -> None:
    document = small_mission()
    anne, jonas, _, hanako = document["participants"]
    anne.update(min_meetings=7, max_meetings=5, hosted_table=5)
    jonas.update(min_meetings="2", max_meetings=True, hosted_table=2)
    hanako.update(hosted_table=0)
    assert [str(p) for p in validate(document)] == [
        "participants[0], max_meetings: is below the minimum (7)",
        "participants[0], hosted_table: table 5 does not exist: the smallest B2B session has 4 tables",
        "participants[1], min_meetings: must be a whole number or null",
        "participants[1], max_meetings: must be a whole number or null",
        "participants[2], hosted_table: table 2 is already kept by p-2 (organisation lu-health)",
        "participants[3], hosted_table: must be 1 or more (tables are numbered from 1)",
    ]


def test_a_document_without_the_fields_has_no_limits(factory: sessionmaker[Session]) -> None:
    document = small_mission(name="Older document", slug="older")
    for person in document["participants"]:
        del person["min_meetings"], person["max_meetings"], person["hosted_table"]
    assert validate(document) == []
    with transaction(factory) as session:
        mission = import_mission(session, document)
        assert {(p.min_meetings, p.max_meetings, p.hosted_table) for p in mission.participants} == {
            (None, None, None)
        }
