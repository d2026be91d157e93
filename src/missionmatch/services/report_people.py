"""Who came, counted once across the missions of a campaign: a person by e-mail (stored lower-cased), a
company by its normalised name ("LuxSat S.A." = "Luxsat SA"), since each mission keeps its own rows."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from missionmatch.matching.rules import norm_org
from missionmatch.models import Organisation, Participant
from missionmatch.models.enums import Side

SIDES = (Side.DELEGATION.value, Side.HOST.value)


@dataclass(frozen=True)
class PeopleCounts:
    participants: dict[str, int]  # side -> people
    organisations: dict[str, int]  # side -> organisations
    participants_by_sector: dict[str, int]  # sector -> people of an organisation in it
    organisations_by_sector: dict[str, int]  # sector -> organisations in it

    @property
    def participant_total(self) -> int:
        return sum(self.participants.values())

    @property
    def organisation_total(self) -> int:
        return sum(self.organisations.values())


def _sorted(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _merge(rows: Iterable[tuple[str, str, list[str]]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """identity -> side (the first seen) and identity -> the union of its sectors."""
    sides: dict[str, str] = {}
    sectors: dict[str, set[str]] = {}
    for identity, side, row_sectors in rows:
        sides.setdefault(identity, side)
        sectors.setdefault(identity, set()).update(row_sectors)
    return sides, sectors


def count_people(organisations: Iterable[Organisation], participants: Iterable[Participant]) -> PeopleCounts:
    org_sides, org_sectors = _merge((norm_org(o.name), o.side.value, o.sectors) for o in organisations)
    person_sides, person_sectors = _merge(
        (p.email.casefold(), p.organisation.side.value, p.organisation.sectors) for p in participants
    )
    by_side_people = Counter(person_sides.values())
    by_side_orgs = Counter(org_sides.values())
    return PeopleCounts(
        participants={side: by_side_people[side] for side in SIDES},
        organisations={side: by_side_orgs[side] for side in SIDES},
        participants_by_sector=_sorted(Counter(s for found in person_sectors.values() for s in found)),
        organisations_by_sector=_sorted(Counter(s for found in org_sectors.values() for s in found)),
    )
