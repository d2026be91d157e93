"""How a person's name is written on what we show and print: in the order the person chose (given name first,
or family name first as in Japanese), else family name first when their profile is written in Japanese, given
name first otherwise."""

from typing import Final

from missionmatch.models import Participant

FAMILY_NAME_FIRST = frozenset({"ja"})
NAME_ORDERS: Final = ("given_first", "family_first")


def family_name_first(participant: Participant) -> bool:
    if participant.name_order in NAME_ORDERS:
        return participant.name_order == "family_first"
    profile = participant.profile
    return profile is not None and profile.language in FAMILY_NAME_FIRST


def display_name(participant: Participant) -> str:
    if family_name_first(participant):
        return f"{participant.last_name} {participant.first_name}"
    return f"{participant.first_name} {participant.last_name}"


def name_order(value: str | None) -> str | None:
    """The stored order for a form's or a file's value; anything else (blank, unknown) is automatic."""
    return value if value in NAME_ORDERS else None
