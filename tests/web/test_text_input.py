"""Text that cannot be stored is refused at the edge with 422 naming the field (forms and API bodies) or
listed by row and column (imports): never a 500, never a NUL byte in the database."""

from sqlalchemy import func, select

from missionmatch.models import Participant
from tests.web.api_client import participant_api
from tests.web.conftest import World
from tests.web.import_steps import choose, upload


def test_a_nul_byte_in_a_form_is_refused_naming_the_field(world: World) -> None:
    browser = world.as_participant("test-osaka", "p-4")
    data = {"language": "ja", "offers": "ロボ\x00ット", "needs": "", "sectors": ["space"], "spoken": ["ja"]}
    response = browser.submit("/me/profile", data, page="/me/profile")
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"field": "offers", "message": "contains a control character (U+0000) at position 3"}],
    )
    with world.factory() as session:
        sato = session.get(Participant, world.participant("test-osaka", "p-4").id)
        assert sato.profile is None  # nothing was written


def test_a_nul_byte_or_a_huge_string_in_an_api_body_is_refused_naming_the_field(world: World) -> None:
    api = participant_api(world, "test-osaka", "p-1")
    body = {"language": "fr", "offers": "ok\x00", "needs": "n" * 200_000, "sectors": [], "languages": ["fr"]}
    response = api.put("/api/v1/me/profile", json=body)
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [
            {"field": "offers", "message": "contains a control character (U+0000) at position 3"},
            {"field": "needs", "message": "is 200,000 characters long; at most 10,000 are allowed"},
        ],
    )


def test_an_import_with_a_200000_character_field_lists_the_row_and_column(world: World) -> None:
    header = "email,first_name,last_name,organisation,side\n"
    csv = header + f"ken@kk.example.jp,Ken,{'I' * 200_000},Osaka Robotics,host\n"
    browser = world.organiser()
    url = upload(browser, "test-osaka", "hosts.csv", csv.encode())
    assert choose(browser, url).status_code == 303
    response = browser.get(f"{url}/preview")
    assert response.status_code == 400
    assert (
        "<td>Row 2</td><td>last_name</td><td>200,000 characters: at most 100 are allowed.</td>"
        in response.text
    )
    with world.factory() as session:
        assert session.scalar(select(func.count(Participant.id))) == 8
