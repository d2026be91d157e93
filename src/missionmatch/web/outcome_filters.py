"""The filters of the outcome pages and API, read from the query string; an unknown value filters nothing."""

from typing import Annotated

from fastapi import Depends

from missionmatch.models.enums import AgreementKind, AgreementStatus, FollowUp, Side
from missionmatch.services.agreements import RegisterFilter
from missionmatch.services.feedback_views import FeedbackFilter


def register_filter(
    status: str = "", kind: str = "", party: str = "", confidential: str = ""
) -> RegisterFilter:
    """The register's filters from the query string; an unknown value filters nothing."""
    return RegisterFilter(
        status=AgreementStatus(status) if status in AgreementStatus._value2member_map_ else None,
        kind=AgreementKind(kind) if kind in AgreementKind._value2member_map_ else None,
        organisation_id=int(party) if party.isdigit() else None,
        confidential={"1": True, "0": False}.get(confidential),
    )


Filters = Annotated[RegisterFilter, Depends(register_filter)]


def _id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


def feedback_filter(
    session: str = "", side: str = "", rating: str = "", follow_up: str = "", participant: str = ""
) -> FeedbackFilter:
    """From the query string; `follow_up`: a kind, "wanted" (any) or "none"; unknown values filter nothing."""
    kinds = FollowUp._value2member_map_
    return FeedbackFilter(
        session_id=_id(session),
        side=Side(side) if side in Side._value2member_map_ else None,
        rating=int(rating) if rating in ("1", "2", "3", "4", "5") else None,
        follow_up=FollowUp(follow_up) if follow_up in kinds and follow_up != "none" else None,
        follow_up_wanted={"wanted": True, "none": False}.get(follow_up),
        participant_id=_id(participant),
    )


FeedbackFilters = Annotated[FeedbackFilter, Depends(feedback_filter)]


def follow_up_kind(kind: str) -> FollowUp | None:
    return FollowUp(kind) if kind in FollowUp._value2member_map_ and kind != "none" else None


def done_filter(done: str) -> bool | None:
    return {"1": True, "0": False}.get(done)
