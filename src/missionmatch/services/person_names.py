"""How a person's name is written on what we print: Japanese order (family name first) when their profile is
written in Japanese, given name first otherwise."""

from missionmatch.models import Participant

FAMILY_NAME_FIRST = frozenset({"ja"})


def display_name(participant: Participant) -> str:
    profile = participant.profile
    if profile is not None and profile.language in FAMILY_NAME_FIRST:
        return f"{participant.last_name} {participant.first_name}"
    return f"{participant.first_name} {participant.last_name}"
