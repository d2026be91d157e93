"""Organiser pages: B2B sessions (slots, pauses, tables), interpreter pools, and the meetings they protect."""

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionmatch.db import transaction
from missionmatch.models import B2BSession, Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from tests.web.conftest import World

BASE = "/missions/test-osaka/sessions"
GOOD = {
    "name": "B2B morning",
    "city": "Kyoto",
    "venue": "Research Park",
    "starts_at": "2025-05-29T09:00",
    "slot_minutes": "30",
    "slot_count": "5",
    "tables": "8",
    "breaks": "2:15, 4:30",
}
# the fixture's session b2b-1: 27 May 14:00, 6 slots of 20 minutes, a 20-minute pause after slot 3, 4 tables,
# one fr-ja interpreter; meeting m-1 (published) is in slot 2 (0-based), table 1, with the fr-ja interpreter
KEPT = {
    "name": "B2B afternoon",
    "city": "Osaka",
    "venue": "Expo hall",
    "starts_at": "2025-05-27T14:00",
    "slot_minutes": "20",
    "slot_count": "6",
    "tables": "4",
    "breaks": "3:20",
}


def _session(world: World, slug: str = "test-osaka") -> B2BSession:
    with world.factory() as session:
        query = select(B2BSession).join(Mission).where(Mission.slug == slug, B2BSession.key == "b2b-1")
        found = session.scalar(query)
        assert found is not None
        found.interpreters  # noqa: B018 (loaded while the session is open)
        return found


def _count(world: World) -> int:
    with world.factory() as session:
        query = select(func.count()).select_from(B2BSession).join(Mission)
        return session.scalar(query.where(Mission.slug == "test-osaka"))


def _errors(page: str) -> dict[str, str]:
    return dict(re.findall(r'class="error"[^>]* id="error-([a-z_]+)">([^<]*)<', page))


def _m1(session: Session) -> Meeting:
    query = select(Meeting).join(Mission).where(Mission.slug == "test-osaka", Meeting.key == "m-1")
    return session.scalars(query).one()


def _cancel_m1(world: World) -> None:
    with transaction(world.factory) as session:
        _m1(session).status = MeetingStatus.CANCELLED


def test_session_list_shows_the_shape_and_every_slot_time(world: World) -> None:
    page = world.organiser().get(BASE).text
    assert "6 slots of 20 minutes, 4 tables" in page and "Scheduled meetings: 1" in page
    assert "Interpreters: fr-ja × 1" in page
    slots = re.findall(r"<li>([^<]*)(?: <small>\(([^)]*)\)</small>)?</li>", page)
    start = [s.replace("\u202f", " ") for s, _ in slots]
    assert start == [
        "2:00 PM – 2:20 PM",
        "2:20 PM – 2:40 PM",
        "2:40 PM – 3:00 PM",
        "3:20 PM – 3:40 PM",
        "3:40 PM – 4:00 PM",
        "4:00 PM – 4:20 PM",
    ]
    assert slots[2][1] == "then a 20-minute pause"


def test_creating_a_session_stores_its_slots_and_pauses(world: World) -> None:
    response = world.organiser().submit(BASE, GOOD, page=f"{BASE}/new")
    assert response.status_code == 303
    with world.factory() as session:
        created = session.scalar(select(B2BSession).where(B2BSession.name == "B2B morning"))
        assert response.headers["location"] == f"{BASE}/{created.id}?saved=1"
        assert (created.city, created.venue, created.tables, created.breaks) == (
            "Kyoto",
            "Research Park",
            8,
            [{"after_slot": 2, "minutes": 15}, {"after_slot": 4, "minutes": 30}],
        )
        assert [start.strftime("%H:%M") for start, _ in created.slot_times()] == [
            "09:00",
            "09:30",
            "10:15",
            "10:45",
            "11:45",
        ]


def test_every_wrong_field_of_a_session_is_named(world: World) -> None:
    bad = {"name": "", "starts_at": "2025-05-29", "slot_minutes": "0", "slot_count": "many", "tables": "-2"}
    response = world.organiser().submit(BASE, {**GOOD, **bad, "breaks": "after six"}, page=BASE)
    assert response.status_code == 422
    assert _errors(response.text) == {
        "name": "This field is required.",
        "slot_minutes": "Enter a whole number from 5 to 240.",
        "slot_count": "Enter a whole number from 1 to 100.",
        "tables": "Enter a whole number from 1 to 1000.",
        "breaks": "Write each pause as slot:minutes, separated by commas, for example 6:20, 12:60.",
    }
    assert _count(world) == 1


