"""Agreements and feedback in mission documents: everything the register adds (signatories, history,
PDF documents, confidentiality, follow-ups done) survives export → import → export, on both databases."""

import base64
import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import Agreement, Feedback, Mission
from missionmatch.models.enums import AgreementStatus
from missionmatch.services.mission_document import validate
from missionmatch.services.mission_export import export_mission
from missionmatch.services.mission_import import import_mission
from tests.factories import small_mission

PDF = b"%PDF-1.4\n%%EOF\n"


def _with_outcomes() -> dict:
    document = small_mission()
    document["agreements"][0]["confidential"] = True
    document["agreements"][0]["documents"] = [
        {
            "filename": "mou.pdf",
            "uploaded_at": "2025-05-30T18:00:00",
            "uploaded_by": "orga@a.lu",
            "content_base64": base64.b64encode(PDF).decode(),
        }
    ]
    document["feedback"][0]["follow_up_done_at"] = "2025-06-02T09:15:30"
    return document


def test_agreements_and_follow_ups_round_trip_whole(session_factory: sessionmaker[Session]) -> None:
    document = _with_outcomes()
    assert validate(document) == []
    with transaction(session_factory) as session:
        import_mission(session, document)
    with session_factory() as session:
        a1 = session.scalar(select(Agreement))
        assert [(c.status, c.changed_at) for c in a1.history] == [
            (AgreementStatus.DRAFT, dt.datetime(2025, 5, 28, 1, 0, tzinfo=dt.UTC)),
            (AgreementStatus.SIGNED, dt.datetime(2025, 5, 30, 8, 30, tzinfo=dt.UTC)),
        ]
        assert [(d.filename, d.size, d.content) for d in a1.documents] == [("mou.pdf", len(PDF), PDF)]
        done = session.scalar(select(Feedback)).follow_up_done_at
        assert done == dt.datetime(2025, 6, 2, 0, 15, 30, tzinfo=dt.UTC)
        first = export_mission(session, session.scalar(select(Mission)))
    expected = json.loads(json.dumps(document))
    assert (first["agreements"], first["feedback"]) == (expected["agreements"], expected["feedback"])
    with transaction(session_factory) as session:
        import_mission(session, json.loads(json.dumps(first, ensure_ascii=False)), replace=True)
    with session_factory() as session:
        assert export_mission(session, session.scalar(select(Mission))) == first


def test_a_former_cancelled_status_is_read_as_abandoned(sqlite_factory: sessionmaker[Session]) -> None:
    document = small_mission()
    document["agreements"][0]["status"] = "cancelled"
    document["agreements"][0]["history"][1]["status"] = "cancelled"
    with transaction(sqlite_factory) as session:
        import_mission(session, document)
    with sqlite_factory() as session:
        a1 = session.scalar(select(Agreement))
        assert (a1.status, [c.status for c in a1.history]) == (
            AgreementStatus.ABANDONED,
            [AgreementStatus.DRAFT, AgreementStatus.ABANDONED],
        )


def test_wrong_outcome_fields_are_named() -> None:
    document = _with_outcomes()
    agreement = document["agreements"][0]
    agreement["confidential"] = "yes"
    agreement["signatories"][0] = {"name": "", "organisation": "nobody"}
    agreement["history"][0] = {"status": "ratified", "at": "2025-05-28T10:00:00+09:00"}
    agreement["documents"][0]["content_base64"] = base64.b64encode(b"GIF89a").decode()
    document["feedback"][0]["follow_up_done_at"] = "yesterday"
    assert [(p.where, p.field) for p in validate(document)] == [
        ("agreements[0]", "confidential"),
        ("agreements[0].signatories[0]", "name"),
        ("agreements[0].signatories[0]", "organisation"),
        ("agreements[0].history[0]", "status"),
        ("agreements[0].history[0]", "at"),
        ("agreements[0].documents[0]", "content_base64"),
        ("feedback[0]", "follow_up_done_at"),
    ]
