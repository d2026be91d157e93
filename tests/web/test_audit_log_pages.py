"""The audit log over HTTP: an organiser's withdrawal and its undo, by whom, before -> after; the search and
the filters; a participant's history; the exports (formulas made text); undo from the log and its refusals."""

import csv
import io
import re

from openpyxl import load_workbook
from sqlalchemy import func, select

from missionmatch.db import transaction
from missionmatch.models import AuditEntry, Participant, ProgrammeItem
from tests.web.conftest import World

LOG = "/missions/test-osaka/audit"


def _rows(page: str) -> list[str]:
    body = re.search(r'<table class="list" id="audit-log">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert body
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def _withdraw(world: World, key: str = "p-3") -> tuple[object, int]:
    browser = world.organiser()
    person = world.participant("test-osaka", key)
    path = f"/missions/test-osaka/participants/{person.id}/withdraw"
    assert browser.submit(path, page=path).status_code == 303
    return browser, person.id


def test_a_withdrawal_and_its_undo_are_in_the_log_by_whom(world: World) -> None:
    browser, person_id = _withdraw(world)
    page = browser.get(f"{LOG}?actor=organiser").text
    rows = _rows(page)
    assert len(rows) == 4  # the participant (withdrawn, then what it freed), the meeting, the request
    assert all(row.split(" Organiser orga@a.lu ")[1].startswith("Withdrawal ") for row in rows)
    participant_rows = [row for row in rows if f"Participant #{person_id} changed" in row]
    assert len(participant_rows) == 2 and "withdrawn_at : — → 2" in participant_rows[1]  # newest first
    undo_form = f'action="/missions/test-osaka/participants/{person_id}/undo-withdrawal"'
    assert page.count(undo_form) == 1
    assert "status : published → cancelled" in " ".join(rows)
    assert (
        browser.submit(f"/missions/test-osaka/participants/{person_id}/undo-withdrawal", page=LOG).status_code
        == 200
    )
    rows = _rows(browser.get(f"{LOG}?actor=organiser").text)
    page = browser.get(f"{LOG}?actor=organiser").text
    assert page.count("Withdrawal undone") == 3  # participant, meeting, request back
    assert page.count(">Undone<") == 4 and undo_form not in page  # each entry of the withdrawal


def test_search_filters_and_counts(world: World) -> None:
    browser, _ = _withdraw(world)
    page = browser.get(f"{LOG}?q=orga@a.lu&entity=meeting").text
    assert len(_rows(page)) == 1
    with world.factory() as session:
        total = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.mission_id == world.participant("test-osaka", "p-3").mission_id)
        )
    assert re.search(r'id="list-count"[^>]*>1 of ([\d,]+)<', page).group(1).replace(",", "") == str(total)
    assert _rows(browser.get(f"{LOG}?entity=nonsense&page=x").text)  # unknown values: the whole log
    with transaction(world.factory) as session:
        person = session.get(Participant, world.participant("test-osaka", "p-2").id)
        for number in range(60):  # one entry a flush
            person.job_title = f"Rank {number}"
            session.flush()
    second = browser.get(f"{LOG}?q=Rank&page=2").text
    assert "Page 2 of 2" in second and len(_rows(second)) == 10
    assert "Rank 8 → Rank 9" in " ".join(_rows(second))  # newest first: the oldest on the last page


def test_a_participants_history_shows_only_the_entries_about_them(world: World) -> None:
    browser, person_id = _withdraw(world, "p-2")  # p-2: r-2 pending to p-4, no meeting
    page = browser.get(f"/missions/test-osaka/participants/{person_id}/history").text
    rows = _rows(page)
    with world.factory() as session:
        about = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.about.like(f"%,{person_id},%"))
        )
    assert len(rows) == about
    assert any("Withdrawal Meeting request" in row and "pending → cancelled" in row for row in rows)
    assert "History of Jonas Weber" in page


def test_the_export_neutralises_formulas(world: World) -> None:
    with transaction(world.factory) as session:
        session.get(Participant, world.participant("test-osaka", "p-1").id).job_title = "=HYPERLINK(1)"
    browser = world.organiser()
    response = browser.get(f"{LOG}/export.csv?q=HYPERLINK")
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka-audit.csv"'
    [header, row] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[-3:] == ["field", "before", "after"]
    assert (row[2], row[6], row[8], row[-3:]) == (
        "system",
        "participant",
        "updated",
        ["job_title", "CEO", "'=HYPERLINK(1)"],
    )
    workbook = load_workbook(io.BytesIO(browser.get(f"{LOG}/export.xlsx?q=HYPERLINK").content))
    cell = workbook["audit"]["M2"]
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(1)", "s")
    assert browser.get(f"{LOG}/export.pdf").status_code == 404