def test_pauses_must_fall_between_slots_once_each(world: World) -> None:
    browser = world.organiser()
    expected = {
        "5:10": "A pause comes after one of the slots 1 to 4.",
        "2:10, 2:20": "Two pauses after slot 2.",
        "2:0": "A pause lasts from 1 to 600 minutes.",
    }
    for text, message in expected.items():
        response = browser.submit(BASE, {**GOOD, "breaks": text}, page=BASE)
        assert (response.status_code, _errors(response.text)) == (422, {"breaks": message})
    assert _count(world) == 1


def test_a_session_outside_the_mission_is_refused(world: World) -> None:
    late = {**GOOD, "starts_at": "2025-05-31T22:00"}  # five slots run past midnight after the last day
    response = world.organiser().submit(BASE, late, page=BASE)
    assert _errors(response.text) == {
        "starts_at": "The session must start and end within the mission dates (May 24, 2025 to May 31, 2025)."
    }


def test_shrinking_below_a_scheduled_meeting_is_refused(world: World) -> None:
    b2b = _session(world)
    response = world.organiser().submit(
        f"{BASE}/{b2b.id}", {**KEPT, "slot_count": "2", "tables": "1", "breaks": ""}, page=BASE
    )
    assert response.status_code == 422
    assert _errors(response.text) == {
        "slot_count": "Scheduled meetings use slots after slot 2 (m-1): move or cancel them first.",
        "tables": "Scheduled meetings use tables after table 1 (m-1): move or cancel them first.",
    }
    kept = _session(world)
    assert (kept.slot_count, kept.tables) == (6, 4)


def test_shrinking_below_a_kept_table_is_refused_naming_who_keeps_it(world: World) -> None:
    _cancel_m1(world)
    b2b = _session(world)
    browser = world.organiser()
    response = browser.submit(f"{BASE}/{b2b.id}", {**KEPT, "tables": "1"}, page=BASE)
    assert response.status_code == 422
    assert _errors(response.text) == {
        "tables": "太郎 山田, Hanako Sato keep tables after table 1 (2): give them other tables first."
    }
    assert _session(world).tables == 4
    browser.get("/language/fr")
    french = browser.submit(f"{BASE}/{b2b.id}", {**KEPT, "tables": "1"}, page=BASE)
    assert _errors(french.text) == {
        "tables": "太郎 山田, Hanako Sato gardent des tables après la table 1 (2) : "
        "attribuez-leur d&#39;autres tables d&#39;abord."
    }


def test_shrinking_around_the_meetings_and_moving_times_is_allowed(world: World) -> None:
    b2b = _session(world)
    changes = {**KEPT, "slot_count": "3", "tables": "2", "starts_at": "2025-05-27T15:00", "breaks": ""}
    response = world.organiser().submit(f"{BASE}/{b2b.id}", changes, page=BASE)
    assert response.headers["location"] == f"{BASE}/{b2b.id}?saved=1"
    saved = _session(world)
    assert (saved.slot_count, saved.tables, saved.breaks, saved.starts_at) == (
        3,
        2,
        [],
        dt.datetime(2025, 5, 27, 15, 0),
    )


def test_a_cancelled_meeting_does_not_hold_its_place(world: World) -> None:
    _cancel_m1(world)
    b2b = _session(world)
    response = world.organiser().submit(
        f"{BASE}/{b2b.id}", {**KEPT, "slot_count": "1", "breaks": ""}, page=BASE
    )
    assert response.status_code == 303
    assert _session(world).slot_count == 1


def test_a_session_with_scheduled_meetings_cannot_be_deleted(world: World) -> None:
    b2b = _session(world)
    browser = world.organiser()
    response = browser.submit(f"{BASE}/{b2b.id}/delete", page=BASE)
    assert response.status_code == 422
    assert _errors(response.text) == {
        "session": "Scheduled meetings are in this session (m-1): move or cancel them before deleting it."
    }
    assert _count(world) == 1
    _cancel_m1(world)
    assert browser.submit(f"{BASE}/{b2b.id}/delete", page=BASE).headers["location"] == f"{BASE}?saved=1"
    assert _count(world) == 0
    with world.factory() as session:
        meeting = _m1(session)
        assert (meeting.session_id, meeting.slot, meeting.table, meeting.status) == (
            None,
            None,
            None,
            MeetingStatus.CANCELLED,
        )


