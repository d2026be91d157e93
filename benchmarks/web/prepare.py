"""The demo mission osaka-1 as it stands after "schedule published" mails went out: matched, scheduled,
published; the demo organiser, one-time links and API tokens for its participants, and pairs of people who
have not asked each other for a meeting yet (what the POST scenario sends)."""

import datetime as dt
import itertools
import random
from dataclasses import asdict, dataclass

from sqlalchemy import select

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import MeetingRequest, Mission, OrganiserAccount
from missionmatch.models.enums import Side
from missionmatch.services.accounts import create_api_token, create_login_link
from missionmatch.services.demo import DEMO_SLUGS, MAIN_DEMO_SLUG, load_demo
from missionmatch.services.demo_accounts import DEMO_ORGANISER, create_demo_accounts
from missionmatch.services.matching_run import run_matching
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.settings import MailSettings

SIGNED_IN = 400  # participants signed in (all of osaka-1); the virtual clients share their sessions


@dataclass
class Fixture:
    slug: str
    organiser_email: str
    organiser_password: str
    organiser_token: str
    link_tokens: list[str]  # one per delegation member signed in, same order as `requesters`
    requesters: list[int]
    api_tokens: list[str]
    pairs: list[tuple[int, int]]  # (requester, recipient) with no request between them yet


def prepare(url: str, time_limit: float) -> dict:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with transaction(factory) as session:
        missions = load_demo(session)
        main = next(m for m in missions if m.slug == MAIN_DEMO_SLUG)
        assert {m.slug for m in missions} == set(DEMO_SLUGS)
        run_matching(session, main)
        mission_id = main.id
    run_scheduling(factory, mission_id, time_limit=time_limit)
    with transaction(factory) as session:
        mission = session.get(Mission, mission_id)
        publish_schedule(session, mission, mail=MailSettings())  # mails stay in the outbox
        logins = create_demo_accounts(session, list(session.scalars(select(Mission))), mission)
        delegates = [p for p in mission.participants if p.organisation.side == Side.DELEGATION]
        hosts = [p for p in mission.participants if p.organisation.side == Side.HOST]
        signed_in = (delegates + hosts)[:SIGNED_IN]
        asked = {
            frozenset((r.requester_id, r.recipient_id))
            for r in session.scalars(select(MeetingRequest).where(MeetingRequest.mission_id == mission_id))
        }
        # each pair not yet asked once, in one direction or the other (about as many each way)
        chooser = random.Random(9)
        pairs = []
        for d, h in itertools.product(delegates, hosts):
            if frozenset((d.id, h.id)) not in asked:
                pairs.append((d.id, h.id) if chooser.random() < 0.5 else (h.id, d.id))
        chooser.shuffle(pairs)
        organiser = session.scalar(select(OrganiserAccount).where(OrganiserAccount.email == DEMO_ORGANISER))
        fixture = Fixture(
            slug=MAIN_DEMO_SLUG,
            organiser_email=logins.organiser_email,
            organiser_password=logins.organiser_password,
            organiser_token=create_api_token(session, organiser=organiser),
            link_tokens=[create_login_link(session, p, dt.timedelta(days=1)) for p in signed_in],
            requesters=[p.id for p in signed_in],
            api_tokens=[create_api_token(session, participant=p) for p in signed_in],
            pairs=pairs,
        )
    engine.dispose()
    return asdict(fixture)
