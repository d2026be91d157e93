"""What the scheduler is asked to place: published meetings, accepted requests not yet met, suggestions;
and each person's slots and languages, on SQLite and PostgreSQL."""

import datetime as dt

from missionmatch.db import transaction
from missionmatch.models import Recommendation
from missionmatch.services.mission_import import import_mission
from missionmatch.services.scheduling_candidates import (
    MUTUAL_WEIGHT,
    ONE_SIDED_WEIGHT,
    candidates,
    forbidden_slots,
    interpreter_pair,
    new_meeting_key,
)
from tests.factories import small_mission


def _request(key: str, sender: str, recipient: str, priority: int) -> dict:
    return {
        "key": key,
        "from": sender,
        "to": recipient,
        "priority": priority,
        "message": "",
        "status": "accepted",
        "created_at": "2025-05-12T09:00",
        "expires_at": None,
    }


def test_published_meetings_then_requests_not_yet_met(session_factory):
    document = small_mission()
    document["meeting_requests"] += [
        _request("r-3", "p-2", "p-3", 2),  # one-sided
        _request("r-4", "p-2", "p-4", 1),
        _request("r-5", "p-4", "p-2", 3),  # the answer to r-4: mutual, one candidate for both
    ]
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        found = [
            (c.key, c.source, c.weight, sorted(p.key for p in c.people)) for c in candidates(mission, [])
        ]
        # r-1 (accepted, p-1 to p-3) is answered by the published m-1, where both sit; r-3 and r-4 ask two
        # representatives of one company (Orbital), but Jonas and 山田 share no language and the session has
        # no German or English interpreter for them: two meetings, r-3 unplaceable, rather than none at all
        assert found == [
            ("m-1", "published", MUTUAL_WEIGHT, ["p-1", "p-3", "p-4"]),
            ("r-3", "request", ONE_SIDED_WEIGHT + 2, ["p-2", "p-3"]),
            ("r-4", "mutual", MUTUAL_WEIGHT + 1, ["p-2", "p-4"]),
        ]


def test_forbidden_slots_overlap_busy_windows_only(session_factory):
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        b2b = mission.b2b_sessions[0]
        people = {p.key: p for p in mission.participants}
        # Anne's call 15:00-15:40 covers slot 3 (15:20-15:40); slot 2 ends at 15:00 and slot 4 starts at 15:40
        assert forbidden_slots(people["p-1"], b2b) == frozenset({3})
        assert forbidden_slots(people["p-3"], b2b) == frozenset()
        people["p-3"].departs_at = dt.datetime(2025, 5, 27, 15, 50)
        assert forbidden_slots(people["p-3"], b2b) == frozenset({4, 5})


def test_a_common_language_needs_no_interpreter(session_factory):
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        b2b = mission.b2b_sessions[0]
        people = {p.key: p for p in mission.participants}
        assert interpreter_pair((people["p-2"], people["p-4"]), b2b) == (True, None)  # English
        assert interpreter_pair((people["p-3"], people["p-1"]), b2b) == (True, "fr-ja")  # either order
        # German/English and Japanese only: the session's pool is French-Japanese
        assert interpreter_pair((people["p-2"], people["p-3"]), b2b) == (False, None)


def test_a_new_meeting_key_never_takes_one_in_use(session_factory):
    with transaction(session_factory) as session:
        mission = import_mission(session, small_mission())
        assert new_meeting_key(mission, "r-2") == "m-r-2"
        assert new_meeting_key(mission, "1") == "m-1-2"  # m-1 exists


def test_a_company_request_is_one_candidate_and_answers_a_colleagues_own_request(session_factory):
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"] = [
        _request("r-1", "p-1", "p-4", 2),  # Anne alone with Sato: answered by the company meeting
        dict(_request("r-9", "p-1", "p-3", 3), attendees=["p-4"]),  # Anne with 山田 and Sato
        _request("r-8", "p-2", "p-4", 1),
    ]
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        found = [(c.key, sorted(p.key for p in c.people)) for c in candidates(mission, [])]
        assert found == [("r-9", ["p-1", "p-3", "p-4"]), ("r-8", ["p-2", "p-4"])]


def test_suggestions_of_one_person_with_two_colleagues_become_one_company_meeting(session_factory):
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"] = []
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        people = {p.key: p for p in mission.participants}
        made = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
        suggestions = [
            Recommendation(
                mission_id=mission.id,
                participant=people["p-1"],
                candidate=people[key],
                rank=rank,
                score=0.5,
                suggested_meeting=True,
                embedder="test",
                created_at=made,
            )
            for rank, key in enumerate(("p-3", "p-4"), start=1)
        ]
        session.add_all(suggestions)
        session.flush()
        found = [(c.source, sorted(p.key for p in c.people)) for c in candidates(mission, suggestions)]
        assert found == [("suggested", ["p-1", "p-3", "p-4"])]


def _suggestion(mission, participant, candidate, rank: int) -> Recommendation:
    return Recommendation(
        mission_id=mission.id,
        participant=participant,
        candidate=candidate,
        rank=rank,
        score=0.5,
        suggested_meeting=True,
        embedder="test",
        created_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
    )


def test_requests_to_two_people_of_one_company_are_one_meeting_worth_both(session_factory):
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["meeting_requests"] = [_request("r-1", "p-1", "p-3", 2), _request("r-2", "p-1", "p-4", 1)]
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        found = [(c.key, c.weight, sorted(p.key for p in c.people)) for c in candidates(mission, [])]
        # Orbital's two representatives meet lu-sat together, once
        assert found == [("r-1", 2 * ONE_SIDED_WEIGHT + 2 + 1, ["p-1", "p-3", "p-4"])]


def test_at_a_full_table_a_second_request_stays_apart_and_a_suggestion_is_dropped(session_factory):
    document = small_mission()
    document["meetings"] = document["agreements"] = document["feedback"] = []
    document["b2b_sessions"][0]["seats"] = 2
    document["meeting_requests"] = [_request("r-1", "p-1", "p-3", 2), _request("r-2", "p-1", "p-4", 1)]
    with transaction(session_factory) as session:
        mission = import_mission(session, document)
        people = {p.key: p for p in mission.participants}
        suggestions = [_suggestion(mission, people["p-4"], people["p-1"], 1)]  # asked for already
        suggestions.append(_suggestion(mission, people["p-2"], people["p-4"], 1))  # lu-health: another pair
        session.add_all(suggestions)
        session.flush()
        found = [(c.key, sorted(p.key for p in c.people)) for c in candidates(mission, suggestions)]
        # both requests are kept (nobody named is left out of a meeting)
        assert found == [("r-1", ["p-1", "p-3"]), ("r-2", ["p-1", "p-4"]), ("s-p-2-p-4", ["p-2", "p-4"])]
        document["meeting_requests"].pop()
    with transaction(session_factory) as session:
        document["mission"].update(slug="second", name="Second mission")
        mission = import_mission(session, document)
        people = {p.key: p for p in mission.participants}
        suggestions = [_suggestion(mission, people["p-4"], people["p-1"], 1)]
        session.add_all(suggestions)
        session.flush()
        found = [(c.key, sorted(p.key for p in c.people)) for c in candidates(mission, suggestions)]
        # lu-sat meets Orbital in r-1 already, at a full table: no second meeting for a suggestion
        assert found == [("r-1", ["p-1", "p-3"])]
