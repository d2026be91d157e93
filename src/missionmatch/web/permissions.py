"""Who may see and do what, as explicit rules; every rule has a test in tests/web/test_permissions.py that
tries to break it. Routes ask these functions and answer 404 when a rule says no, so that a refusal does not
reveal that another mission's object exists."""

from missionmatch.models import Meeting, MeetingRequest, Mission, OrganiserAccount, Participant


def organiser_manages_mission(organiser: OrganiserAccount, mission: Mission) -> bool:
    """An organiser manages only the missions linked to their account."""
    return organiser.active and any(m.id == mission.id for m in organiser.missions)


def participant_sees_participant(viewer: Participant, other: Participant) -> bool:
    """A participant sees themselves and the other side of their own mission (the directory), nobody else."""
    if viewer.id == other.id:
        return True
    return viewer.mission_id == other.mission_id and viewer.organisation.side != other.organisation.side


def participant_edits_profile(viewer: Participant, owner: Participant) -> bool:
    """A participant edits only their own profile."""
    return viewer.id == owner.id


def participant_sees_request(viewer: Participant, request: MeetingRequest) -> bool:
    """A request is visible to its two parties only."""
    return viewer.id in (request.requester_id, request.recipient_id)


def participant_answers_request(viewer: Participant, request: MeetingRequest) -> bool:
    """Only the recipient accepts or declines."""
    return viewer.id == request.recipient_id


def participant_cancels_request(viewer: Participant, request: MeetingRequest) -> bool:
    """Only the requester cancels."""
    return viewer.id == request.requester_id


def participant_attends_meeting(viewer: Participant, meeting: Meeting) -> bool:
    """A participant gives feedback only on meetings they attend."""
    return any(p.id == viewer.id for p in meeting.participants)
