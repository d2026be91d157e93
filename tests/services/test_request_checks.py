"""The one statement of a send's checks (services/request_checks.py) answers what the separate queries
answer, for any mix of requests and "not interested" lists across a campaign, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission, Participant, PartnerExclusion
from missionmatch.models.enums import ExclusionKind, RequestStatus
from missionmatch.services.meeting_requests import open_request_between, open_requests_of
from missionmatch.services.mission_import import import_mission
from missionmatch.services.pair_blocks import not_interested, vetoed_between
from missionmatch.services.request_checks import PairState, pair_state
from tests.factories import small_mission

SLUGS = ("test-osaka", "test-tokyo", "elsewhere")  # the first two one campaign, the same people by e-mail
KEYS = ("p-1", "p-2", "p-3", "p-4")  # p-1, p-2 delegates; p-3, p-4 hosts
WHEN = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)


@pytest.fixture
def factory(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with transaction(session_factory) as session:
        for slug in SLUGS:
            document = small_mission(slug=slug, name=slug)
            if slug == "elsewhere":
                document.pop("campaign")
            for part in ("meeting_requests", "meetings", "agreements", "feedback"):
                document[part] = []
            import_mission(session, document)
    return session_factory


def _people(session: Session) -> dict[tuple[str, str], Participant]:
    rows = session.execute(select(Mission.slug, Participant).join(Mission))
    return {(slug, person.key): person for slug, person in rows}


pairs = st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)).filter(lambda pair: pair[0] != pair[1])
requests = st.lists(st.tuples(pairs, st.sampled_from(list(RequestStatus))), max_size=6)
exclusions = st.lists(  # one row per person, other and kind (a unique constraint)
    st.tuples(st.sampled_from(SLUGS), pairs, st.sampled_from(list(ExclusionKind))), max_size=5, unique=True
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=requests, exclusions=exclusions)
def test_one_statement_answers_as_the_separate_queries(
    factory: sessionmaker[Session],
    requests: list[tuple[tuple[str, str], RequestStatus]],
    exclusions: list[tuple[str, tuple[str, str], ExclusionKind]],
) -> None:
    with factory() as session:  # never committed: each example starts from the three missions alone
        people = _people(session)
        for (a, b), status in requests:
            requester, recipient = people[("test-osaka", a)], people[("test-osaka", b)]
            session.add(
                MeetingRequest(
                    mission_id=requester.mission_id,
                    requester=requester,
                    recipient=recipient,
                    status=status,
                    created_at=WHEN,
                )
            )
        for slug, (a, b), kind in exclusions:
            owner, other = people[(slug, a)], people[(slug, b)]
            session.add(PartnerExclusion(participant=owner, other=other, kind=kind, created_at=WHEN))
        session.flush()
        for a in KEYS:
            for b in KEYS:
                if a == b:
                    continue
                me, them = people[("test-osaka", a)], people[("test-osaka", b)]
                expected = PairState(
                    open_of_requester=open_requests_of(session, me),
                    open_between=open_request_between(session, me, them) is not None,
                    vetoed=vetoed_between(session, me, them),
                    requester_not_interested=not_interested(session, me, them),
                    recipient_not_interested=not_interested(session, them, me),
                )
                assert pair_state(session, me, them) == expected, (a, b)
        session.rollback()
