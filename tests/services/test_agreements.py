"""The agreements register: fields named when wrong, statuses only along the allowed steps, every step
appended to the history in order, and two organisers changing one agreement at once (both databases)."""

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Agreement, Mission, Organisation
from missionmatch.models.enums import AgreementKind, AgreementStatus
from missionmatch.services import agreements as service
from missionmatch.services.agreement_fields import AgreementInput, SignatoryInput, read_agreement
from missionmatch.services.mission_import import import_mission
from missionmatch.services.setup_fields import SetupRejected
from tests.factories import small_mission

S = AgreementStatus
NOON = dt.datetime(2025, 5, 29, 3, 0, tzinfo=dt.UTC)


def _mission(session: Session, slug: str = "test-osaka") -> Mission:
    return session.scalar(select(Mission).where(Mission.slug == slug))


def _org(mission: Mission, key: str) -> Organisation:
    return next(o for o in mission.organisations if o.key == key)


def _input(mission: Mission, **changes: object) -> AgreementInput:
    values: dict[str, object] = {
        "title": " LoI on ground stations ",
        "kind": "letter_of_intent",
        "party_ids": [str(_org(mission, "lu-sat").id), str(_org(mission, "jp-orbital").id)],
        "meeting_ids": [str(mission.meetings[0].id)],
        "signatories": [
            SignatoryInput("Anne Muller", "CEO", str(_org(mission, "lu-sat").id)),
            SignatoryInput(),
        ],
    }
    return AgreementInput(**{**values, **changes})  # type: ignore[arg-type]


