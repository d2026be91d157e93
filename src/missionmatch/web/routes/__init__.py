"""One module per resource. HTML routers share the CSRF check; the API router authenticates by token."""

from fastapi import APIRouter

from missionmatch.web.routes import (
    agenda,
    api,
    api_tokens,
    auth,
    calendar_feed,
    directory,
    feedback,
    home,
    imports,
    meeting_placement,
    meeting_requests,
    mission_settings,
    missions,
    outbox,
    participant_limits,
    participants,
    personal_data,
    profile,
    programme,
    recommendations,
    requests_board,
    schedule,
    sessions,
    viewer_zone,
)

ROUTERS: list[APIRouter] = [
    home.router,
    viewer_zone.router,
    auth.router,
    missions.router,
    mission_settings.router,
    programme.router,
    sessions.router,
    participants.router,
    participant_limits.router,
    personal_data.router,
    imports.router,
    outbox.router,
    requests_board.router,
    schedule.router,
    meeting_placement.router,
    profile.router,
    recommendations.router,
    directory.router,
    meeting_requests.router,
    agenda.router,
    calendar_feed.router,
    feedback.router,
    api_tokens.router,
]

__all__ = ["ROUTERS", "api"]
