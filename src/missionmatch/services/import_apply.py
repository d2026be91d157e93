"""Writes an import plan in the caller's one transaction: every row or none. The plan is made again under
the mission's lock, and refused when it is not the one the organiser saw in the preview."""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from missionmatch.models import Mission, Organisation, Participant, Profile
from missionmatch.models.enums import Side
from missionmatch.services.import_changes import write_organisation, write_person
from missionmatch.services.import_mapping import ColumnChoice, save_choice
from missionmatch.services.import_plan import ADD, UPDATE, ImportPlan, PlannedRow, plan_import
from missionmatch.services.participant_fields import guess_language
from missionmatch.services.problems import InputRejected
from missionmatch.services.row_locks import lock_schedule
from missionmatch.services.tabular import Sheet


class PreviewOutdated(Exception):
    """The participants changed since the preview: applying it now would write what nobody saw."""


@dataclass
class ImportReport:
    created_participants: int = 0
    updated_participants: int = 0
    unchanged_participants: int = 0
    created_organisations: int = 0
    encoding: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


def apply_import(
    session: Session, mission: Mission, sheet: Sheet, choice: ColumnChoice, expected: str | None = None
) -> ImportReport:
    """Raises InputRejected (a bad row: nothing written) or PreviewOutdated (`expected`, the preview's
    fingerprint, no longer matches)."""
    lock_schedule(session, mission.id)  # a hosted table is given away by one writer at a time
    plan = plan_import(session, mission, sheet, choice)
    if plan.problems:
        raise InputRejected(plan.problems)
    if expected is not None and plan.fingerprint() != expected:
        raise PreviewOutdated()
    report = _write(session, mission, plan)
    save_choice(session, mission, choice)
    return report


def _write(session: Session, mission: Mission, plan: ImportPlan) -> ImportReport:
    report = ImportReport(encoding=plan.encoding, columns=plan.choice.columns)
    organisations = {o.name.casefold(): o for o in mission.organisations}
    for row in plan.rows:
        organisation = organisations.get(row.organisation.casefold())
        if organisation is None:
            organisation = _new_organisation(mission, row)
            session.add(organisation)
            organisations[row.organisation.casefold()] = organisation
            report.created_organisations += 1
        else:
            write_organisation(organisation, row.values)
        if row.action == ADD:
            person = _new_person(mission, row)
            write_person(person, row.values, organisation)
            session.add(person)
            report.created_participants += 1
        elif row.action == UPDATE:
            person = session.get_one(Participant, row.participant_id)
            write_person(person, row.values, organisation)
            report.updated_participants += 1
        else:
            report.unchanged_participants += 1
    session.flush()
    return report


def _new_organisation(mission: Mission, row: PlannedRow) -> Organisation:
    values = row.values
    country = values.get("country") or (
        mission.origin_country if row.side == Side.DELEGATION else mission.host_country
    )
    return Organisation(
        mission=mission,
        name=row.organisation,
        side=row.side,
        country=country.upper()[:2],
        city=values.get("city", ""),
        sectors=values.get("sectors", []),
        website=values.get("website", ""),
    )


def _new_person(mission: Mission, row: PlannedRow) -> Participant:
    values = row.values
    offers, needs = values.get("offers", ""), values.get("needs", "")
    language = values.get("profile_language") or guess_language(f"{offers} {needs}")
    profile = Profile(
        language=language, offers=offers, needs=needs, sectors=values.get("sectors", []), keywords=[]
    )
    return Participant(mission=mission, languages=[], profile=profile)
