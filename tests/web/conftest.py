"""Web fixtures: two missions with one organiser each, a TestClient per user, CSRF-aware form posts."""

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch import migrate
from missionmatch.db import make_engine, make_session_factory, transaction
from missionmatch.models import Mission, Participant
from missionmatch.services.accounts import create_api_token, create_login_link, create_organiser
from missionmatch.services.mission_import import import_mission
from missionmatch.settings import WebSettings
from missionmatch.web.app import create_app
from tests.factories import small_mission

PASSWORD = "correct horse battery"
SETTINGS = WebSettings(secret_key="test-secret", base_url="http://testserver")
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser(TestClient):
    """A TestClient that reads the CSRF token from the last page, as a browser's form would send it."""

    def csrf(self, path: str = "/") -> str:
        match = _CSRF.search(self.get(path).text)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def submit(self, path: str, data: dict | None = None, page: str = "/", **kwargs) -> object:  # type: ignore[no-untyped-def]
        return self.post(
            path, data={"csrf_token": self.csrf(page), **(data or {})}, follow_redirects=False, **kwargs
        )


@dataclass
class World:
    factory: sessionmaker[Session]
    settings: WebSettings

    def client(self) -> Browser:
        return Browser(create_app(self.factory, self.settings))

    def participant(self, slug: str, key: str) -> Participant:
        with self.factory() as session:
            mission = session.scalar(select(Mission).where(Mission.slug == slug))
            found = session.scalar(
                select(Participant).where(Participant.mission_id == mission.id, Participant.key == key)
            )
            assert found is not None
            return found

    def organiser(self, email: str = "orga@a.lu") -> Browser:
        browser = self.client()
        response = browser.submit("/login", {"email": email, "password": PASSWORD}, page="/login")
        assert response.status_code == 303
        return browser

    def link_token(self, slug: str, key: str) -> str:
        with transaction(self.factory) as session:
            participant = session.get(Participant, self.participant(slug, key).id)
            return create_login_link(session, participant, dt.timedelta(hours=1))

    def as_participant(self, slug: str, key: str) -> Browser:
        browser = self.client()
        token = self.link_token(slug, key)
        response = browser.submit(f"/login/link/{token}", page=f"/login/link/{token}")
        assert response.status_code == 303
        return browser

    def api_token(self, *, organiser: str | None = None, participant: tuple[str, str] | None = None) -> str:
        with transaction(self.factory) as session:
            if organiser:
                account = create_organiser(session, organiser, PASSWORD, [])
                return create_api_token(session, organiser=account)
            assert participant is not None
            person = session.get(Participant, self.participant(*participant).id)
            return create_api_token(session, participant=person)


def build_world(factory: sessionmaker[Session]) -> World:
    with transaction(factory) as session:
        mission_a = import_mission(session, small_mission())
        other = small_mission(name="Other mission Tokyo", slug="other-tokyo")
        mission_b = import_mission(session, other)
        create_organiser(session, "orga@a.lu", PASSWORD, [mission_a])
        create_organiser(session, "orga@b.lu", PASSWORD, [mission_b])
    return World(factory, SETTINGS)


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrating and importing once: each test gets a copy of this SQLite file (seconds saved per test)."""
    path = tmp_path_factory.mktemp("world") / "world.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    build_world(make_session_factory(engine))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def world(world_template: Path, tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "world.db"
    shutil.copyfile(world_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield World(make_session_factory(engine), SETTINGS)
    engine.dispose()