@pytest.fixture
def factory(sqlite_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(sqlite_factory) as session:
        import_mission(session, small_mission())
        import_mission(session, small_mission(name="Other", slug="other"))
    return sqlite_factory


def _create(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        mission = _mission(session)
        created = service.create_agreement(
            session, mission, read_agreement(mission, _input(mission)), by="o@a.lu", now=NOON
        )
        return created.id


def test_a_new_agreement_is_a_draft_with_its_fields_and_one_history_entry(
    factory: sessionmaker[Session],
) -> None:
    agreement_id = _create(factory)
    with factory() as session:
        a = session.get(Agreement, agreement_id)
        assert (a.title, a.kind, a.status, a.confidential, a.signed_on) == (
            "LoI on ground stations",
            AgreementKind.LETTER_OF_INTENT,
            S.DRAFT,
            False,
            None,
        )
        assert [o.key for o in a.parties] == ["lu-sat", "jp-orbital"]
        assert [m.key for m in a.meetings] == ["m-1"]
        assert [(s.name, s.title, s.organisation.key) for s in a.signatories] == [
            ("Anne Muller", "CEO", "lu-sat")
        ]
        assert [(c.status, c.changed_at, c.changed_by) for c in a.history] == [(S.DRAFT, NOON, "o@a.lu")]


def test_every_status_change_is_appended_in_order(factory: sessionmaker[Session]) -> None:
    agreement_id = _create(factory)
    steps = [
        (S.DRAFT, S.NEGOTIATING, "talks"),
        (S.NEGOTIATING, S.SIGNED, "signed at the Expo"),
        (S.SIGNED, S.IN_FORCE, ""),
    ]
    for hour, (seen, to, note) in enumerate(steps, start=1):
        with transaction(factory) as session:
            a = session.get(Agreement, agreement_id)
            service.change_status(
                session,
                a,
                to,
                seen=seen,
                by="b@a.lu",
                now=NOON + dt.timedelta(hours=hour),
                note=note,
                signed_on=dt.date(2025, 5, 30),
            )
    with factory() as session:
        a = session.get(Agreement, agreement_id)
        assert (a.status, a.signed_on) == (S.IN_FORCE, dt.date(2025, 5, 30))
        assert [(c.status, c.changed_at.hour, c.note) for c in a.history] == [
            (S.DRAFT, 3, ""),
            (S.NEGOTIATING, 4, "talks"),
            (S.SIGNED, 5, "signed at the Expo"),
            (S.IN_FORCE, 6, ""),
        ]


@pytest.mark.parametrize(
    ("seen", "to", "signed_on", "field", "code"),
    [
        (S.DRAFT, S.IN_FORCE, dt.date(2025, 5, 30), "status", "transition"),  # not signed yet
        (S.SIGNED, S.IN_FORCE, dt.date(2025, 5, 30), "status", "changed_meanwhile"),  # it is a draft
        (S.DRAFT, S.SIGNED, None, "signed_on", "signed_on_required"),
    ],
)
def test_a_wrong_status_change_is_refused_naming_the_field_and_nothing_is_recorded(
    factory: sessionmaker[Session], seen: S, to: S, signed_on: dt.date | None, field: str, code: str
) -> None:
    agreement_id = _create(factory)
    with transaction(factory) as session, pytest.raises(SetupRejected) as refused:
        service.change_status(
            session,
            session.get(Agreement, agreement_id),
            to,
            seen=seen,
            by="",
            now=NOON,
            signed_on=signed_on,
        )
    assert [(name, e.code) for name, e in refused.value.errors.items()] == [(field, code)]
    with factory() as session:
        assert [c.status for c in session.get(Agreement, agreement_id).history] == [S.DRAFT]


def test_every_wrong_field_is_named(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        mission, other = _mission(session), _mission(session, "other")
        stranger = str(_org(other, "lu-sat").id)  # an organisation of another mission
        raw = _input(
            mission,
            title=" ",
            kind="treaty",
            signed_on="30/05/2025",
            party_ids=[stranger],
            meeting_ids=[str(other.meetings[0].id)],
            signatories=[
                SignatoryInput("", "CEO"),
                SignatoryInput("Bob", "", str(_org(mission, "lu-sat").id)),
            ],
        )
        with pytest.raises(SetupRejected) as refused:
            read_agreement(mission, raw)
    assert {name: e.code for name, e in refused.value.errors.items()} == {
        "title": "required",
        "kind": "unknown_agreement_kind",
        "signed_on": "date",
        "parties": "unknown_organisation",
        "meetings": "unknown_meeting",
        "signatories": "signatory_name",
    }
    assert refused.value.errors["signatories"].values == {"row": 1}


def test_a_signatory_signs_for_a_party(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        mission = _mission(session)
        raw = _input(mission, party_ids=[str(_org(mission, "jp-orbital").id)])  # Anne's LuxSat is no party
        with pytest.raises(SetupRejected) as refused:
            read_agreement(mission, raw)
    assert [(n, e.code, e.values) for n, e in refused.value.errors.items()] == [
        ("signatories", "signatory_not_party", {"row": 1})
    ]


def test_the_register_filters_by_status_kind_and_party(
    factory: sessionmaker[Session],
) -> None:
    agreement_id = _create(factory)
    with transaction(factory) as session:
        mission = _mission(session)
        lu_health = _org(mission, "lu-health").id
        assert [a.key for a in service.register(session, mission)] == [
            "a-1",
            session.get(Agreement, agreement_id).key,
        ]
        kinds = service.register(session, mission, service.RegisterFilter(kind=AgreementKind.MOU))
        assert [a.key for a in kinds] == ["a-1"]
        assert service.register(session, mission, service.RegisterFilter(organisation_id=lu_health)) == []
        drafts = service.register(session, mission, service.RegisterFilter(status=S.DRAFT))
        assert [a.id for a in drafts] == [agreement_id]


def test_two_organisers_changing_one_agreement_at_once_take_turns(
    session_factory: sessionmaker[Session],
) -> None:
    """The second waits for the first's lock, then sees the status it was not shown and is refused."""
    with transaction(session_factory) as session:
        import_mission(session, small_mission())
    agreement_id = _create(session_factory)
    outcome: list[str] = []

    def second() -> None:
        with session_factory() as session:
            try:
                a = session.get(Agreement, agreement_id)
                service.change_status(session, a, S.ABANDONED, seen=S.DRAFT, by="b", now=NOON)
                session.commit()
                outcome.append("abandoned")
            except SetupRejected as refused:
                outcome.append(refused.errors["status"].code)

    with session_factory() as first:
        a = first.get(Agreement, agreement_id)
        service.change_status(
            first, a, S.SIGNED, seen=S.DRAFT, by="a", now=NOON, signed_on=dt.date(2025, 5, 30)
        )
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(timeout=0.5)  # it waits on the lock held here
        first.commit()
    thread.join()
    assert outcome == ["changed_meanwhile"]
    with session_factory() as session:
        assert [(c.status, c.changed_by) for c in session.get(Agreement, agreement_id).history] == [
            (S.DRAFT, "o@a.lu"),
            (S.SIGNED, "a"),
        ]


def test_counts_by_status_list_every_status(factory: sessionmaker[Session]) -> None:
    _create(factory)
    with factory() as session:
        counts = service.counts_by_status(session, _mission(session))
    assert counts == {"draft": 1, "negotiating": 0, "signed": 1, "in_force": 0, "abandoned": 0}


def test_follow_up_counts_promised_and_done(factory: sessionmaker[Session]) -> None:
    from missionmatch.models import Feedback
    from missionmatch.services import follow_ups

    with transaction(factory) as session:
        mission = _mission(session)
        counts_before = follow_ups.counts(session, mission)
        anne = session.scalar(select(Feedback))
        follow_ups.mark_done(session, anne, True, NOON)
        follow_ups.mark_done(session, anne, True, NOON + dt.timedelta(days=1))  # keeps the first mark
        assert anne.follow_up_done_at == NOON
        counts_after = follow_ups.counts(session, mission)
    assert counts_before == {"call": (0, 0), "visit": (1, 0), "send_offer": (0, 0), "agreement": (0, 0)}
    assert counts_after == {"call": (0, 0), "visit": (1, 1), "send_offer": (0, 0), "agreement": (0, 0)}
