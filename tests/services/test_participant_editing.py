"""An organiser adds and edits participants and organisations: the import's rules, every wrong field named,
nothing written on a refusal (on SQLite and PostgreSQL)."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Mission, Organisation, Participant
from missionmatch.models.enums import Side
from missionmatch.services.mission_import import import_mission
from missionmatch.services.organisation_editing import save_organisation
from missionmatch.services.participant_editing import ParticipantInput, save_participant
from missionmatch.services.setup_fields import FieldError, SetupRejected
from tests.factories import small_mission


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    return session_factory


def _mission(session: Session) -> Mission:
    return session.scalars(select(Mission).where(Mission.slug == "test-osaka")).one()


def _organisation(session: Session, key: str) -> Organisation:
    return session.scalars(select(Organisation).where(Organisation.key == key)).one()


def _person(session: Session, key: str) -> Participant:
    return session.scalars(select(Participant).where(Participant.key == key)).one()


def _form(session: Session, **values: str) -> dict[str, str]:
    return {
        "first_name": "Léa",
        "last_name": "Schmit",
        "email": "Lea.Schmit@luxsat.example.lu",
        "organisation": str(_organisation(session, "lu-sat").id),
        "job_title": "COO",
        "profile_language": "fr",
        "offers": "Stations sol",
        "needs": "",
        **values,
    }


def _refused(session: Session, participant: Participant | None, form: ParticipantInput) -> dict[str, str]:
    with pytest.raises(SetupRejected) as refused:
        save_participant(session, _mission(session), participant, form)
    session.rollback()
    return {name: error.code for name, error in refused.value.errors.items()}


def test_an_organiser_adds_a_participant_with_everything(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        values = _form(
            session,
            arrives_at="2025-05-26T18:00",
            departs_at="2025-05-30T09:00",
            unavailable_0_starts="2025-05-27T14:00",
            unavailable_0_ends="2025-05-27T15:00",
            unavailable_0_reason="Embassy",
            unavailable_1_starts="",
            unavailable_1_ends="",
            max_meetings="4",
            hosted_table="3",
        )
        save_participant(session, _mission(session), None, ParticipantInput(values, ["fr", "en"], ["space"]))
    with factory() as session:
        lea = session.scalars(
            select(Participant).where(Participant.email == "lea.schmit@luxsat.example.lu")
        ).one()
        assert (lea.first_name, lea.last_name, lea.job_title, lea.organisation.key) == (
            "Léa",
            "Schmit",
            "COO",
            "lu-sat",
        )
        assert (lea.arrives_at, lea.departs_at) == (dt.datetime(2025, 5, 26, 18), dt.datetime(2025, 5, 30, 9))
        windows = [(w.starts_at, w.ends_at, w.reason) for w in lea.unavailability]
        assert windows == [(dt.datetime(2025, 5, 27, 14), dt.datetime(2025, 5, 27, 15), "Embassy")]
        assert (lea.min_meetings, lea.max_meetings, lea.hosted_table, lea.languages) == (
            None,
            4,
            3,
            ["fr", "en"],
        )
        assert lea.profile is not None
        assert (lea.profile.language, lea.profile.offers, lea.profile.sectors) == (
            "fr",
            "Stations sol",
            ["space"],
        )


def test_every_wrong_field_is_named_and_nothing_is_written(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        values = _form(
            session,
            first_name="",
            email="anne.muller@LUXSAT.example.lu",
            organisation="999999",
            departs_at="2025-05-25T09:00",
            arrives_at="2025-05-26T09:00",
            unavailable_0_starts="2025-05-27T15:00",
            unavailable_0_ends="2025-05-27T14:00",
            min_meetings="3",
            max_meetings="2",
            timezone="Mars/Olympus",
            job_title="A\x00B",
            profile_language="xx",
        )
        errors = _refused(session, None, ParticipantInput(values, ["kl"], ["basket-weaving"]))
    assert errors == {
        "first_name": "required",
        "email": "email_taken",
        "organisation": "unknown_organisation",
        "departs_at": "end_before_start",
        "unavailable_0_ends": "end_before_start",
        "max_meetings": "max_below_min",
        "timezone": "unknown_timezone",
        "job_title": "control_character",
        "profile_language": "profile_language",
        "profile_sectors": "profile_sectors",
        "languages": "profile_language",
    }
    with factory() as session:
        assert len(_mission(session).participants) == 4


def test_the_hosted_table_of_another_organisation_is_refused(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        errors = _refused(session, None, ParticipantInput(_form(session, hosted_table="2")))
        assert errors == {"hosted_table": "table_taken"}
        errors = _refused(session, None, ParticipantInput(_form(session, email="no-at-sign")))
        assert errors == {"email": "email_format"}


def test_editing_keeps_the_email_and_replaces_the_windows(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        anne = _person(session, "p-1")
        values = _form(session, email="anne.muller@luxsat.example.lu", first_name="Anne", last_name="Muller")
        save_participant(session, _mission(session), anne, ParticipantInput(values, ["fr"], []))
    with factory() as session:
        anne = _person(session, "p-1")
        assert (anne.email, anne.unavailability, anne.languages) == (
            "anne.muller@luxsat.example.lu",
            [],
            ["fr"],
        )


def test_a_participant_with_meetings_does_not_change_side(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        anne = _person(session, "p-1")
        host = str(_organisation(session, "jp-orbital").id)
        values = _form(session, email=anne.email, organisation=host)
        assert _refused(session, anne, ParticipantInput(values)) == {"organisation": "side_in_use"}


def test_an_organisation_is_added_and_edited(factory: sessionmaker[Session]) -> None:
    values = {
        "name": "Orbit Lab",
        "side": "host",
        "country": "jp",
        "city": "Osaka",
        "website": "",
        "size": "sme",
    }
    with transaction(factory) as session:
        save_organisation(session, _mission(session), None, values, ["space", "ai"])
    with transaction(factory) as session:
        found = session.scalars(select(Organisation).where(Organisation.name == "Orbit Lab")).one()
        assert (found.side, found.country, found.sectors, found.size.value if found.size else None) == (
            Side.HOST,
            "JP",
            ["space", "ai"],
            "sme",
        )
        save_organisation(session, _mission(session), found, {**values, "side": "delegation", "size": ""}, [])
    with factory() as session:
        found = session.scalars(select(Organisation).where(Organisation.name == "Orbit Lab")).one()
        assert (found.side, found.sectors, found.size) == (Side.DELEGATION, [], None)


def test_an_organisation_is_refused_by_field(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        orbital = _organisation(session, "jp-orbital")
        bad = {"name": "luxsat services", "side": "delegation", "country": "Japan", "size": "huge"}
        with pytest.raises(SetupRejected) as refused:
            save_organisation(session, _mission(session), orbital, bad, ["nope"])
    assert refused.value.errors == {
        "name": FieldError("organisation_exists"),
        "side": FieldError("side_in_use"),
        "country": FieldError("country"),
        "size": FieldError("unknown_size"),
        "sectors": FieldError("unknown_sector"),
    }