def test_undo_from_the_log_and_once_only(world: World) -> None:
    browser = world.organiser()
    ids = [str(world.participant("test-osaka", key).id) for key in ("p-1", "p-2")]
    form = {"selected": ids, "action": "max_meetings", "value": "2"}
    assert (
        browser.submit(
            "/missions/test-osaka/participants/bulk/apply", form, page="/missions/test-osaka/participants"
        ).status_code
        == 200
    )
    page = browser.get(f"{LOG}?q=max_meetings").text
    [action] = re.findall(r'action="(/missions/test-osaka/audit/\w+/undo)"', page)
    done = browser.submit(action, page=LOG)
    assert (done.status_code, done.headers["location"]) == (303, f"{LOG}?undone=bulk_max_meetings")
    assert "Undone: Meeting limit of a selection" in browser.get(done.headers["location"]).text
    with world.factory() as session:
        assert [session.get(Participant, int(i)).max_meetings for i in ids] == [5, None]
    again = browser.submit(action, page=LOG)
    assert again.status_code == 409 and "This operation was already undone." in again.text


def test_the_log_speaks_french_and_japanese(world: World) -> None:
    browser, _ = _withdraw(world)
    browser.headers["accept-language"] = "fr"
    page = browser.get(f"{LOG}?actor=organiser").text
    assert "Journal d'audit" in page.replace("&#39;", "'") and "Organisateur" in page and ">Retrait<" in page
    browser.headers["accept-language"] = "ja"
    page = browser.get(f"{LOG}?actor=organiser").text
    assert "監査ログ" in page and "主催者" in page and ">参加取り消し<" in page


def test_a_bulk_time_zone_change_is_undone_from_the_log(world: World) -> None:
    browser = world.organiser()
    ids = [str(world.participant("test-osaka", key).id) for key in ("p-1", "p-2")]
    form = {"selected": ids, "action": "timezone", "value": "Europe/Paris"}
    applied = browser.submit(
        "/missions/test-osaka/participants/bulk/apply", form, page="/missions/test-osaka/participants"
    )
    assert applied.status_code == 200
    page = browser.get(f"{LOG}?q=timezone").text
    [action] = re.findall(r'action="(/missions/test-osaka/audit/\w+/undo)"', page)
    done = browser.submit(action, page=LOG)
    assert (done.status_code, done.headers["location"]) == (303, f"{LOG}?undone=bulk_timezone")
    assert "Undone: Time zone of a selection" in browser.get(done.headers["location"]).text
    with world.factory() as session:
        zones = [session.get(Participant, int(i)).timezone for i in ids]  # type: ignore[union-attr]
        assert zones == ["Europe/Luxembourg", None]


def test_a_waiting_list_left_is_in_the_log_in_three_languages(world: World) -> None:
    browser = world.organiser()
    with world.factory() as session:
        visit = session.scalars(select(ProgrammeItem).where(ProgrammeItem.key == "visit-1")).all()
        [item_id] = [i.id for i in visit if i.mission.slug == "test-osaka"]
    path = f"/missions/test-osaka/programme/{item_id}/participants"
    ids = [str(world.participant("test-osaka", key).id) for key in ("p-2", "p-3", "p-4")]
    assert browser.submit(path, {"participant_id": ids}, page=path).status_code == 303  # p-3, p-4 wait
    yamada = world.participant("test-osaka", "p-3").id
    remove = f"/missions/test-osaka/programme/{item_id}/waiting/{yamada}/remove"
    assert browser.submit(remove, page=path).status_code == 303
    page = browser.get(f"{LOG}?actor=organiser").text
    left = re.findall(r'<tr data-operation="leave_waiting_list".*?</tr>', page, re.S)
    rows = _rows(f'<table class="list" id="audit-log"><tbody>{"".join(left)}</tbody>')
    assert [row.split(" Organiser orga@a.lu ")[1] for row in rows] == [  # newest first
        f"Waiting list left Waiting list #{item_id} changed Hanako Sato position : 2 → 1",
        f"Waiting list left Waiting list #{item_id} deleted 山田 太郎 participant_id : {yamada} → —"
        " position : 1 → —",
    ]
    browser.headers["accept-language"] = "fr"
    page = browser.get(f"{LOG}?actor=organiser").text.replace("&#39;", "'")
    assert "<strong>Départ de la liste d'attente</strong><br>Liste d'attente #" in page
    browser.headers["accept-language"] = "ja"
    page = browser.get(f"{LOG}?actor=organiser").text
    assert "<strong>キャンセル待ちを取り消し</strong><br>キャンセル待ちリスト #" in page