def test_interpreter_pools_are_added_in_canonical_order_and_edited(world: World) -> None:
    b2b = _session(world)
    browser = world.organiser()
    path = f"{BASE}/{b2b.id}/interpreters"
    response = browser.submit(path, {"language_a": "ja", "language_b": "en", "count": "2"}, page=BASE)
    assert response.headers["location"] == f"{BASE}/{b2b.id}?saved=1"
    pools = {p.pair: (p.id, p.count) for p in _session(world).interpreters}
    assert {pair: count for pair, (_, count) in pools.items()} == {"fr-ja": 1, "en-ja": 2}
    browser.submit(f"{path}/{pools['en-ja'][0]}", {"count": "0"}, page=BASE)
    assert {p.pair: p.count for p in _session(world).interpreters} == {"fr-ja": 1, "en-ja": 0}
    browser.submit(f"{path}/{pools['en-ja'][0]}/delete", page=BASE)
    assert [p.pair for p in _session(world).interpreters] == ["fr-ja"]


def test_wrong_interpreter_pools_are_refused_by_field(world: World) -> None:
    b2b = _session(world)
    browser = world.organiser()
    path = f"{BASE}/{b2b.id}/interpreters"
    cases = [
        (
            {"language_a": "ja", "language_b": "fr", "count": "1"},
            {"language_b": "This session already has interpreters for fr-ja: change their number."},
        ),
        ({"language_a": "xx", "language_b": "fr", "count": "1"}, {"language_a": "Unknown language."}),
        (
            {"language_a": "fr", "language_b": "fr", "count": "-1"},
            {"language_b": "Choose two different languages.", "count": "Enter a whole number from 0 to 100."},
        ),
    ]
    for data, errors in cases:
        response = browser.submit(path, data, page=BASE)
        assert (response.status_code, _errors(response.text)) == (422, errors)
    assert [p.pair for p in _session(world).interpreters] == ["fr-ja"]


def test_an_interpreter_pool_in_use_cannot_shrink_or_go(world: World) -> None:
    b2b = _session(world)
    pool = b2b.interpreters[0]
    browser = world.organiser()
    message = "Up to 1 scheduled meetings in one slot use a fr-ja interpreter: replan or cancel them first."
    for path, data in (
        (f"{BASE}/{b2b.id}/interpreters/{pool.id}", {"count": "0"}),
        (f"{BASE}/{b2b.id}/interpreters/{pool.id}/delete", {}),
    ):
        response = browser.submit(path, data, page=BASE)
        assert (response.status_code, _errors(response.text)) == (422, {"count": message})
    assert [(p.pair, p.count) for p in _session(world).interpreters] == [("fr-ja", 1)]


def test_a_forged_session_form_is_refused(world: World) -> None:
    b2b = _session(world)
    browser = world.organiser()
    for path in (BASE, f"{BASE}/{b2b.id}/delete", f"{BASE}/{b2b.id}/interpreters"):
        data = {**GOOD, "csrf_token": "forged", "language_a": "en", "language_b": "ja", "count": "1"}
        assert browser.post(path, data=data, follow_redirects=False).status_code == 403
    assert (_count(world), len(_session(world).interpreters)) == (1, 1)


def test_another_organisers_sessions_are_404(world: World) -> None:
    b2b = _session(world)
    pool = b2b.interpreters[0]
    stranger = world.organiser("orga@b.lu")
    for path in (BASE, f"{BASE}/new", f"{BASE}/{b2b.id}"):
        assert stranger.get(path).status_code == 404
    own = f"/missions/other-tokyo/sessions/{b2b.id}"
    assert stranger.get(own).status_code == 404
    for path, data in (
        (BASE, GOOD),
        (f"{BASE}/{b2b.id}", GOOD),
        (f"{own}/delete", {}),
        (f"{own}/interpreters", {"language_a": "en", "language_b": "ja", "count": "1"}),
        (f"{own}/interpreters/{pool.id}", {"count": "5"}),
        (f"{own}/interpreters/{pool.id}/delete", {}),
    ):
        assert stranger.submit(path, data, page="/missions").status_code == 404
    assert (_count(world), [(p.pair, p.count) for p in _session(world).interpreters]) == (1, [("fr-ja", 1)])


def test_a_pool_of_another_missions_session_is_404(world: World) -> None:
    mine, foreign = _session(world), _session(world, "other-tokyo")
    path = f"{BASE}/{mine.id}/interpreters/{foreign.interpreters[0].id}"
    browser = world.organiser()
    assert browser.submit(path, {"count": "7"}, page=BASE).status_code == 404
    assert browser.submit(f"{path}/delete", page=BASE).status_code == 404
    assert [p.count for p in _session(world, "other-tokyo").interpreters] == [1]
