"""Who asks, and the revision of the mission they ask about, in one read-only statement: what a cache hit
needs to be answered before the routes (web/cache_hits.py). The conditions are those of the routes' own
checks: an open session not due for its last-use write (services/web_sessions.py) or an unrevoked API token,
a participant not erased, an active organiser who manages the mission named in the path. No row: the
request takes the ordinary way, which decides (and refuses, or signs out, or writes the last use)."""

from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, Select, and_, bindparam, select

from missionmatch import clock
from missionmatch.models import ApiToken, Mission, OrganiserAccount, Participant, WebSession
from missionmatch.models.account import organiser_mission
from missionmatch.services.accounts import hash_token
from missionmatch.services.web_sessions import TOUCH_EVERY

SESSION = WebSession.__table__
TOKEN = ApiToken.__table__
PARTICIPANT = Participant.__table__
ORGANISER = OrganiserAccount.__table__
MISSION = Mission.__table__


def _credential(kind: str, person: str) -> tuple[FromClause, ColumnElement[bool], ColumnElement[Any]]:
    """The table of the credential, and its conditions of validity."""
    if kind == "session":
        valid = and_(
            SESSION.c.token_hash == bindparam("token_hash"),
            SESSION.c.ended_at.is_(None),
            SESSION.c.expires_at > bindparam("now"),
            SESSION.c.last_seen_at > bindparam("touched_since"),
        )
        return SESSION, valid, SESSION.c[f"{person}_id"]
    valid = and_(TOKEN.c.token_hash == bindparam("token_hash"), TOKEN.c.revoked_at.is_(None))
    return TOKEN, valid, TOKEN.c[f"{person}_id"]


def _statement(kind: str, person: str) -> Select[Any]:
    table, valid, person_id = _credential(kind, person)
    if person == "participant":
        joined = table.join(PARTICIPANT, PARTICIPANT.c.id == person_id).join(
            MISSION, MISSION.c.id == PARTICIPANT.c.mission_id
        )
        who = PARTICIPANT.c.id
        allowed: ColumnElement[bool] = PARTICIPANT.c.erased_at.is_(None)
    else:
        joined = (
            table.join(ORGANISER, ORGANISER.c.id == person_id)
            .join(organiser_mission, organiser_mission.c.organiser_id == ORGANISER.c.id)
            .join(MISSION, MISSION.c.id == organiser_mission.c.mission_id)
        )
        who = ORGANISER.c.id
        allowed = and_(ORGANISER.c.active.is_(True), MISSION.c.slug == bindparam("slug"))
    return select(who, MISSION.c.content_revision).select_from(joined).where(valid, allowed)


STATEMENTS = {
    (kind, person): _statement(kind, person)
    for kind in ("session", "token")
    for person in ("participant", "organiser")
}


def viewer_and_revision(
    connection: Connection, kind: str, person: str, secret: str, slug: str = ""
) -> tuple[int, int] | None:
    """(participant or organiser id, the mission's content revision), or None: let the routes decide."""
    now = clock.now()
    parameters = {"token_hash": hash_token(secret), "now": now, "touched_since": now - TOUCH_EVERY}
    if person == "organiser":
        parameters["slug"] = slug
    row = connection.execute(STATEMENTS[(kind, person)], parameters).first()
    return None if row is None else (int(row[0]), int(row[1]))
