"""The `partner_exclusions` section of a mission document: who keeps whom off their lists (a dismissed
recommendation card, or "not interested" for the whole campaign; models/partner_exclusion.py). Checked,
written and read back here so that export → import keeps what participants said they do not want. Time
stamps are the mission's wall-clock time, to the second, like the rest of the document."""

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.clock import instant_to_wall, wall_to_instant
from missionmatch.models import Mission, Participant, PartnerExclusion
from missionmatch.models.enums import ExclusionKind


def exclusion_section(session: Session, mission: Mission) -> list[dict[str, Any]]:
    """The mission's exclusions in the order they were made."""
    ids = [p.id for p in mission.participants]
    found = session.scalars(
        select(PartnerExclusion).where(PartnerExclusion.participant_id.in_(ids)).order_by(PartnerExclusion.id)
    )
    return [
        {
            "participant": e.participant.key,
            "other": e.other.key,
            "kind": e.kind.value,
            "created_at": instant_to_wall(e.created_at, mission.timezone).isoformat(timespec="seconds"),
        }
        for e in found
    ]


def exclusions_from(
    document: Mapping[str, Any], zone: str, people: Mapping[str, Participant]
) -> list[PartnerExclusion]:
    return [
        PartnerExclusion(
            participant=people[item["participant"]],
            other=people[item["other"]],
            kind=ExclusionKind(item["kind"]),
            created_at=wall_to_instant(dt.datetime.fromisoformat(item["created_at"]), zone),
        )
        for item in document.get("partner_exclusions", [])
    ]


def check_exclusions(
    check: Any, document: Mapping[str, Any], participant_keys: Collection[str | None]
) -> None:
    """Adds the problems of the section to `check` (mission_document's checker)."""
    seen: set[tuple[Any, Any, Any]] = set()
    for index, item in enumerate(document.get("partner_exclusions", [])):
        where = f"partner_exclusions[{index}]"
        check.refs([item.get("participant"), item.get("other")], participant_keys, where, "participant/other")
        if item.get("participant") == item.get("other"):
            check.add(where, "other", "a participant cannot exclude themselves")
        check.one_of(item, where, "kind", [k.value for k in ExclusionKind])
        check.moment(item, where, "created_at")
        key = (item.get("participant"), item.get("other"), item.get("kind"))
        if key in seen:
            check.add(where, "kind", "the same exclusion is listed twice")
        seen.add(key)
