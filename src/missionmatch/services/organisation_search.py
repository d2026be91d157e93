"""The organisers' organisation list: search, filters, sorting and paging done by the database, with each
organisation's participants and empty profiles counted in the same statement (two statements a page)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import Subquery

from missionmatch.models import Organisation, Participant
from missionmatch.models.enums import Side
from missionmatch.services.list_query import (
    PAGE_SIZE,
    Column,
    ListQuery,
    Paging,
    has_sector,
    like_pattern,
    ordered,
    sector_codes_named,
)
from missionmatch.services.participant_search import complete_profile

STATUSES: Final = ("empty_profiles", "no_participants")
SORTS: Final = ("name", "side", "country", "participants", "empty")


@dataclass(frozen=True)
class OrganisationRow:
    organisation: Organisation
    participants: int
    empty_profiles: int


@dataclass(frozen=True)
class OrganisationPage:
    rows: list[OrganisationRow]
    paging: Paging


def parse_query(params: Mapping[str, str]) -> ListQuery:
    return ListQuery.parse(params, STATUSES, SORTS)


def _people_counts(mission_id: int) -> Subquery:
    """Participants and empty profiles per organisation of the mission, one grouped read."""
    return (
        select(
            Participant.organisation_id.label("organisation_id"),
            func.count(Participant.id).label("people"),
            func.count(case((~complete_profile(), 1))).label("empty"),
        )
        .outerjoin(Participant.profile)
        .where(Participant.mission_id == mission_id)
        .group_by(Participant.organisation_id)
        .subquery()
    )


def search_organisations(session: Session, mission_id: int, query: ListQuery) -> OrganisationPage:
    counts = _people_counts(mission_id)
    people = func.coalesce(counts.c.people, 0)
    empty = func.coalesce(counts.c.empty, 0)
    filters: list[ColumnElement[bool]] = []
    if query.q:
        pattern = like_pattern(query.q)
        texts = (Organisation.name, Organisation.city, Organisation.country, Organisation.website)
        sectors = [has_sector(Organisation.sectors, code) for code in sector_codes_named(query.q)]
        filters.append(or_(*[column.ilike(pattern, escape="\\") for column in texts], *sectors))
    if query.side:
        filters.append(Organisation.side == Side(query.side))
    if query.sector:
        filters.append(has_sector(Organisation.sectors, query.sector))
    if query.status == "empty_profiles":
        filters.append(empty > 0)
    if query.status == "no_participants":
        filters.append(people == 0)
    in_mission = Organisation.mission_id == mission_id
    matched_case = case((and_(*filters), 1)) if filters else case((Organisation.id.is_not(None), 1))
    total, matched = session.execute(
        select(func.count(Organisation.id), func.count(matched_case))
        .outerjoin(counts, counts.c.organisation_id == Organisation.id)
        .where(in_mission)
    ).one()
    paging = Paging.of(matched=int(matched), total=int(total), asked=query.page)
    sort_columns: dict[str, list[Column]] = {
        "name": [Organisation.name],
        "side": [Organisation.side, Organisation.name],
        "country": [Organisation.country, Organisation.city, Organisation.name],
        "participants": [people, Organisation.name],
        "empty": [empty, Organisation.name],
    }
    order = sort_columns[query.sort] + [Organisation.id]
    found = session.execute(
        select(Organisation, people, empty)
        .outerjoin(counts, counts.c.organisation_id == Organisation.id)
        .where(in_mission, *filters)
        .order_by(*ordered(order, query.descending))
        .limit(PAGE_SIZE)
        .offset(paging.offset)
    ).all()
    rows = [OrganisationRow(row[0], int(row[1]), int(row[2])) for row in found]
    return OrganisationPage(rows, paging)
