"""Organisers' veto and must-meet meetings, and the scheduler's weight for them, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Meeting, MeetingRequest, Mission, OutboxMail, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus
from missionmatch.services import meeting_requests as requests
from missionmatch.services import request_steering as steering
from missionmatch.services.mission_import import import_mission
from missionmatch.services.scheduling_candidates import MUTUAL_WEIGHT, ONE_SIDED_WEIGHT, candidates
from missionmatch.settings import MailSettings
from tests.factories import small_mission

MAIL = MailSettings()


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    document = small_mission()
    for part in ("agreements", "feedback"):
        document[part] = []
    with transaction(session_factory) as session:
        import_mission(session, document)
    return session_factory


def _people(session: Session) -> dict[str, Participant]:
    query = select(Participant).join(Mission).where(Mission.slug == "test-osaka")
    return {p.key: p for p in session.scalars(query)}


def _request(session: Session, key: str) -> MeetingRequest:
    return session.scalars(select(MeetingRequest).where(MeetingRequest.key == key)).one()


def _mails(session: Session) -> list[tuple[str, str]]:
    return [(m.recipient, m.subject) for m in session.scalars(select(OutboxMail).order_by(OutboxMail.id))]


def test_a_vetoed_request_stops_and_the_pair_cannot_ask_again(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        pending = _request(session, "r-2")  # Jonas -> Sato, pending, seen by Sato
        for reason, code in (("", "reason_required"), ("x" * 1001, "reason_too_long")):
            with pytest.raises(requests.RequestRefused, match=code):
                steering.veto_request(session, pending, reason, mail=MAIL)
        steering.veto_request(session, pending, " Competitors ", mail=MAIL)
        assert (pending.status, pending.rejection_reason) == (RequestStatus.VETOED, "Competitors")
        assert _mails(session) == [
            (people["p-2"].email, "Your meeting with Hanako Sato was stopped by the organisers"),
            (people["p-4"].email, "Jonas Weber さんとの面談は主催者により中止されました"),
        ]
        for sender, recipient in (("p-2", "p-4"), ("p-4", "p-2")):
            with pytest.raises(requests.RequestRefused, match="vetoed"):
                requests.send_request(session, people[sender], people[recipient], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="vetoed"):
            steering.add_must_meet(session, people["p-2"].mission, people["p-2"], people["p-4"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="not_pending"):
            steering.veto_request(session, pending, "again", mail=MAIL)


def test_a_veto_before_approval_tells_the_requester_only(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        people["p-2"].mission.requests_need_approval = True
        awaiting = requests.send_request(session, people["p-2"], people["p-3"], mail=MAIL)
        steering.veto_request(session, awaiting, "No", mail=MAIL)
        assert awaiting.reached_recipient is False
        assert awaiting not in requests.inbox(session, people["p-3"]).incoming
        assert [to for to, _ in _mails(session)] == [people["p-2"].email]


def test_vetoing_an_accepted_meeting_cancels_a_published_one_and_refuses_a_held_one(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        accepted = _request(session, "r-1")
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        meeting.status = MeetingStatus.HELD
    with transaction(factory) as session:
        with pytest.raises(requests.RequestRefused, match="already_held"):
            steering.veto_request(session, _request(session, "r-1"), "Too late", mail=MAIL)
        session.scalars(select(Meeting).where(Meeting.key == "m-1")).one().status = MeetingStatus.PUBLISHED
    with transaction(factory) as session:
        accepted = _request(session, "r-1")
        steering.veto_request(session, accepted, "Conflict of interest", mail=MAIL)
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        assert (accepted.status, meeting.status) == (RequestStatus.VETOED, MeetingStatus.CANCELLED)
        assert len(_mails(session)) == 2  # Anne and Yamada


def test_vetoing_a_suggested_draft_deletes_it_and_records_the_veto(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        draft = Meeting(
            mission_id=people["p-2"].mission_id,
            status=MeetingStatus.DRAFT,
            participants=[people["p-3"], people["p-2"]],
        )
        session.add(draft)
        session.flush()
        record = steering.veto_meeting(session, draft, "Not this pair", mail=MAIL)
        assert session.get(Meeting, draft.id) is None
        assert (record.requester, record.recipient, record.status) == (
            people["p-2"],
            people["p-3"],
            RequestStatus.VETOED,
        )
        with pytest.raises(requests.RequestRefused, match="vetoed"):
            requests.send_request(session, people["p-3"], people["p-2"], mail=MAIL)


def test_a_must_meet_is_accepted_drafted_mailed_and_outweighs_every_other_meeting(
    factory: sessionmaker[Session],
) -> None:
    with transaction(factory) as session:
        people = _people(session)
        mission = people["p-2"].mission
        other = requests.send_request(session, people["p-2"], people["p-3"], mail=MAIL)
        requests.accept_request(session, other, people["p-3"], mail=MAIL)
        session.query(OutboxMail).delete()
        pending = _request(session, "r-2")  # Jonas -> Sato: becomes the must-meet
        made = steering.add_must_meet(session, mission, people["p-4"], people["p-2"], mail=MAIL)
        assert made is pending
        assert (made.status, made.must_meet, made.expires_at) == (RequestStatus.ACCEPTED, True, None)
        drafts = session.scalars(select(Meeting).where(Meeting.request_id == made.id)).all()
        assert [(m.status, [p.key for p in m.participants]) for m in drafts] == [
            (MeetingStatus.DRAFT, ["p-2", "p-4"])
        ]
        assert [to for to, _ in _mails(session)] == [people["p-2"].email, people["p-4"].email]
        with pytest.raises(requests.RequestRefused, match="duplicate"):
            steering.add_must_meet(session, mission, people["p-2"], people["p-4"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="same_side"):
            steering.add_must_meet(session, mission, people["p-1"], people["p-2"], mail=MAIL)
        session.expire_all()
        found = {c.key: (c.source, c.weight) for c in candidates(mission, [])}
        assert found == {
            "m-1": ("published", MUTUAL_WEIGHT),
            other.key: ("request", ONE_SIDED_WEIGHT + 2),
            "r-2": ("must_meet", ONE_SIDED_WEIGHT + 2 + 1),
        }


def test_a_must_meet_between_strangers_is_a_new_request(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        people = _people(session)
        made = steering.add_must_meet(session, people["p-2"].mission, people["p-3"], people["p-2"], mail=MAIL)
        assert (made.requester, made.recipient, made.priority, made.status) == (
            people["p-2"],
            people["p-3"],
            3,
            RequestStatus.ACCEPTED,
        )
        assert made in requests.inbox(session, people["p-3"]).incoming


def test_either_one_withdraws_an_accepted_request_until_the_meeting_is_held(
    factory: sessionmaker[Session],
) -> None:
    from missionmatch.services.request_withdrawal import withdraw_accepted

    with transaction(factory) as session:
        people = _people(session)
        accepted = _request(session, "r-1")  # Anne -> Yamada, published as m-1
        with pytest.raises(requests.RequestRefused, match="not_requester"):
            withdraw_accepted(session, accepted, people["p-2"], mail=MAIL)
        withdraw_accepted(session, accepted, people["p-3"], mail=MAIL)  # the recipient may too
        meeting = session.scalars(select(Meeting).where(Meeting.key == "m-1")).one()
        assert (accepted.status, meeting.status) == (RequestStatus.CANCELLED, MeetingStatus.CANCELLED)
        assert _mails(session) == [(people["p-1"].email, "太郎 山田 s’est retiré(e) de votre rendez-vous")]
        with pytest.raises(requests.RequestRefused, match="not_pending"):
            withdraw_accepted(session, accepted, people["p-1"], mail=MAIL)
        made = steering.add_must_meet(session, people["p-2"].mission, people["p-2"], people["p-3"], mail=MAIL)
        with pytest.raises(requests.RequestRefused, match="must_meet"):
            withdraw_accepted(session, made, people["p-2"], mail=MAIL)
