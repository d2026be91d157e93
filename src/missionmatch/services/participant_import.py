"""Registers participants from a sheet: every row is checked first, then all are written or none."""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.models import Mission, Organisation, Participant, Profile
from missionmatch.models.enums import Side
from missionmatch.sectors import find_sector
from missionmatch.services.participant_columns import detect_columns
from missionmatch.services.participant_fields import (
    LANGUAGE_WORDS,
    SIDE_WORDS,
    email_error,
    guess_language,
    split_list,
)
from missionmatch.services.participant_fields import describe as describe_field
from missionmatch.services.participant_limits import (
    LIMIT_FIELDS,
    MeetingLimits,
    TableHolder,
    check_limits,
    describe,
    read_cells,
    smallest_session_tables,
    tables_kept,
)
from missionmatch.services.problems import InputRejected, Problem
from missionmatch.services.tabular import Sheet, read_sheet
from missionmatch.services.text_rules import row_problems


@dataclass
class ImportReport:
    created_participants: int = 0
    created_organisations: int = 0
    encoding: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


def import_participants(
    session: Session, mission: Mission, path: Path, column_overrides: dict[str, str] | None = None
) -> ImportReport:
    sheet = read_sheet(path)
    return import_sheet(session, mission, sheet, column_overrides)


def import_sheet(
    session: Session, mission: Mission, sheet: Sheet, column_overrides: dict[str, str] | None = None
) -> ImportReport:
    columns, column_problems = detect_columns(sheet.headers, column_overrides)
    if column_problems:
        raise InputRejected([Problem("header", "", text) for text in column_problems])
    organisations = {o.name.casefold(): o for o in mission.organisations}
    known_emails = set(session.scalars(select(Participant.email).where(Participant.mission_id == mission.id)))
    problems: list[Problem] = []
    seen_emails: dict[str, int] = {}
    new_org_sides: dict[str, Side] = {}
    accepted: list[tuple[dict[str, str], Side, list[str], list[str], MeetingLimits]] = []
    tables = smallest_session_tables(mission)
    taken = tables_kept(mission, lambda p: p.organisation.name.casefold())

    for offset, raw in enumerate(sheet.rows):
        number = sheet.first_row_number + offset
        row = {name: raw.get(header, "").strip() for name, header in columns.items()}
        if not any(row.values()):
            continue  # blank lines at the end of sheets are common
        where = f"row {number}"
        before = len(problems)
        problems.extend(row_problems(row, where, columns))

        def bad(name: str, reason: str, where: str = where) -> None:
            problems.append(Problem(where, columns.get(name, name), reason))

        for name in ("email", "first_name", "last_name", "organisation"):
            if not row.get(name):
                bad(name, "is empty")
        email = row.get("email", "").lower()
        wrong_email = email_error(email, known_emails) if email else None
        if wrong_email is not None:
            bad("email", describe_field(wrong_email))
        elif email in seen_emails:
            bad("email", f"{email} appears twice (also row {seen_emails[email]})")
        seen_emails.setdefault(email, number)

        org_name = row.get("organisation", "")
        existing = organisations.get(org_name.casefold())
        side_text = row.get("side", "").casefold()
        side = SIDE_WORDS.get(side_text) if side_text else None
        if side_text and side is None:
            bad("side", f"unknown side {row['side']!r} (delegation or host)")
        known_side = existing.side if existing else new_org_sides.get(org_name.casefold())
        if side and known_side and side != known_side:
            bad("side", f"{org_name} is already on the {known_side.value} side")
        side = side or known_side
        if org_name and side is None and not side_text:
            bad("side", f"is empty and {org_name!r} is a new organisation")
        if side and org_name and existing is None:
            new_org_sides.setdefault(org_name.casefold(), side)

        sectors = []
        for label in split_list(row.get("sectors", "")):
            code = find_sector(label)
            if code is None:
                bad("sectors", f"unknown sector {label!r}")
            else:
                sectors.append(code)
        languages = []
        for label in split_list(row.get("languages", "")):
            code = LANGUAGE_WORDS.get(label.casefold())
            if code is None:
                bad("languages", f"unknown language {label!r}")
            elif code not in languages:
                languages.append(code)
        profile_language = row.get("profile_language", "").casefold()
        if profile_language and profile_language not in LANGUAGE_WORDS:
            bad("profile_language", f"unknown language {row['profile_language']!r}")
        limits, unreadable = read_cells(row)
        errors = {**check_limits(limits, tables, org_name.casefold(), taken), **unreadable}
        for name in LIMIT_FIELDS:
            if name in errors:
                bad(name, describe(errors[name]))
        if limits.hosted_table is not None and "hosted_table" not in errors:
            holder = f"{row.get('first_name')} {row.get('last_name')} ({org_name}), {where}"
            taken.setdefault(limits.hosted_table, TableHolder(org_name.casefold(), holder))
        if len(problems) == before:
            # every way to leave side None (empty organisation, unknown side, new organisation without a
            # side) added a problem above
            assert side is not None
            accepted.append((row, side, sectors, languages, limits))

    if problems:
        raise InputRejected(problems)
    return _write(session, mission, accepted, organisations, sheet, columns)


def _write(session, mission, accepted, organisations, sheet, columns) -> ImportReport:
    report = ImportReport(encoding=sheet.encoding, columns=columns)
    for row, side, sectors, languages, limits in accepted:
        organisation = organisations.get(row["organisation"].casefold())
        if organisation is None:
            country = row.get("country") or (
                mission.origin_country if side == Side.DELEGATION else mission.host_country
            )
            organisation = Organisation(
                mission=mission,
                name=row["organisation"],
                side=side,
                country=country.upper()[:2],
                city=row.get("city", ""),
                sectors=sectors,
                website=row.get("website", ""),
            )
            session.add(organisation)
            organisations[row["organisation"].casefold()] = organisation
            report.created_organisations += 1
        else:
            organisation.sectors = list(dict.fromkeys([*organisation.sectors, *sectors]))
        offers, needs = row.get("offers", ""), row.get("needs", "")
        language_label = row.get("profile_language", "").casefold()
        profile_language = LANGUAGE_WORDS.get(language_label) or guess_language(f"{offers} {needs}")
        participant = Participant(
            mission=mission,
            organisation=organisation,
            email=row["email"].lower(),
            first_name=row["first_name"],
            last_name=row["last_name"],
            job_title=row.get("job_title", ""),
            languages=languages,
            min_meetings=limits.min_meetings,
            max_meetings=limits.max_meetings,
            hosted_table=limits.hosted_table,
            profile=Profile(
                language=profile_language, offers=offers, needs=needs, sectors=sectors, keywords=[]
            ),
        )
        session.add(participant)
        report.created_participants += 1
    session.flush()
    return report
