"""GET /api/v1/missions/{slug}/participants: organisers read meeting limits and hosted tables; participants
never see them."""

from tests.web.api_client import organiser_api, participant_api
from tests.web.conftest import World

PATH = "/api/v1/missions/test-osaka/participants"
FIELDS = ("min_meetings", "max_meetings", "hosted_table")


def test_organisers_read_the_limits_and_hosted_tables(world: World) -> None:
    people = organiser_api(world).get(PATH).json()
    assert [(p["name"], *(p[f] for f in FIELDS)) for p in people] == [
        ("Anne Muller", 0, 5, None),
        ("Jonas Weber", None, None, None),
        ("太郎 山田", None, None, 2),
        ("Hanako Sato", None, None, 2),
    ]


def test_participants_do_not_see_them(world: World) -> None:
    people = participant_api(world, "test-osaka", "p-1").get(PATH).json()
    assert [(p["name"], *(p[f] for f in FIELDS)) for p in people] == [
        ("Anne Muller", None, None, None),
        ("太郎 山田", None, None, None),
        ("Hanako Sato", None, None, None),
    ]
