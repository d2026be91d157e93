"""Organisers change who attends a meeting from its page; a refusal shows the page again with the reasons."""

from missionmatch.models import Meeting
from tests.web.conftest import World
from tests.web.test_meeting_placement_pages import SLUG, _ids


def test_an_organiser_lets_a_colleague_attend_instead_and_is_refused_one_side_only(world: World) -> None:
    meeting = _ids(world)["m-1"]  # Anne Muller with 山田 and Hanako Sato
    browser = world.organiser()
    page_path = f"/missions/{SLUG}/meetings/{meeting}/move"
    page = browser.get(page_path).text
    assert "<legend>Kansai Orbital KK</legend>" in page and "Change the attendees" in page
    anne, yamada = (world.participant(SLUG, key).id for key in ("p-1", "p-3"))
    changed = browser.submit(  # Sato no longer comes
        f"/missions/{SLUG}/meetings/{meeting}/attendees", {"attendee_ids": [anne, yamada]}, page=page_path
    )
    assert (changed.status_code, changed.headers["location"]) == (303, page_path)
    with world.factory() as session:
        found = session.get(Meeting, meeting)
        assert found is not None and [p.key for p in found.participants] == ["p-1", "p-3"]
    refused = browser.submit(
        f"/missions/{SLUG}/meetings/{meeting}/attendees", {"attendee_ids": [yamada]}, page=page_path
    )
    assert refused.status_code == 409
    assert "A meeting needs at least one attendee from the delegation and one from the hosts." in refused.text
