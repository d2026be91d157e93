"""An organiser adds or edits an organisation: name (unique in the mission), side, sectors, country, city and
website. Its side cannot change while one of its people has a meeting or an open request: the schedule
and the requests were made across the two sides."""

import re
from collections.abc import Mapping

from sqlalchemy.orm import Session

from missionmatch.models import Mission, Organisation
from missionmatch.models.enums import OrganisationSize, Side
from missionmatch.sectors import SECTORS
from missionmatch.services.participant_editing import has_schedule
from missionmatch.services.participant_fields import text_error
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.setup_fields import FieldReader

_COUNTRY = re.compile(r"[A-Z]{2}")
_TEXT_FIELDS = (("name", "name"), ("city", "city"), ("website", "website"))


def _in_use(session: Session, organisation: Organisation) -> bool:
    return any(has_schedule(session, p) for p in organisation.participants)


def save_organisation(
    session: Session,
    mission: Mission,
    organisation: Organisation | None,
    values: Mapping[str, str],
    sectors: list[str],
) -> Organisation:
    """Creates (organisation None) or updates an organisation of the mission; raises SetupRejected."""
    lock_schedule(session, mission.id)  # a side is checked against meetings that must not change meanwhile
    read = FieldReader(values)
    for name, rule in _TEXT_FIELDS:
        if error := text_error(values.get(name, ""), rule):
            read.errors.setdefault(name, error)
    name = read.text("name", 200, required=True)
    others = {o.name.casefold() for o in mission.organisations if o is not organisation}
    if name and name.casefold() in others:
        read.fail("name", "organisation_exists")
    side_text = values.get("side", "").strip()
    side = Side(side_text) if side_text in {s.value for s in Side} else None
    if side is None:
        read.fail("side", "unknown_side")
    elif organisation is not None and side != organisation.side and _in_use(session, organisation):
        read.fail("side", "side_in_use")
    country = values.get("country", "").strip().upper()
    if not _COUNTRY.fullmatch(country):
        read.fail("country", "country")
    city = read.text("city", 100)
    website = read.text("website", 300)
    size_text = values.get("size", "").strip()
    sizes = {s.value: s for s in OrganisationSize}
    if size_text and size_text not in sizes:
        read.fail("size", "unknown_size")
    if any(code not in SECTORS for code in sectors):
        read.fail("sectors", "unknown_sector")
    read.done()
    assert side is not None  # read.done() raised otherwise
    found = organisation or Organisation(mission=mission, name=name, side=side, country=country)
    found.name, found.side, found.country, found.city, found.website = name, side, country, city, website
    found.size = sizes.get(size_text)
    found.sectors = list(dict.fromkeys(sectors))
    session.add(found)
    session.flush()
    return found
