"""The organisers' participant list: search, filters, sorting and paging done by the database, so that a page
of 3,000 participants costs two statements (the counts, then the page's rows) whatever the mission's size."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, contains_eager
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from missionmatch.models import Organisation, Participant, Profile
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

STATUSES: Final = ("active", "withdrawn", "empty", "complete", "checked_in", "not_checked_in")
SORTS: Final = ("name", "organisation", "side", "email", "checked_in")


def parse_query(params: Mapping[str, str]) -> ListQuery:
    return ListQuery.parse(params, STATUSES, SORTS)


@dataclass(frozen=True)
class ParticipantPage:
    rows: list[Participant]
    paging: Paging


def _text_match(q: str) -> ColumnElement[bool]:
    pattern = like_pattern(q)
    full_name = Participant.first_name + " " + Participant.last_name
    reversed_name = Participant.last_name + " " + Participant.first_name
    clauses: list[ColumnElement[bool]] = [
        column.ilike(pattern, escape="\\")
        for column in (full_name, reversed_name, Participant.email, Organisation.name)
    ]
    for code in sector_codes_named(q):
        clauses += [has_sector(Organisation.sectors, code), has_sector(Profile.sectors, code)]
    return or_(*clauses)


def complete_profile() -> ColumnElement[bool]:
    """SQL for `Profile.is_empty` negated (with the profile outer-joined): offers or needs written."""
    return and_(Profile.id.is_not(None), or_(func.trim(Profile.offers) != "", func.trim(Profile.needs) != ""))


def _filters(query: ListQuery) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if query.q:
        found.append(_text_match(query.q))
    if query.side:
        found.append(Organisation.side == Side(query.side))
    if query.sector:
        found.append(
            or_(has_sector(Organisation.sectors, query.sector), has_sector(Profile.sectors, query.sector))
        )
    status = {
        "active": Participant.withdrawn_at.is_(None),
        "withdrawn": Participant.withdrawn_at.is_not(None),
        "empty": ~complete_profile(),
        "complete": complete_profile(),
        "checked_in": Participant.checked_in_at.is_not(None),
        "not_checked_in": Participant.checked_in_at.is_(None),
    }
    if query.status:
        found.append(status[query.status])
    return found


def _sort_columns(query: ListQuery) -> list[UnaryExpression[Any]]:
    columns: dict[str, list[Column]] = {
        "name": [Participant.last_name, Participant.first_name],
        "organisation": [Organisation.name, Participant.last_name],
        "side": [Organisation.side, Participant.last_name],
        "email": [Participant.email],
        "checked_in": [Participant.checked_in_at, Participant.last_name],
    }
    chosen = columns[query.sort] + [Participant.id]  # the id makes paging stable between equal names
    return ordered(chosen, query.descending)


def search_participants(session: Session, mission_id: int, query: ListQuery) -> ParticipantPage:
    filters = _filters(query)
    matched_case = case((and_(*filters), 1)) if filters else case((Participant.id.is_not(None), 1))
    counts = session.execute(
        select(func.count(Participant.id), func.count(matched_case))
        .join(Participant.organisation)
        .outerjoin(Participant.profile)
        .where(Participant.mission_id == mission_id)
    ).one()
    paging = Paging.of(matched=int(counts[1]), total=int(counts[0]), asked=query.page)
    rows = session.scalars(
        select(Participant)
        .join(Participant.organisation)
        .outerjoin(Participant.profile)
        .options(contains_eager(Participant.organisation), contains_eager(Participant.profile))
        .where(Participant.mission_id == mission_id, *filters)
        .order_by(*_sort_columns(query))
        .limit(PAGE_SIZE)
        .offset(paging.offset)
    ).all()
    return ParticipantPage(list(rows), paging)
