"""What an organiser asks of a long list (search text, side, sector, status, sort, page), read from the query
string, and the SQL pieces the list searches share. Unknown values fall back to the default: a hand-edited or
stale link shows the list instead of an error."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Text, cast
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from missionmatch.models.enums import Side
from missionmatch.sectors import SECTORS

PAGE_SIZE: Final = 50
MAX_PAGE: Final = 10**6
# a mapped attribute or an SQL expression, to filter or sort on
Column = InstrumentedAttribute[Any] | ColumnElement[Any]


@dataclass(frozen=True)
class ListQuery:
    q: str = ""
    side: str = ""
    sector: str = ""
    status: str = ""
    sort: str = "name"
    descending: bool = False
    page: int = 1

    @classmethod
    def parse(
        cls, params: Mapping[str, str], statuses: Collection[str], sorts: Collection[str]
    ) -> "ListQuery":
        page = params.get("page", "")
        return cls(
            q=params.get("q", "").strip()[:200].strip(),
            side=params.get("side", "") if params.get("side") in {s.value for s in Side} else "",
            sector=params.get("sector", "") if params.get("sector") in SECTORS else "",
            status=params.get("status", "") if params.get("status") in statuses else "",
            sort=params.get("sort", "") if params.get("sort") in sorts else "name",
            descending=params.get("dir") == "desc",
            page=min(int(page), MAX_PAGE) if page.isdigit() and int(page) >= 1 else 1,
        )

    def params(self, **changes: str | int) -> dict[str, str]:
        """The query string of this list with `changes` applied, default values left out: links for sorting,
        paging and filters keep whatever else the organiser chose."""
        values: dict[str, str | int] = {
            "q": self.q,
            "side": self.side,
            "sector": self.sector,
            "status": self.status,
            "sort": self.sort,
            "dir": "desc" if self.descending else "",
            "page": self.page,
        }
        values.update(changes)
        defaults = {"sort": "name", "page": "1"}
        return {key: str(value) for key, value in values.items() if str(value) not in ("", defaults.get(key))}


@dataclass(frozen=True)
class Paging:
    matched: int  # rows that pass the filters
    total: int  # rows of the mission
    page: int
    pages: int

    @classmethod
    def of(cls, matched: int, total: int, asked: int) -> "Paging":
        pages = max(1, -(-matched // PAGE_SIZE))
        return cls(matched, total, min(asked, pages), pages)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def sector_codes_named(text: str) -> list[str]:
    """Sector codes whose code or name in any language contains `text` ("santé", "宇宙", "space")."""
    folded = text.casefold()
    return [
        code
        for code, names in SECTORS.items()
        if folded in code or any(folded in name.casefold() for name in names.values())
    ]


def has_sector(column: Column, code: str) -> ColumnElement[bool]:
    # a JSON list is stored as text on both databases (`["space", "ai"]`); sector codes never hold quotes
    return cast(column, Text).like(f'%"{code}"%')


def ordered(columns: list[Column], descending: bool) -> list[UnaryExpression[Any]]:
    """ORDER BY terms, nulls last both ways on both databases (SQLite puts them first, PostgreSQL last)."""
    return [(column.desc() if descending else column.asc()).nulls_last() for column in columns]
