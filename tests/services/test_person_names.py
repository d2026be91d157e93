"""Names in the order the person chose, else family name first for a Japanese profile."""

import pytest

from missionmatch.models import Participant, Profile
from missionmatch.services.person_names import display_name, name_order


def _person(order: str | None, language: str | None) -> Participant:
    person = Participant(first_name="太郎", last_name="山田", name_order=order)
    if language:
        person.profile = Profile(language=language)
    return person


@pytest.mark.parametrize(
    ("order", "language", "shown"),
    [
        (None, "ja", "山田 太郎"),  # as usual for a Japanese profile
        (None, "fr", "太郎 山田"),
        (None, None, "太郎 山田"),  # no profile yet
        ("given_first", "ja", "太郎 山田"),  # the person's choice wins
        ("family_first", "en", "山田 太郎"),
        ("family_first", None, "山田 太郎"),
        ("sideways", "ja", "山田 太郎"),  # an unknown stored value counts as automatic
    ],
)
def test_display_name(order: str | None, language: str | None, shown: str) -> None:
    assert display_name(_person(order, language)) == shown


def test_a_form_value_outside_the_choices_is_automatic() -> None:
    assert [name_order(v) for v in ("given_first", "family_first", "", "x", None)] == [
        "given_first",
        "family_first",
        None,
        None,
        None,
    ]
