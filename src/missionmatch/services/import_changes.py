"""What an import row changes on a registered participant and their organisation, field by field, in the same
words before and after: the preview lists these changes and the apply step writes exactly them."""

from dataclasses import dataclass
from typing import Any

from missionmatch.models import Organisation, Participant, Profile
from missionmatch.services.import_cells import Values

# fields stored on the participant, on their profile, and on their organisation
PERSON_FIELDS: tuple[str, ...] = (
    *("email", "key", "first_name", "last_name", "job_title", "languages"),
    *("min_meetings", "max_meetings", "hosted_table"),
)
PROFILE_FIELDS = ("sectors", "offers", "needs", "profile_language")
ORGANISATION_FIELDS = ("country", "city", "website")


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def shown(value: Any) -> str:
    """A value as the preview shows it: lists joined, no value as blank."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _profile_value(profile: Profile | None, field: str) -> Any:
    if profile is None:
        return None
    return profile.language if field == "profile_language" else getattr(profile, field)


def person_changes(person: Participant, values: Values) -> list[Change]:
    """The participant's own fields (organisation included) that the row's values change."""
    changes = []
    for field in (*PERSON_FIELDS, "organisation", *PROFILE_FIELDS):
        if field not in values:
            continue
        if field == "organisation":
            before: Any = person.organisation.name
            if before.casefold() == values[field].casefold():
                continue
        elif field in PROFILE_FIELDS:
            before = _profile_value(person.profile, field)
        else:
            before = getattr(person, field)
        if before != values[field]:
            changes.append(Change(field, shown(before), shown(values[field])))
    return changes


def organisation_changes(organisation: Organisation, values: Values) -> list[Change]:
    return [
        Change(field, shown(getattr(organisation, field)), shown(values[field]))
        for field in ORGANISATION_FIELDS
        if field in values and getattr(organisation, field) != values[field]
    ]


def write_person(person: Participant, values: Values, organisation: Organisation) -> None:
    """Sets what the row gives (a blank cell gave no value and leaves the field as it is)."""
    for field in PERSON_FIELDS:
        if field in values:
            setattr(person, field, values[field])
    person.organisation = organisation
    if person.profile is None:
        person.profile = Profile(language="en", offers="", needs="", sectors=[], keywords=[])
    for field in PROFILE_FIELDS:
        if field in values:
            setattr(person.profile, "language" if field == "profile_language" else field, values[field])


def write_organisation(organisation: Organisation, values: Values) -> None:
    for field in ORGANISATION_FIELDS:
        if field in values:
            setattr(organisation, field, values[field])
    if values.get("sectors"):
        organisation.sectors = list(dict.fromkeys([*organisation.sectors, *values["sectors"]]))
