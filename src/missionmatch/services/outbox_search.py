"""The outbox of a mission as organisers search it: by recipient or subject, by kind and status, newest
first, a page at a time in SQL (like the participant list: `list_query`)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from missionmatch.models import Mission, OutboxMail
from missionmatch.services.list_query import MAX_PAGE, PAGE_SIZE, Paging, like_pattern
from missionmatch.services.mail import MAIL_KINDS

STATUSES: Final = ("sent", "queued", "failed")


@dataclass(frozen=True)
class OutboxQuery:
    q: str = ""
    kind: str = ""
    status: str = ""
    page: int = 1

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> "OutboxQuery":
        """Unknown values fall back to the default: a stale link shows the outbox, not an error."""
        page = params.get("page", "")
        return cls(
            q=params.get("q", "").strip()[:200].strip(),
            kind=params.get("kind", "") if params.get("kind") in MAIL_KINDS else "",
            status=params.get("status", "") if params.get("status") in STATUSES else "",
            page=min(int(page), MAX_PAGE) if page.isdigit() and int(page) >= 1 else 1,
        )

    def params(self, **changes: str | int) -> dict[str, str]:
        values: dict[str, str | int] = {
            "q": self.q,
            "kind": self.kind,
            "status": self.status,
            "page": self.page,
        }
        values.update(changes)
        return {
            key: str(value)
            for key, value in values.items()
            if str(value) not in ("", "1" if key == "page" else "")
        }


def _status(status: str) -> ColumnElement[bool]:
    if status == "sent":
        return OutboxMail.sent_at.is_not(None)
    unsent = OutboxMail.sent_at.is_(None)
    return unsent & (OutboxMail.error != "") if status == "failed" else unsent & (OutboxMail.error == "")


def search_outbox(session: Session, mission: Mission, query: OutboxQuery) -> tuple[list[OutboxMail], Paging]:
    """The page of mails asked for, and where it sits among those that match."""
    mine = OutboxMail.mission_id == mission.id
    conditions: list[ColumnElement[bool]] = [mine]
    if query.q:
        pattern = like_pattern(query.q.casefold())
        conditions.append(
            or_(
                func.lower(OutboxMail.recipient).like(pattern, escape="\\"),
                func.lower(OutboxMail.subject).like(pattern, escape="\\"),
            )
        )
    if query.kind:
        conditions.append(OutboxMail.kind == query.kind)
    if query.status:
        conditions.append(_status(query.status))
    matched = session.scalar(select(func.count()).select_from(OutboxMail).where(*conditions)) or 0
    total = session.scalar(select(func.count()).select_from(OutboxMail).where(mine)) or 0
    paging = Paging.of(matched, total, query.page)
    rows = session.scalars(
        select(OutboxMail)
        .where(*conditions)
        .order_by(OutboxMail.id.desc())
        .offset(paging.offset)
        .limit(PAGE_SIZE)
    )
    return list(rows), paging
