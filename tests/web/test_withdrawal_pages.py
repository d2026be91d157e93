"""Organiser pages: withdrawing a participant after a confirmation, and undoing it (fixture: Taro Yamada,
p-3, has the published meeting m-1 with Anne Muller and Hanako Sato, and the accepted request r-1)."""

import re

from sqlalchemy import select

from missionmatch.models import Meeting, Mission
from missionmatch.models.enums import MeetingStatus
from tests.web.conftest import World

LIST = "/missions/test-osaka/participants"


def _text(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}">(.*?)</div>', page, re.S)
    assert found, element_id
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _status(world: World) -> MeetingStatus:
    with world.factory() as session:
        mission = session.scalars(select(Mission.id).where(Mission.slug == "test-osaka")).one()
        return session.scalars(
            select(Meeting.status).where(Meeting.key == "m-1", Meeting.mission_id == mission)
        ).one()


def test_the_confirmation_says_what_becomes_of_the_meetings_and_writes_nothing(world: World) -> None:
    browser = world.organiser()
    yamada = world.participant("test-osaka", "p-3")
    page = browser.get(f"{LIST}/{yamada.id}/withdraw").text
    assert _text(page, "withdrawal-plan") == (
        "1 published meeting will be cancelled. Its partners were told about it: replan and publish to tell "
        "them what changed. m-1 · B2B afternoon, 5/27/25, 2:40 PM (Japan Time), table 2 · "
        "Anne Muller, Hanako Sato "
        "1 open meeting request to or from them will be cancelled. "
        "You can undo the withdrawal afterwards: what is still free comes back."
    )
    assert _status(world) == MeetingStatus.PUBLISHED
    assert f'href="{LIST}/{yamada.id}/withdraw"' in browser.get(LIST).text


def test_withdraw_then_undo_brings_the_meeting_back(world: World) -> None:
    browser = world.organiser()
    yamada = world.participant("test-osaka", "p-3")
    response = browser.submit(f"{LIST}/{yamada.id}/withdraw", page=LIST)
    after = browser.get(response.headers["location"]).text
    assert _text(after, "withdrawn-notice").startswith(
        "山田 太郎 has withdrawn: their meetings and open requests are cancelled."
    )
    assert _status(world) == MeetingStatus.CANCELLED
    undone = browser.submit(f"{LIST}/{yamada.id}/undo-withdrawal", page=LIST)
    assert undone.status_code == 200
    assert _text(undone.text, "undo-report") == (
        "山田 太郎 takes part in the mission again. 1 meeting is back in its slot and table: "
        "m-1 · B2B afternoon, 5/27/25, 2:40 PM (Japan Time), table 2 · Anne Muller, Hanako Sato "
        "1 meeting request is open again."
    )
    assert (_status(world), world.participant("test-osaka", "p-3").withdrawn_at) == (
        MeetingStatus.PUBLISHED,
        None,
    )
