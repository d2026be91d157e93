"""Who may see and do what, as explicit rules; every rule has a test in tests/web/test_permissions.py that
tries to break it. Routes ask these functions and answer 404 when a rule says no, so that a refusal does not
reveal that another mission's object exists."""

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import object_session

from missionmatch.models import (
    Agreement,
    Campaign,
    Meeting,
    MeetingRequest,
    Mission,
    OrganiserAccount,
    Participant,
    Recommendation,
)
from missionmatch.models.enums import DirectoryVisibility


def organiser_manages_mission(organiser: OrganiserAccount, mission: Mission) -> bool:
    """An organiser manages only the missions linked to their account."""
    return organiser.active and any(m.id == mission.id for m in organiser.missions)


def organiser_manages_campaign(organiser: OrganiserAccount, campaign: Campaign) -> bool:
    """A campaign's report counts people across its missions: only for who manages every one of them."""
    return bool(campaign.missions) and all(organiser_manages_mission(organiser, m) for m in campaign.missions)


def _recommended_ids(viewer: Participant) -> set[int]:
    session = object_session(viewer)
    if session is None:
        return set()
    query = select(Recommendation.candidate_id).where(Recommendation.participant_id == viewer.id)
    return set(session.scalars(query))


def _sees(viewer: Participant, other: Participant, recommended: Callable[[], set[int]]) -> bool:
    if viewer.id == other.id:
        return viewer.erased_at is None
    if viewer.mission_id != other.mission_id or other.erased_at is not None:
        return False
    visibility = viewer.mission.directory_visibility
    if visibility == DirectoryVisibility.BOTH_SIDES:
        return True
    if visibility == DirectoryVisibility.RECOMMENDED:
        return other.id in recommended()
    return viewer.organisation.side != other.organisation.side


def participant_sees_participant(viewer: Participant, other: Participant) -> bool:
    """A participant sees themselves and, in their own mission, whom the mission's directory visibility
    allows: the other side (the default), both sides, or only the partners recommended to them. Nobody
    sees an erased participant. Directory, profile pages, meeting requests and the API all ask this."""
    return _sees(viewer, other, lambda: _recommended_ids(viewer))  # read only where visibility needs it


def visible_participants(viewer: Participant) -> list[Participant]:
    """The people of the viewer's mission that participant_sees_participant allows, themselves excluded."""
    recommended = _recommended_ids(viewer)
    return [
        p for p in viewer.mission.participants if p.id != viewer.id and _sees(viewer, p, lambda: recommended)
    ]


def participant_sees_email(viewer: Participant, other: Participant) -> bool:
    """Contact e-mails are shown only if the mission allows it, and only of people the viewer sees."""
    return viewer.mission.show_contact_emails and participant_sees_participant(viewer, other)


def participant_edits_profile(viewer: Participant, owner: Participant) -> bool:
    """A participant edits only their own profile."""
    return viewer.id == owner.id


def participant_sees_request(viewer: Participant, request: MeetingRequest) -> bool:
    """A request is visible to its two parties only; to its recipient once it has reached them (approved,
    where organisers approve requests)."""
    return viewer.id == request.requester_id or (request.answerable_by(viewer) and request.reached_recipient)


def participant_answers_request(viewer: Participant, request: MeetingRequest) -> bool:
    """Only the recipient (for a request to an organisation, any representative of it) accepts or declines,
    once the request has reached them."""
    return request.answerable_by(viewer) and request.reached_recipient


def participant_cancels_request(viewer: Participant, request: MeetingRequest) -> bool:
    """Only the requester cancels."""
    return viewer.id == request.requester_id


def participant_withdraws_request(viewer: Participant, request: MeetingRequest) -> bool:
    """Either of the two withdraws from an accepted request (the recipient once it has reached them)."""
    return viewer.id == request.requester_id or participant_answers_request(viewer, request)


def participant_attends_meeting(viewer: Participant, meeting: Meeting) -> bool:
    """A participant gives feedback only on meetings they attend."""
    return any(p.id == viewer.id for p in meeting.participants)


def participant_sees_agreement(viewer: Participant, agreement: Agreement) -> bool:
    """A participant sees an agreement of their mission that is not confidential and that their
    organisation is a party to; organisers see every agreement of the missions they manage."""
    return (
        agreement.mission_id == viewer.mission_id
        and not agreement.confidential
        and any(party.id == viewer.organisation_id for party in agreement.parties)
    )
