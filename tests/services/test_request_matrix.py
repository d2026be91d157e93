"""The requests matrix at the size of the articles' campaign (95 delegation × 70 host organisations): every
request and meeting counted in its organisations' cell, idle organisations left out unless asked, and the
bulk approval of whole cells."""

import copy
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from missionmatch.db import transaction
from missionmatch.models import MeetingRequest, Mission
from missionmatch.models.enums import RequestStatus
from missionmatch.services.mission_import import import_mission
from missionmatch.services.request_matrix import approve_cells, request_matrix
from missionmatch.settings import MailSettings
from tests.factories import small_mission

DELEGATIONS, HOSTS = 95, 70


def _large_mission() -> dict:
    document = small_mission(requests_need_approval=True)
    template_org, template_person = document["organisations"][0], document["participants"][0]
    document["organisations"], document["participants"] = [], []
    for side, count, prefix in (("delegation", DELEGATIONS, "lu"), ("host", HOSTS, "jp")):
        for n in range(count):
            key = f"{prefix}-{n:03d}"
            org = copy.deepcopy(template_org) | {"key": key, "name": f"{prefix.upper()} company {n:03d}"}
            document["organisations"].append(org | {"side": side, "country": prefix.upper()[:2]})
            person = copy.deepcopy(template_person) | {"key": f"p-{key}", "organisation": key}
            document["participants"].append(person | {"email": f"{key}@example.org", "programme": []})
    # delegation n asks hosts n % 70 and (n + 1) % 70: 190 requests, every host asked
    document["meeting_requests"] = [
        {
            "key": f"r-{n}-{k}",
            "from": f"p-lu-{n:03d}",
            "to": f"p-jp-{(n + k) % HOSTS:03d}",
            "priority": 2,
            "message": "",
            "status": "awaiting_approval" if k == 0 else "accepted",
            "created_at": "2025-05-10T09:00",
            "expires_at": None,
        }
        for n in range(DELEGATIONS)
        for k in (0, 1)
    ]
    for part in ("meetings", "agreements", "feedback", "programme"):
        document[part] = []
    document["b2b_sessions"] = []
    return document


def test_a_95_by_70_matrix_counts_every_request_in_its_cell_and_approves_whole_cells(
    sqlite_factory: sessionmaker[Session],
) -> None:
    with transaction(sqlite_factory) as session:
        mission = import_mission(session, _large_mission())
        matrix = request_matrix(session, mission, now=dt.datetime(2025, 5, 11, tzinfo=dt.UTC))
        assert (len(matrix.delegations), len(matrix.hosts)) == (DELEGATIONS, HOSTS)
        assert len(matrix.cells) == 2 * DELEGATIONS  # no two requests share a cell
        assert (matrix.totals["awaiting_approval"], matrix.totals["accepted"]) == (DELEGATIONS, DELEGATIONS)
        first, host = matrix.delegations[0], matrix.hosts[0]
        assert (first.name, host.name) == ("LU company 000", "JP company 000")
        assert matrix.cell(first, host).counts["awaiting_approval"] == 1
        assert not matrix.cell(first, matrix.hosts[5])
        cells = [(d.id, h.id) for d, h in zip(matrix.delegations[:3], matrix.hosts[:3], strict=True)]
        done = approve_cells(
            session, mission, [*cells, cells[0], (0, 0)], dt.timedelta(days=3), mail=MailSettings()
        )
        assert (done.approved, done.skipped) == (3, 0)
        statuses = session.scalars(
            select(MeetingRequest.status).join(Mission).where(MeetingRequest.key.like("r-%-0"))
        ).all()
        assert statuses.count(RequestStatus.PENDING) == 3
        assert statuses.count(RequestStatus.AWAITING_APPROVAL) == DELEGATIONS - 3
