"""Organiser pages of the outcomes: feedback (filters, summaries per meeting and per participant, comments
with their language), the follow-ups list with its done mark, a feedback that promised an agreement
starting one, the exports with formula cells neutralised, and participants' public agreements."""

import csv
import io
import re

from openpyxl import load_workbook

from missionmatch.db import transaction
from missionmatch.models import Agreement, Feedback
from missionmatch.models.enums import FollowUp
from missionmatch.web import permissions
from tests.web.conftest import World
from tests.web.outcome_helpers import agreement, feedback_id, meeting_row_id, organisation_id

FEEDBACK = "/missions/test-osaka/feedback"
FOLLOW_UPS = "/missions/test-osaka/follow-ups"
FORMULA = '=HYPERLINK("http://x")'


def _more_feedback(world: World) -> None:
    """Besides Anne's 5 (a visit): 山田 gives 3 and wants an agreement, Sato 4 and no follow-up."""
    meeting = meeting_row_id(world)
    with transaction(world.factory) as session:
        for key, rating, follow_up, comment in (
            ("p-3", 3, FollowUp.AGREEMENT, FORMULA),
            ("p-4", 4, FollowUp.NONE, ""),
        ):
            author = world.participant("test-osaka", key)
            session.add(
                Feedback(
                    meeting_id=meeting,
                    author_id=author.id,
                    rating=rating,
                    follow_up=follow_up,
                    comment=comment,
                )
            )


def _comment_rows(page: str) -> list[tuple[str, str]]:
    table = page.split('id="feedback">')[1].split("</table>")[0]
    return re.findall(r"<tr><td>([^<]+)<br>.*?<td>(\d)</td>", table, re.S)


def test_feedback_page_sums_up_and_filters(world: World) -> None:
    _more_feedback(world)
    browser = world.organiser()
    page = browser.get(FEEDBACK).text
    summary = dict(
        re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page.split('id="summary">')[1].split("</dl>")[0])
    )
    assert summary == {"Feedback given": "3", "Average rating": "4.0", "A visit": "1", "An agreement": "1"}
    assert _comment_rows(page) == [("Anne Muller", "5"), ("太郎 山田", "3"), ("Hanako Sato", "4")]
    assert '<td lang="fr">Très utile <small>(French)</small></td>' in page
    assert _comment_rows(browser.get(f"{FEEDBACK}?side=host").text) == [
        ("太郎 山田", "3"),
        ("Hanako Sato", "4"),
    ]
    assert _comment_rows(browser.get(f"{FEEDBACK}?rating=5").text) == [("Anne Muller", "5")]
    assert _comment_rows(browser.get(f"{FEEDBACK}?follow_up=wanted").text) == [
        ("Anne Muller", "5"),
        ("太郎 山田", "3"),
    ]
    assert _comment_rows(browser.get(f"{FEEDBACK}?follow_up=none").text) == [("Hanako Sato", "4")]
    assert _comment_rows(browser.get(f"{FEEDBACK}?follow_up=agreement").text) == [("太郎 山田", "3")]
    jonas = world.participant("test-osaka", "p-2").id  # at no meeting
    assert _comment_rows(browser.get(f"{FEEDBACK}?participant={jonas}").text) == []
    with world.factory() as session:
        b2b = session.get(Feedback, feedback_id(world)).meeting.session_id
    assert len(_comment_rows(browser.get(f"{FEEDBACK}?session={b2b}").text)) == 3
    assert _comment_rows(browser.get(f"{FEEDBACK}?session={b2b + 1000}").text) == []


def test_a_feedback_that_promised_an_agreement_starts_a_filled_agreement_form(world: World) -> None:
    _more_feedback(world)
    browser = world.organiser()
    with world.factory() as session:
        promised = session.query(Feedback).filter(Feedback.follow_up == FollowUp.AGREEMENT).one().id
    link = f"/missions/test-osaka/agreements/new?feedback={promised}"
    assert f'<a href="{link}">Start an agreement</a>' in browser.get(FEEDBACK).text
    form = browser.get(link).text
    assert 'value="LuxSat Services – Kansai Orbital KK"' in form
    selected = re.findall(r'<option value="(\d+)" selected>', form)
    assert selected == [
        str(organisation_id(world, "lu-sat")),
        str(organisation_id(world, "jp-orbital")),
        str(meeting_row_id(world)),
    ]
    other = feedback_id(world, "other-tokyo")
    assert browser.get(f"/missions/test-osaka/agreements/new?feedback={other}").status_code == 404


def _follow_up_rows(page: str) -> list[tuple[str, str]]:
    table = page.split('id="follow-ups">')[1].split("</table>")[0]
    rows = re.findall(r'<tr class="follow-up">(.*?)</tr>', table, re.S)
    return [
        (
            re.search(r"<td>([^<]+)<br><small>", row).group(1),
            "done" if 'name="done" value="0"' in row else "open",
        )
        for row in rows
    ]


