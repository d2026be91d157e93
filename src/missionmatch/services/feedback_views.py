"""What organisers read of the feedback: filtered lists and their summaries per meeting, per participant
and for the whole mission. Comments stay in the language their author wrote them in (`comment_language`)."""

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from missionmatch.clock import WallTime
from missionmatch.models import Feedback, Meeting, Mission
from missionmatch.models.enums import FollowUp, Side


@dataclass(frozen=True)
class FeedbackFilter:
    session_id: int | None = None  # the B2B session of the meeting
    side: Side | None = None  # the author's side
    rating: int | None = None
    follow_up: FollowUp | None = None
    follow_up_wanted: bool | None = None  # True: any follow-up but none; False: none
    participant_id: int | None = None  # feedback by them or on a meeting they attended
    meeting_id: int | None = None


@dataclass
class Summary:
    count: int = 0
    mean: float | None = None  # rounded to 2 decimals
    ratings: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    follow_ups: dict[str, int] = field(default_factory=dict)  # kind -> count, "none" left out


def _keeps(feedback: Feedback, filters: FeedbackFilter) -> bool:
    meeting = feedback.meeting
    if filters.session_id is not None and meeting.session_id != filters.session_id:
        return False
    if filters.side is not None and feedback.author.organisation.side != filters.side:
        return False
    if (
        filters.follow_up_wanted is not None
        and (feedback.follow_up != FollowUp.NONE) != filters.follow_up_wanted
    ):
        return False
    attended = {p.id for p in meeting.participants}
    return filters.participant_id is None or filters.participant_id in attended


def feedback_list(
    session: Session, mission: Mission, filters: FeedbackFilter = FeedbackFilter()
) -> list[Feedback]:
    """The mission's feedback matching every filter, by meeting then author."""
    query = (
        select(Feedback)
        .join(Meeting, Meeting.id == Feedback.meeting_id)
        .where(Meeting.mission_id == mission.id)
        .options(joinedload(Feedback.meeting), joinedload(Feedback.author))
        .order_by(Meeting.id, Feedback.author_id)
    )
    if filters.rating is not None:
        query = query.where(Feedback.rating == filters.rating)
    if filters.follow_up is not None:
        query = query.where(Feedback.follow_up == filters.follow_up)
    if filters.meeting_id is not None:
        query = query.where(Feedback.meeting_id == filters.meeting_id)
    return [f for f in session.scalars(query) if _keeps(f, filters)]


def summarise(feedback: Iterable[Feedback]) -> Summary:
    summary = Summary()
    kinds: Counter[str] = Counter()
    for item in feedback:
        summary.count += 1
        summary.ratings[item.rating] += 1
        if item.follow_up != FollowUp.NONE:
            kinds[item.follow_up.value] += 1
    if summary.count:
        total = sum(rating * n for rating, n in summary.ratings.items())
        summary.mean = round(total / summary.count, 2)
    summary.follow_ups = {kind.value: kinds[kind.value] for kind in FollowUp if kinds[kind.value]}
    return summary


def _grouped(feedback: list[Feedback], key: Callable[[Feedback], Hashable]) -> list[tuple[object, Summary]]:
    groups: dict[Hashable, list[Feedback]] = {}
    for item in feedback:
        groups.setdefault(key(item), []).append(item)
    return [(group, summarise(items)) for group, items in groups.items()]


def per_meeting(feedback: list[Feedback]) -> list[tuple[Meeting, Summary]]:
    return _grouped(feedback, lambda f: f.meeting)  # type: ignore[return-value]


def per_author(feedback: list[Feedback]) -> list[tuple[object, Summary]]:
    """Grouped by who gave the feedback, in the order of the list."""
    return _grouped(feedback, lambda f: f.author)


def meeting_start(meeting: Meeting) -> WallTime | None:
    """When a placed meeting starts (the mission's wall-clock time); None while it has no slot."""
    if meeting.session is None or meeting.slot is None or meeting.slot >= meeting.session.slot_count:
        return None
    return meeting.session.slot_times()[meeting.slot][0]


def comment_language(feedback: Feedback) -> str | None:
    """The language the author writes in: their profile's, else the first they speak."""
    author = feedback.author
    if author.profile is not None and author.profile.language:
        return author.profile.language
    return author.languages[0] if author.languages else None
