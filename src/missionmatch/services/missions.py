"""Finding missions by the name or slug people type."""

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from missionmatch.models import Mission


class MissionNotFound(LookupError):
    pass


def get_mission(session: Session, name_or_slug: str) -> Mission:
    mission = session.scalar(
        select(Mission).where(or_(Mission.name == name_or_slug, Mission.slug == name_or_slug))
    )
    if mission is None:
        known = ", ".join(session.scalars(select(Mission.slug).order_by(Mission.slug))) or "none"
        raise MissionNotFound(f"no mission {name_or_slug!r} (known: {known})")
    return mission


def list_missions(session: Session) -> list[Mission]:
    return list(session.scalars(select(Mission).order_by(Mission.start_date, Mission.name)))
