"""The web side of languages: which language and time zone a visitor gets (cookies, Accept-Language). The
catalogs and the Translator live in missionmatch.i18n, shared with the mails services send; they are imported
here too so that web code has one place to import from."""

from functools import cache
from zoneinfo import available_timezones

from missionmatch.i18n import LANGUAGE_NAMES, LANGUAGES, Translator, catalog, minute_pattern

__all__ = [
    "COOKIE",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "ZONE_COOKIE",
    "Translator",
    "catalog",
    "known_zones",
    "minute_pattern",
    "negotiate",
    "viewer_zone",
]

COOKIE = "mm_lang"
ZONE_COOKIE = "mm_tz"  # the viewer's chosen IANA time zone; absent: the mission's


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def viewer_zone(cookie: str | None) -> str | None:
    """The time zone the viewer chose, if it is a real IANA zone; None means the mission's zone."""
    return cookie if cookie in known_zones() else None
