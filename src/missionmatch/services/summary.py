"""The numbers an organiser asks for first: who comes, from where, in which sectors, what is planned."""

from collections import Counter
from dataclasses import dataclass, field

from missionmatch.models import Mission
from missionmatch.models.enums import Side


@dataclass
class MissionSummary:
    name: str
    dates: str
    cities: list[str]
    organisations: dict[str, int]  # side -> count
    participants: dict[str, int]  # side -> count
    sectors: dict[str, int]  # sector -> organisations
    profile_languages: dict[str, int]
    empty_profiles: int
    programme_items: int
    b2b_capacity: int  # slots x tables over all sessions
    requests: dict[str, int] = field(default_factory=dict)  # status -> count
    meetings: dict[str, int] = field(default_factory=dict)  # status -> count
    scheduled_meetings: int = 0
    agreements: int = 0


def summarise(mission: Mission) -> MissionSummary:
    sides = [Side.DELEGATION.value, Side.HOST.value]
    organisations = Counter(o.side.value for o in mission.organisations)
    participants = Counter(p.organisation.side.value for p in mission.participants)
    sectors = Counter(sector for o in mission.organisations for sector in o.sectors)
    profiles = [p.profile for p in mission.participants if p.profile is not None]
    return MissionSummary(
        name=mission.name,
        dates=f"{mission.start_date.isoformat()} – {mission.end_date.isoformat()}",
        cities=list(mission.cities),
        organisations={side: organisations[side] for side in sides},
        participants={side: participants[side] for side in sides},
        sectors=dict(sorted(sectors.items(), key=lambda item: (-item[1], item[0]))),
        profile_languages=dict(sorted(Counter(p.language for p in profiles).items())),
        empty_profiles=len(mission.participants) - sum(1 for p in profiles if not p.is_empty),
        programme_items=len(mission.programme_items),
        b2b_capacity=sum(s.slot_count * s.tables for s in mission.b2b_sessions),
        requests=dict(sorted(Counter(r.status.value for r in mission.meeting_requests).items())),
        meetings=dict(sorted(Counter(m.status.value for m in mission.meetings).items())),
        scheduled_meetings=sum(1 for m in mission.meetings if m.slot is not None),
        agreements=len(mission.agreements),
    )


def format_summary(summary: MissionSummary) -> str:
    def counts(values: dict[str, int]) -> str:
        return ", ".join(f"{key} {value}" for key, value in values.items()) or "none"

    lines = [
        f"{summary.name}  ({summary.dates}; {', '.join(summary.cities)})",
        f"  organisations: {counts(summary.organisations)}",
        f"  participants:  {counts(summary.participants)} (empty profiles: {summary.empty_profiles})",
        f"  profile languages: {counts(summary.profile_languages)}",
        f"  sectors: {counts(summary.sectors)}",
        f"  programme items: {summary.programme_items}; B2B capacity: {summary.b2b_capacity} meeting places",
        f"  meeting requests: {counts(summary.requests)}",
        f"  meetings: {counts(summary.meetings)} ({summary.scheduled_meetings} placed in a slot)",
        f"  agreements: {summary.agreements}",
    ]
    return "\n".join(lines)
