"""Two missions of one campaign for the report's tests: Anne Muller (same e-mail, other case), Jonas Weber,
LuxSat (typed "LUXSAT services." the second time), Santé Data Lux and Kansai Orbital are in both. Tokyo
has 30-minute slots, a second interpreter pair (en-ja), a confidential agreement and the attendance of its
forum recorded (Anne and Kato came, Jonas did not); Osaka records none."""

import copy
from typing import Any

from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission


def _person(key: str, email: str, organisation: str, programme: list[str]) -> dict[str, Any]:
    return {
        "key": key,
        "email": email,
        "first_name": key.upper(),
        "last_name": "Tester",
        "organisation": organisation,
        "job_title": "",
        "languages": ["en", "ja"],
        "timezone": None,
        "arrives_at": None,
        "departs_at": None,
        "min_meetings": None,
        "max_meetings": None,
        "hosted_table": None,
        "unavailability": [],
        "programme": programme,
        "profile": None,
    }


def _meeting(key: str, people: list[str], slot: int, table: int, status: str, interpreter: str | None):
    return {
        "key": key,
        "participants": people,
        "request": None,
        "session": "b2b-1",
        "slot": slot,
        "table": table,
        "interpreter": interpreter,
        "status": status,
    }


def second_mission() -> dict[str, Any]:
    document = small_mission(name="Test mission Tokyo", slug="test-tokyo")
    document["organisations"][0]["name"] = "LUXSAT services."
    robotics = copy.deepcopy(document["organisations"][2])
    robotics.update(key="jp-robo", name="Tokyo Quantum", sectors=["quantum", "ai"], description="")
    document["organisations"].append(robotics)
    people = document["participants"]
    people[0]["email"] = "ANNE.MULLER@luxsat.example.lu"
    people[2]["email"] = "suzuki@orbital.example.jp"
    people[3]["email"] = "ito@orbital.example.jp"
    people.append(_person("p-5", "kato@robo.example.jp", "jp-robo", ["forum"]))
    document["meeting_requests"].append(
        {
            "key": "r-3",
            "from": "p-5",
            "to": "p-1",
            "priority": 2,
            "message": "",
            "status": "declined",
            "created_at": "2025-05-12T09:00",
            "expires_at": None,
        }
    )
    document["meetings"][0]["status"] = "held"
    document["programme"][0]["attendance_recorded_at"] = "2025-05-27T12:15"
    people[0]["programme_attended"] = ["forum"]
    people[-1]["programme_attended"] = ["forum"]
    # a second language pair, and a session of longer slots: interpreter hours are summed per pair
    document["b2b_sessions"][0]["interpreters"].append({"languages": ["en", "ja"], "count": 1})
    document["b2b_sessions"][0]["slot_minutes"] = 30
    document["meetings"] += [
        _meeting("m-2", ["p-2", "p-5"], 3, 0, "no_show", "en-ja"),
        _meeting("m-3", ["p-1", "p-5"], 4, 2, "cancelled", "fr-ja"),
        _meeting("m-4", ["p-2", "p-3"], 0, 0, "held", "fr-ja"),
        _meeting("m-5", ["p-1", "p-4"], 5, 3, "draft", None),
    ]
    document["feedback"] += [
        {
            "meeting": "m-4",
            "author": "p-2",
            "rating": 3,
            "comment": "",
            "follow_up": "call",
            "follow_up_done_at": "2025-06-02T10:00:00",
        },
        {"meeting": "m-4", "author": "p-3", "rating": 4, "comment": "", "follow_up": "none"},
    ]
    document["agreements"][0]["status"] = "in_force"
    secret = copy.deepcopy(document["agreements"][0])
    secret.update(
        key="a-2", title="Confidential supply contract", kind="contract", status="draft", signed_on=None
    )
    secret.update(confidential=True, signatories=[], history=[], meetings=["m-4"])
    document["agreements"].append(secret)
    return document


def two_missions(session: Session) -> tuple[Mission, Mission]:
    return import_mission(session, small_mission()), import_mission(session, second_mission())
