"""The requests board as a matrix of organisations: delegation organisations down, host organisations
across, each cell counting the requests between their people by state and the meetings they have; and the
bulk approval of whole cells. Pure data for the page, read in a few statements."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from missionmatch import clock
from missionmatch.models import Meeting, MeetingRequest, Mission, Organisation, Participant
from missionmatch.models.enums import MeetingStatus, RequestStatus, Side
from missionmatch.services.request_approval import BulkApproval, approve_requests
from missionmatch.settings import MailSettings

# what a cell shows, in this order: the states an organiser acts on first, then the settled ones
OPEN = (RequestStatus.AWAITING_APPROVAL, RequestStatus.PENDING, RequestStatus.ACCEPTED)
CLOSED = (
    RequestStatus.DECLINED,
    RequestStatus.EXPIRED,
    RequestStatus.CANCELLED,
    RequestStatus.REJECTED,
    RequestStatus.VETOED,
)
STATES = (*(s.value for s in OPEN), "closed", "meetings")


@dataclass
class Cell:
    counts: Counter[str] = field(default_factory=Counter)  # by STATES
    awaiting: list[int] = field(default_factory=list)  # ids of the requests awaiting approval

    def __bool__(self) -> bool:
        return bool(+self.counts)


@dataclass
class RequestMatrix:
    delegations: list[Organisation]
    hosts: list[Organisation]
    cells: dict[tuple[int, int], Cell]  # (delegation organisation id, host organisation id)
    totals: Counter[str]

    def cell(self, delegation: Organisation, host: Organisation) -> Cell:
        return self.cells.get((delegation.id, host.id)) or Cell()


def _pair(people: dict[int, Participant], a: int, b: int) -> tuple[int, int] | None:
    first, second = people[a].organisation, people[b].organisation
    if first.side == second.side:
        return None
    return (first.id, second.id) if first.side == Side.DELEGATION else (second.id, first.id)


def request_matrix(
    session: Session, mission: Mission, busy_only: bool = True, now: dt.datetime | None = None
) -> RequestMatrix:
    """`busy_only` keeps the organisations that have at least one request or meeting (a 95 × 70 mission
    is read on one screen that way)."""
    moment = now or clock.now()
    people = {
        p.id: p
        for p in session.scalars(
            select(Participant)
            .where(Participant.mission_id == mission.id)
            .options(selectinload(Participant.organisation))
        )
    }
    cells: dict[tuple[int, int], Cell] = {}
    requests = session.scalars(select(MeetingRequest).where(MeetingRequest.mission_id == mission.id))
    for request in requests:
        key = _pair(people, request.requester_id, request.recipient_id)
        if key is None:
            continue
        status = request.status_at(moment)
        cell = cells.setdefault(key, Cell())
        cell.counts[status.value if status in OPEN else "closed"] += 1
        if status == RequestStatus.AWAITING_APPROVAL:
            cell.awaiting.append(request.id)
    meetings = session.scalars(
        select(Meeting)
        .where(Meeting.mission_id == mission.id, Meeting.status != MeetingStatus.CANCELLED)
        .options(selectinload(Meeting.participants))
    )
    for meeting in meetings:
        ids = [p.id for p in meeting.participants]
        pairs = {_pair(people, a, b) for a in ids for b in ids if a < b} - {None}
        for key in pairs:
            if key is not None:
                cells.setdefault(key, Cell()).counts["meetings"] += 1
    organisations = session.scalars(
        select(Organisation).where(Organisation.mission_id == mission.id).order_by(Organisation.name)
    ).all()
    used = {org for key in cells for org in key}
    shown = [o for o in organisations if not busy_only or o.id in used]
    totals: Counter[str] = sum((c.counts for c in cells.values()), Counter())
    return RequestMatrix(
        delegations=[o for o in shown if o.side == Side.DELEGATION],
        hosts=[o for o in shown if o.side == Side.HOST],
        cells=cells,
        totals=totals,
    )


def approve_cells(
    session: Session,
    mission: Mission,
    cells: list[tuple[int, int]],
    valid_for: dt.timedelta,
    *,
    mail: MailSettings,
) -> BulkApproval:
    """Approves every request awaiting approval between the organisations of each (delegation, host) cell."""
    matrix = request_matrix(session, mission, busy_only=False)
    ids = [i for key in dict.fromkeys(cells) for i in matrix.cells.get(key, Cell()).awaiting]
    return approve_requests(session, mission, ids, valid_for, mail=mail)
