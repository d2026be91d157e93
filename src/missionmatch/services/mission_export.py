"""Writes a mission as a mission document; `import_mission(export_mission(m))` recreates it exactly."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch.clock import instant_to_wall
from missionmatch.models import Feedback, Mission, ScheduleVersion
from missionmatch.services.attendance_document import attended_keys, attended_values, recorded_values
from missionmatch.services.exclusion_document import exclusion_section
from missionmatch.services.export_values import moment, profile_values, unavailability_values
from missionmatch.services.mission_document import FORMAT, Document
from missionmatch.services.outcome_document import agreement_values, feedback_values
from missionmatch.services.schedule_document import version_values
from missionmatch.services.waiting_document import waiting_values


def export_mission(session: Session, mission: Mission) -> Document:
    document: Document = {"format": FORMAT}
    if mission.campaign:
        document["campaign"] = {
            "key": mission.campaign.key,
            "name": mission.campaign.name,
            "description": mission.campaign.description,
        }
    zone, opens, closes = mission.timezone, mission.requests_open_at, mission.requests_close_at
    document["mission"] = {
        "name": mission.name,
        "slug": mission.slug,
        "origin_country": mission.origin_country,
        "host_country": mission.host_country,
        "cities": list(mission.cities),
        "start_date": mission.start_date.isoformat(),
        "end_date": mission.end_date.isoformat(),
        "timezone": mission.timezone,
        "languages": list(mission.languages),
        "description": mission.description,
        "organiser": mission.organiser,
        "directory_visibility": mission.directory_visibility.value,
        "show_contact_emails": mission.show_contact_emails,
        "requests_open_at": moment(opens and instant_to_wall(opens, zone)),
        "requests_close_at": moment(closes and instant_to_wall(closes, zone)),
        "max_open_requests": mission.max_open_requests,
        "requests_need_approval": mission.requests_need_approval,
    }
    document["programme"] = [
        {
            "key": i.key,
            "kind": i.kind.value,
            "title": i.title,
            "sector": i.sector,
            "city": i.city,
            "venue": i.venue,
            "address": i.address,
            "host_organisation": i.host_organisation.key if i.host_organisation else None,
            "starts_at": moment(i.starts_at),
            "ends_at": moment(i.ends_at),
            "capacity": i.capacity,
            "description": i.description,
            **recorded_values(i, mission.timezone),  # only where attendance was recorded
            **waiting_values(session, i),  # only where someone waits
        }
        for i in mission.programme_items
    ]
    document["b2b_sessions"] = [
        {
            "key": s.key,
            "name": s.name,
            "city": s.city,
            "venue": s.venue,
            "starts_at": moment(s.starts_at),
            "slot_minutes": s.slot_minutes,
            "slot_count": s.slot_count,
            "breaks": [dict(b) for b in s.breaks],
            "tables": s.tables,
            **({"seats": s.seats} if s.seats != 4 else {}),  # chairs a table (4 unless said: older documents)
            "interpreters": [
                {"languages": [p.language_a, p.language_b], "count": p.count} for p in s.interpreters
            ],
        }
        for s in mission.b2b_sessions
    ]
    document["organisations"] = [
        {
            "key": o.key,
            "name": o.name,
            "side": o.side.value,
            "country": o.country,
            "city": o.city,
            "sectors": list(o.sectors),
            "size": o.size.value if o.size else None,
            "website": o.website,
            "description": o.description,
            "description_language": o.description_language,
        }
        for o in mission.organisations
    ]
    attended = attended_keys(session, mission)
    document["participants"] = [
        {
            "key": p.key,
            "email": p.email,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "organisation": p.organisation.key,
            "job_title": p.job_title,
            "languages": list(p.languages),
            "timezone": p.timezone,
            "arrives_at": moment(p.arrives_at),
            "departs_at": moment(p.departs_at),
            "min_meetings": p.min_meetings,
            "max_meetings": p.max_meetings,
            "hosted_table": p.hosted_table,
            "unavailability": unavailability_values(p.unavailability),
            "programme": [item.key for item in p.programme_items],
            **attended_values(p, attended),  # only for someone recorded as present somewhere
            "profile": profile_values(p.profile),
            # written only when chosen, so that documents from before the field read back unchanged
            **({"name_order": p.name_order} if p.name_order else {}),
        }
        for p in mission.participants
    ]
    document["meeting_requests"] = [
        {
            "key": r.key,
            "from": r.requester.key,
            "to": r.recipient.key,
            "priority": r.priority,
            "message": r.message,
            "status": r.status.value,
            # the document speaks the mission's wall-clock time; the database keeps instants in UTC
            "created_at": moment(instant_to_wall(r.created_at, mission.timezone)),
            "expires_at": moment(r.expires_at and instant_to_wall(r.expires_at, mission.timezone)),
            # only where organisers rejected the request (older documents have none)
            **({"rejection_reason": r.rejection_reason} if r.rejection_reason else {}),
            # company meetings only (older documents have neither)
            **({"to_organisation": True} if r.to_organisation else {}),
            **({"attendees": [p.key for p in r.companions]} if r.companions else {}),
            # only for the organisers' must-meet meetings, and requests already reminded
            **({"must_meet": True} if r.must_meet else {}),
            **({"reminders_sent": r.reminders_sent} if r.reminders_sent else {}),
        }
        for r in mission.meeting_requests
    ]
    document["meetings"] = [
        {
            "key": m.key,
            "participants": [p.key for p in m.participants],
            "request": m.request.key if m.request else None,
            "session": m.session.key if m.session else None,
            "slot": m.slot,
            "table": m.table,
            "interpreter": m.interpreter,
            "status": m.status.value,
        }
        for m in mission.meetings
    ]
    document["agreements"] = [agreement_values(a, mission.timezone) for a in mission.agreements]
    feedback = session.scalars(
        select(Feedback)
        .where(Feedback.meeting_id.in_([m.id for m in mission.meetings]))
        .order_by(Feedback.id)
    )
    document["feedback"] = [feedback_values(f, mission.timezone) for f in feedback]
    versions = session.scalars(
        select(ScheduleVersion)
        .where(ScheduleVersion.mission_id == mission.id)
        .order_by(ScheduleVersion.number)
    )
    document["schedule_versions"] = [version_values(v, mission.timezone) for v in versions]
    exclusions = exclusion_section(session, mission)
    if exclusions:  # optional: older documents and missions with none have no such section
        document["partner_exclusions"] = exclusions
    return document
