"""Selected participants as a CSV file with the import's column names, so that an edited copy imports back."""

import csv
import io
from collections.abc import Iterable

from missionmatch.models import Participant
from missionmatch.services.participant_columns import FIELDS


def _values(person: Participant) -> dict[str, str]:
    organisation, profile = person.organisation, person.profile
    numbers = {
        name: "" if getattr(person, name) is None else str(getattr(person, name))
        for name in ("min_meetings", "max_meetings", "hosted_table")
    }
    return {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "organisation": organisation.name,
        "side": organisation.side.value,
        "country": organisation.country,
        "city": organisation.city,
        "job_title": person.job_title,
        "languages": ";".join(person.languages),
        "sectors": ";".join(profile.sectors if profile else organisation.sectors),
        "offers": profile.offers if profile else "",
        "needs": profile.needs if profile else "",
        "profile_language": profile.language if profile else "",
        "website": organisation.website,
        **numbers,
    }


def participants_csv(people: Iterable[Participant]) -> str:
    """UTF-8 text with a header row; a spreadsheet opens it with the BOM the caller adds."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for person in people:
        writer.writerow(_values(person))
    return out.getvalue()
