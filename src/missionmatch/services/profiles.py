"""A participant's own profile: what they offer and need in the language they write in, their sectors and
the languages they speak. Checked field by field; nothing is written when a field is wrong."""

from sqlalchemy.orm import Session

from missionmatch.models import Participant, Profile
from missionmatch.sectors import SECTORS
from missionmatch.services import person_names

PROFILE_LANGUAGES = ("en", "fr", "ja", "de", "lb", "nl", "it", "es", "zh")
MAX_TEXT = 4000


def profile_problems(
    language: str, offers: str, needs: str, sectors: list[str], spoken: list[str]
) -> dict[str, str]:
    """Field name -> problem code ("language", "length", "sectors"); empty when everything is valid."""
    problems = {}
    if language not in PROFILE_LANGUAGES:
        problems["language"] = "language"
    if len(offers) > MAX_TEXT:
        problems["offers"] = "length"
    if len(needs) > MAX_TEXT:
        problems["needs"] = "length"
    if any(code not in SECTORS for code in sectors):
        problems["sectors"] = "sectors"
    if any(code not in PROFILE_LANGUAGES for code in spoken):
        problems["languages"] = "language"
    return problems


def save_profile(
    session: Session,
    participant: Participant,
    *,
    language: str,
    offers: str,
    needs: str,
    sectors: list[str],
    spoken: list[str],
    name_order: str | None = None,
) -> Profile:
    """Writes a profile already checked with `profile_problems`; duplicates are dropped, order is kept.
    `name_order` None keeps the participant's; a form's value sets it ("" or unknown: automatic)."""
    profile = participant.profile or Profile(participant=participant, language=language, keywords=[])
    profile.language = language
    profile.offers = offers.strip()
    profile.needs = needs.strip()
    profile.sectors = list(dict.fromkeys(sectors))
    participant.languages = [code for code in dict.fromkeys(spoken) if code in PROFILE_LANGUAGES]
    if name_order is not None:
        participant.name_order = person_names.name_order(name_order)
    session.add(profile)
    session.flush()
    return profile
