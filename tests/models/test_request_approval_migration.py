"""Migration 7f3a1c5e8d42 on both databases: the request statuses' CHECK is rebuilt (on SQLite a copy of the
table) without losing the meetings' links to their requests; the downgrade maps the new statuses to the
nearest old ones and the CHECK refuses the new ones again."""

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from missionmatch import migrate
from missionmatch.db import make_session_factory, transaction
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

REVISION = "7f3a1c5e8d42"
BEFORE = "4b7d2e9a6c31"


def _rows(engine: Engine) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
    with engine.connect() as c:
        requests = c.execute(sa.text("SELECT key, status FROM meeting_request ORDER BY key")).all()
        meetings = c.execute(
            sa.text(
                "SELECT meeting.key, meeting_request.key FROM meeting "
                "LEFT JOIN meeting_request ON meeting_request.id = meeting.request_id ORDER BY meeting.key"
            )
        ).all()
    return [tuple(r) for r in requests], [tuple(m) for m in meetings]


def test_links_survive_both_ways_and_the_new_statuses_map_back(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)  # the models' schema, for the import; then back to the revision tested
    with transaction(make_session_factory(empty_engine)) as session:
        import_mission(session, small_mission())  # m-1 comes from r-1 (accepted); r-2 pending
    migrate.downgrade(empty_engine, REVISION)
    with empty_engine.begin() as c:
        c.execute(sa.text("UPDATE meeting_request SET status = 'awaiting_approval' WHERE key = 'r-2'"))
    migrate.downgrade(empty_engine, BEFORE)
    assert _rows(empty_engine) == ([("r-1", "accepted"), ("r-2", "cancelled")], [("m-1", "r-1")])
    with pytest.raises(sa.exc.IntegrityError), empty_engine.begin() as c:
        c.execute(sa.text("UPDATE meeting_request SET status = 'rejected' WHERE key = 'r-2'"))
    migrate.upgrade(empty_engine, REVISION)
    with empty_engine.begin() as c:
        c.execute(sa.text("UPDATE meeting_request SET status = 'rejected' WHERE key = 'r-2'"))
    assert _rows(empty_engine) == ([("r-1", "accepted"), ("r-2", "rejected")], [("m-1", "r-1")])
    migrate.downgrade(empty_engine, BEFORE)
    assert _rows(empty_engine)[0] == [("r-1", "accepted"), ("r-2", "declined")]
