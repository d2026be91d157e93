"""A company meeting of three (Anne Muller and her colleague Luc Schmit of LuxSat with Kenji Ito of Kansai
Orbital) through the scheduler, publication, replanning, every attendee's agenda (page data, iCal, PDF), the
B2B session's day documents and the report: one meeting, three people busy in its slot."""

import subprocess
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.exports.agenda_pdf import agenda_pdf
from missionmatch.models import B2BSession, Meeting, Mission, Participant, SlotOccupancy, Unavailability
from missionmatch.models.enums import MeetingStatus
from missionmatch.services.agenda import participant_agenda
from missionmatch.services.agenda_document import agenda_document
from missionmatch.services.day_documents import day_documents
from missionmatch.services.mission_import import import_mission
from missionmatch.services.mission_report import mission_report
from missionmatch.services.replanning import replan_mission
from missionmatch.services.schedule_publish import publish_schedule
from missionmatch.services.scheduling_run import run_scheduling
from missionmatch.settings import MailSettings
from tests.services.placement_helpers import placement_mission

MAIL = MailSettings()  # mails stay in the outbox
TRIO = ["p-1", "p-5", "p-6"]  # Anne Muller + Luc Schmit (LuxSat), Kenji Ito (Kansai Orbital)


def _document() -> dict:
    document = placement_mission()
    document["agreements"] = document["feedback"] = []
    request = dict(document["meeting_requests"][0], key="r-company", to="p-5", status="accepted")
    request["attendees"] = ["p-6"]  # Anne brings Luc
    document["meeting_requests"] = [document["meeting_requests"][0], request]
    return document  # m-1 (Anne with 山田 and Sato) stays published at 14:40 with the only fr-ja interpreter


def _company_meeting(session: Session) -> Meeting:
    found = session.scalar(select(Meeting).where(Meeting.key.like("m-r-company%")))
    assert found is not None
    return found


def _scheduled(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        mission_id = import_mission(session, _document()).id
    report = run_scheduling(factory, mission_id, time_limit=10, workers=1, include_suggested=False)
    assert report.unplaced == {}
    with transaction(factory) as session:
        publish_schedule(session, session.get(Mission, mission_id), mail=MAIL)
    return mission_id


def _free(session: Session, meeting: Meeting) -> None:
    """Every attendee is free and present in the meeting's slot, and the slot_occupancy rows say so."""
    assert meeting.session is not None and meeting.slot is not None
    start, end = meeting.session.slot_times()[meeting.slot]
    for person in meeting.participants:
        assert all(not (w.starts_at < end and start < w.ends_at) for w in person.unavailability)
    rows = session.scalars(select(SlotOccupancy).where(SlotOccupancy.meeting_id == meeting.id))
    assert sorted(r.participant_id for r in rows) == sorted(p.id for p in meeting.participants)


def test_the_scheduler_and_replanning_place_one_meeting_for_all_three(
    session_factory: sessionmaker[Session],
) -> None:
    mission_id = _scheduled(session_factory)
    with session_factory() as session:
        meeting = _company_meeting(session)
        assert [p.key for p in meeting.participants] == TRIO
        # Luc speaks only French and Kenji no French: the fr-ja interpreter, busy at 14:40 with m-1
        assert (meeting.status, meeting.interpreter) == (MeetingStatus.PUBLISHED, "fr-ja")
        assert meeting.slot not in (2, 3)  # m-1, and Anne's call from 15:00 to 15:40
        _free(session, meeting)
        old_slot = meeting.slot
    with transaction(session_factory) as session:  # Luc cannot make it then any more
        luc = session.scalar(select(Participant).where(Participant.key == "p-6"))
        b2b = session.scalar(select(B2BSession))
        assert luc is not None and b2b is not None and old_slot is not None
        start, end = b2b.slot_times()[old_slot]
        luc.unavailability.append(Unavailability(starts_at=start, ends_at=end, reason="call"))
    replanned = replan_mission(session_factory, mission_id, time_limit=10)
    assert [key for key, _, _ in replanned.moved] == [_company_key(session_factory)]
    with session_factory() as session:
        meeting = _company_meeting(session)
        assert meeting.slot not in (old_slot, 2, 3)
        assert [p.key for p in meeting.participants] == TRIO
        _free(session, meeting)


def _company_key(factory: sessionmaker[Session]) -> str:
    with factory() as session:
        return _company_meeting(session).key


def _person(session: Session, key: str) -> Participant:
    found = session.scalar(select(Participant).where(Participant.key == key))
    assert found is not None
    return found


def test_every_attendee_finds_it_in_their_agenda_ical_and_pdf(
    sqlite_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _scheduled(sqlite_factory)
    with sqlite_factory() as session:
        key = _company_meeting(session).key
        for me, others in (("p-1", "p-5 p-6"), ("p-5", "p-1 p-6"), ("p-6", "p-1 p-5")):
            entries = [e for e in participant_agenda(session, _person(session, me)).entries if e.key == key]
            assert [" ".join(p.key for p in e.others) for e in entries] == [others]
            document = agenda_document(session, _person(session, me), language="en")
            ics = agenda_ics(document).decode()
            assert ics.count(f"{key}@") == 1  # one event, naming both others
            names = {"p-1": "Anne Muller", "p-5": "Kenji Ito", "p-6": "Luc Schmit"}
            for other in others.split():
                assert names[other] in ics.replace("\r\n ", "")
        pdf = tmp_path / "kenji.pdf"
        pdf.write_bytes(agenda_pdf(agenda_document(session, _person(session, "p-5"), language="en")))
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Anne Muller" in text and "Luc Schmit" in text


def test_the_day_documents_seat_all_three_at_one_table_and_the_report_counts_one_meeting(
    sqlite_factory: sessionmaker[Session],
) -> None:
    _scheduled(sqlite_factory)
    with sqlite_factory() as session:
        meeting = _company_meeting(session)
        assert meeting.slot is not None and meeting.table is not None
        documents = day_documents(session, meeting.session)
        seat = documents.grid[meeting.slot].seats[meeting.table]
        assert seat is not None
        assert sorted(a.name for a in seat.attendees) == ["Anne Muller", "Kenji Ito", "Luc Schmit"]
        door = [e for e in documents.doors[meeting.table] if e.interpreter == "fr-ja"]
        assert [(len(e.delegation), len(e.hosts)) for e in door if len(e.delegation) == 2] == [(2, 1)]
        checked = {c.attendee.name: c.meetings for c in documents.check_in}
        assert (checked["Luc Schmit"], checked["Kenji Ito"], checked["Anne Muller"]) == (1, 1, 2)
        report = mission_report(session, session.scalar(select(Mission)))
        assert report.total.meetings.stages["scheduled"] == 2  # m-1 and the company meeting
        minutes = 2 * 20 / 60  # both meetings have an interpreter for one 20-minute slot
        assert report.total.meetings.interpreter_hours_booked == round(minutes, 2)


def test_a_session_whose_tables_seat_two_leaves_the_company_meeting_unplaced_with_the_reason(
    sqlite_factory: sessionmaker[Session],
) -> None:
    document = _document()
    document["b2b_sessions"][0]["seats"] = 2
    document["meetings"] = []  # m-1 seats three
    document["meeting_requests"] = document["meeting_requests"][1:]
    with transaction(sqlite_factory) as session:
        mission_id = import_mission(session, document).id
    report = run_scheduling(sqlite_factory, mission_id, time_limit=5, workers=1, include_suggested=False)
    assert list(report.unplaced.values()) == ["no B2B session has tables that seat all its attendees"]
