"""The import's service: the suggested mapping (English, French, Japanese headers, then the mission's saved
choice), the preview's classification of every row, applying in one transaction, re-imports that update."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Organisation, Participant
from missionmatch.services import import_apply, import_changes
from missionmatch.services.import_apply import PreviewOutdated, apply_import
from missionmatch.services.import_changes import Change
from missionmatch.services.import_mapping import (
    ColumnChoice,
    choice_from_columns,
    save_choice,
    suggest_choice,
)
from missionmatch.services.import_plan import plan_import
from missionmatch.services.mission_import import import_mission
from missionmatch.services.problems import InputRejected
from missionmatch.services.tabular import read_upload
from tests.factories import small_mission

HEADER = "email,first_name,last_name,organisation,side,job_title,languages,max_meetings,city\n"
ANNE = "anne.muller@luxsat.example.lu"


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission)).one()


def _choice(session: Session, text: str, **options: object) -> ColumnChoice:
    sheet = read_upload("people.csv", text.encode())
    suggested = suggest_choice(session, _mission(session), sheet.headers)
    return ColumnChoice(suggested.columns, **options)  # type: ignore[arg-type]


def _plan(factory: sessionmaker[Session], text: str, **options: object):  # type: ignore[no-untyped-def]
    with factory() as session:
        return plan_import(
            session,
            _mission(session),
            read_upload("people.csv", text.encode()),
            _choice(session, text, **options),
        )


def _apply(factory: sessionmaker[Session], text: str, expected: str | None = None, **options: object):  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        sheet = read_upload("people.csv", text.encode())
        return apply_import(session, _mission(session), sheet, _choice(session, text, **options), expected)


def _count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count(Participant.id)))


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("E-mail,First name,Last name,Company", ["email", "first_name", "last_name", "organisation"]),
        ("Courriel,Prénom,Nom,Société", ["email", "first_name", "last_name", "organisation"]),
        ("メールアドレス,名,姓,会社名", ["email", "first_name", "last_name", "organisation"]),
        ("氏名,Eメール,企業名,Notes", ["full_name", "email", "organisation"]),
    ],
)
def test_the_mapping_is_suggested_from_headers_in_three_languages(
    factory: sessionmaker[Session], headers: str, expected: list[str]
) -> None:
    with factory() as session:
        choice = suggest_choice(session, _mission(session), headers.split(","))
    assert list(choice.columns) == expected
    assert list(choice.columns.values()) == headers.split(",")[: len(expected)]


def test_the_saved_mapping_is_suggested_before_the_known_names(factory: sessionmaker[Session]) -> None:
    chosen = choice_from_columns(
        ["Contact", "Prénom", "Nom", "Société", "Société mère"],
        ["email", "first_name", "last_name", "", "organisation"],
        "email",
        True,
    )
    with transaction(factory) as session:
        save_choice(session, _mission(session), chosen)
    with factory() as session:
        suggested = suggest_choice(
            session, _mission(session), ["CONTACT", "Prénom", "Nom", "Société", "Société mère"]
        )
    # Contact is the e-mail now, Société was left out, Société mère holds the organisation
    assert suggested.columns == {
        "email": "CONTACT",
        "first_name": "Prénom",
        "last_name": "Nom",
        "organisation": "Société mère",
    }


def test_a_mapping_with_a_field_twice_or_a_missing_field_is_refused() -> None:
    with pytest.raises(InputRejected) as rejected:
        choice_from_columns(["A", "B", "C"], ["email", "email", "organisation"], "key", True)
    assert [(p.field, p.reason) for p in rejected.value.problems] == [
        ("B", "same_field:A"),
        ("key", "missing"),
        ("first_name", "missing"),
        ("last_name", "missing"),
    ]


def test_the_preview_classifies_every_row_and_names_every_bad_cell(factory: sessionmaker[Session]) -> None:
    text = (
        HEADER
        + f"{ANNE},Anne,Muller,LuxSat Services,,Founder,fr;de;en,5,\n"  # row 2: title changes
        + "jonas.weber@sante.example.lu,Jonas,Weber,Santé Data Lux,,,,,\n"  # row 3: blank cells keep
        + "ken@kk.example.jp,Ken,Ito,Osaka Robotics,host,,ja,,Osaka\n"  # row 4: new
        + "bad-address,A,B,Org,host,,,,\n"  # row 5
        + "x@kk.example.jp,X,Y,Osaka Robotics,delegation,,,many,\n"  # row 6
        + "ken@kk.example.jp,Ken,Again,Osaka Robotics,,,,,\n"  # row 7
    )
    plan = _plan(factory, text)
    assert [(r.number, r.action) for r in plan.rows] == [(2, "update"), (3, "unchanged"), (4, "add")]
    assert plan.rows[0].changes == [Change("job_title", "CEO", "Founder")]
    assert plan.new_organisations == ["Osaka Robotics"]
    assert [str(p) for p in plan.problems] == [
        "row 5, email: 'bad-address' is not an e-mail address",
        "row 6, side: Osaka Robotics is already on the host side",
        "row 6, max_meetings: 'many' is not a whole number",
        "row 7, email: ken@kk.example.jp appears twice (also row 4)",
    ]


def test_an_organisation_change_is_shown_once_and_a_contradiction_refused(
    factory: sessionmaker[Session],
) -> None:
    text = (
        HEADER
        + f"{ANNE},Anne,Muller,LuxSat Services,,,,,Esch\n"
        + "jonas.weber@sante.example.lu,Jonas,Weber,LuxSat Services,,,,,Esch\n"
        + "new@luxsat.example.lu,New,Person,LuxSat Services,,,,,Luxembourg\n"
    )
    plan = _plan(factory, text)
    assert plan.rows[0].changes == [Change("city", "Betzdorf", "Esch")]
    assert plan.rows[1].changes == [Change("organisation", "Santé Data Lux", "LuxSat Services")]
    assert [str(p) for p in plan.problems] == ["row 4, city: LuxSat Services has 'Esch' on row 2"]


def test_a_re_import_updates_by_e_mail_and_leaves_blank_cells_alone(factory: sessionmaker[Session]) -> None:
    text = HEADER + f"{ANNE},Anne,Muller-Klein,LuxSat Services,,,fr,3,\n"
    report = _apply(factory, text)
    assert (report.created_participants, report.updated_participants, report.unchanged_participants) == (
        0,
        1,
        0,
    )
    with factory() as session:
        anne = session.scalar(select(Participant).where(Participant.email == ANNE))
        assert (anne.last_name, anne.languages, anne.max_meetings, anne.job_title) == (
            "Muller-Klein",
            ["fr"],
            3,
            "CEO",
        )
    again = _apply(factory, text)
    assert (again.updated_participants, again.unchanged_participants) == (0, 1)
    assert _count(factory) == 4


def test_a_re_import_by_key_changes_the_e_mail(factory: sessionmaker[Session]) -> None:
    text = (
        "key,email,first_name,last_name,organisation\np-1,anne@new.example.lu,Anne,Muller,LuxSat Services\n"
    )
    plan = _plan(factory, text, key_field="key")
    assert [(r.action, r.changes) for r in plan.rows] == [
        ("update", [Change("email", ANNE, "anne@new.example.lu")])
    ]
    _apply(factory, text, key_field="key")
    with factory() as session:
        assert (
            session.scalar(select(Participant.email).where(Participant.key == "p-1")) == "anne@new.example.lu"
        )


def test_add_only_refuses_a_registered_participant(factory: sessionmaker[Session]) -> None:
    plan = _plan(factory, HEADER + f"{ANNE},Anne,Muller,LuxSat Services,,,,,\n", update=False)
    assert [str(p) for p in plan.problems] == [f"row 2, email: {ANNE} is already registered in this mission"]


def test_apply_refuses_a_plan_that_changed_since_the_preview(factory: sessionmaker[Session]) -> None:
    text = (
        HEADER
        + f"{ANNE},Anne,Muller,LuxSat Services,,Founder,,,\n"
        + "ken@kk.example.jp,Ken,Ito,Osaka Robotics,host,,,,\n"
    )
    seen = _plan(factory, text).fingerprint()
    assert _plan(factory, text).fingerprint() == seen  # the same data: the same plan
    with transaction(factory) as session:
        session.scalar(select(Participant).where(Participant.email == ANNE)).job_title = "Founder"
    with pytest.raises(PreviewOutdated):
        _apply(factory, text, seen)
    assert _count(factory) == 4
    assert _apply(factory, text, _plan(factory, text).fingerprint()).created_participants == 1


def test_a_row_failing_while_written_leaves_nothing_written(
    factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        HEADER
        + f"{ANNE},Anne,Muller,LuxSat Services,,Founder,,,\n"
        + "ken@kk.example.jp,Ken,Ito,Osaka Robotics,host,,,,\n"
        + "ito@kk.example.jp,Aki,Ito,Osaka Robotics,host,,,,\n"
    )
    written: list[str] = []
    real = import_changes.write_person

    def failing_on_the_third(person, values, organisation):  # type: ignore[no-untyped-def]
        written.append(values["email"])
        if len(written) == 3:
            raise RuntimeError("disk full")
        real(person, values, organisation)

    monkeypatch.setattr(import_apply, "write_person", failing_on_the_third)
    with pytest.raises(RuntimeError):
        _apply(factory, text)
    assert written == [ANNE, "ken@kk.example.jp", "ito@kk.example.jp"]
    with factory() as session:
        assert session.scalar(select(Participant.job_title).where(Participant.email == ANNE)) == "CEO"
        assert (
            session.scalar(select(func.count(Organisation.id)).where(Organisation.name == "Osaka Robotics"))
            == 0
        )
    assert _count(factory) == 4