def test_follow_ups_are_listed_marked_done_and_filtered(world: World) -> None:
    _more_feedback(world)
    browser = world.organiser()
    assert _follow_up_rows(browser.get(FOLLOW_UPS).text) == [("Anne Muller", "open"), ("太郎 山田", "open")]
    anne = feedback_id(world)
    response = browser.submit(f"{FOLLOW_UPS}/{anne}", {"done": "1", "back": "kind=visit"}, page=FOLLOW_UPS)
    assert response.headers["location"] == f"{FOLLOW_UPS}?kind=visit"
    assert _follow_up_rows(browser.get(FOLLOW_UPS).text) == [("Anne Muller", "done"), ("太郎 山田", "open")]
    assert _follow_up_rows(browser.get(f"{FOLLOW_UPS}?done=0").text) == [("太郎 山田", "open")]
    assert _follow_up_rows(browser.get(f"{FOLLOW_UPS}?done=1&kind=visit").text) == [("Anne Muller", "done")]
    browser.submit(f"{FOLLOW_UPS}/{anne}", {"done": "0"}, page=FOLLOW_UPS)
    with world.factory() as session:
        assert session.get(Feedback, anne).follow_up_done_at is None


def test_another_missions_organiser_cannot_mark_a_follow_up(world: World) -> None:
    stranger = world.organiser("orga@b.lu")
    anne = feedback_id(world)
    assert stranger.get(FOLLOW_UPS).status_code == 404
    assert stranger.get(FEEDBACK).status_code == 404
    response = stranger.submit(f"/missions/other-tokyo/follow-ups/{anne}", {"done": "1"}, page="/missions")
    assert response.status_code == 404
    with world.factory() as session:
        assert session.get(Feedback, anne).follow_up_done_at is None


def test_exports_neutralise_formula_cells(world: World) -> None:
    _more_feedback(world)
    with transaction(world.factory) as session:
        session.get(Agreement, agreement(world).id).title = "@SUM(A1)"
    browser = world.organiser()
    response = browser.get(f"{FEEDBACK}/export.csv")
    assert response.headers["content-disposition"] == 'attachment; filename="test-osaka-feedback.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "meeting",
        "session",
        "starts_at",
        "author",
        "organisation",
        "side",
        "rating",
        "follow_up",
        "follow_up_done",
        "comment_language",
        "comment",
    ]
    assert [(r[3], r[6], r[7], r[10]) for r in rows[1:]] == [
        ("Anne Muller", "5", "visit", "Très utile"),
        ("太郎 山田", "3", "agreement", "'" + FORMULA),
        ("Hanako Sato", "4", "none", ""),
    ]
    assert rows[1][2] == "May 27, 2025, 2:40\u202fPM (Japan Time)"
    workbook = load_workbook(io.BytesIO(browser.get("/missions/test-osaka/agreements/export.xlsx").content))
    sheet = workbook["agreements"]
    assert [c.value for c in sheet[2]][:7] == [
        "a-1",
        "'@SUM(A1)",
        "mou",
        "signed",
        "2025-05-30",
        "no",
        "LuxSat Services; Kansai Orbital KK",
    ]
    assert sheet["B2"].data_type == "s"
    feedback_book = load_workbook(io.BytesIO(browser.get(f"{FEEDBACK}/export.xlsx?rating=3").content))
    assert [row[10] for row in feedback_book["feedback"].iter_rows(min_row=2, values_only=True)] == [
        "'" + FORMULA
    ]
    assert browser.get(f"{FEEDBACK}/export.pdf").status_code == 404


def test_participants_see_the_public_agreements_of_their_organisation_only(world: World) -> None:
    def titles(key: str) -> list[str]:
        page = world.as_participant("test-osaka", key).get("/me/agreements").text
        return re.findall(r"<li><b>([^<]+)</b>", page)

    assert (titles("p-3"), titles("p-2")) == (["MoU on in-orbit servicing"], [])
    with transaction(world.factory) as session:
        session.get(Agreement, agreement(world).id).confidential = True
    assert titles("p-3") == []


def test_rule_participants_see_public_agreements_their_organisation_is_party_to(world: World) -> None:
    with world.factory() as session:
        a1 = session.get(Agreement, agreement(world).id)
        people = [
            session.get(type(p), p.id)
            for p in (
                world.participant("test-osaka", "p-3"),  # Kansai Orbital, a party
                world.participant("test-osaka", "p-2"),  # Santé Data Lux, no party
                world.participant("other-tokyo", "p-3"),  # Kansai Orbital of another mission
            )
        ]
        assert [permissions.participant_sees_agreement(p, a1) for p in people] == [True, False, False]
        a1.confidential = True
        assert permissions.participant_sees_agreement(people[0], a1) is False
