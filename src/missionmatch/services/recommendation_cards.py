"""What a participant's recommendations page shows: the matcher's partners minus those they dismissed or are
not interested in (campaign-wide), each with who met whom in an earlier mission of the campaign; partners
already met are left out unless asked; "no more good matches" when the quality floor shortened the list."""

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from missionmatch.matching.config import MatchConfig
from missionmatch.models import Participant, Recommendation
from missionmatch.models.enums import ExclusionKind
from missionmatch.services.campaign_memory import PastMeeting, past_meetings
from missionmatch.services.pair_blocks import not_interested_emails
from missionmatch.services.partner_exclusions import excluded_by
from missionmatch.services.recommendations import recommendations_for


@dataclass
class Card:
    recommendation: Recommendation
    met_before: list[PastMeeting] = field(default_factory=list)


@dataclass
class RecommendationPage:
    cards: list[Card]
    dismissed: list[Participant]
    not_interested: list[Participant]
    met_hidden: int  # partners met in an earlier mission, left out (include_met shows them)
    no_more_good: bool  # the matcher stopped before its full list: past these, reasons do not hold up


def recommendation_page(
    session: Session, participant: Participant, visible: set[int], include_met: bool = False
) -> RecommendationPage:
    stored = [r for r in recommendations_for(session, participant) if r.candidate_id in visible]
    mine = excluded_by(session, participant)
    dismissed = {p.id for p in mine[ExclusionKind.DISMISSED]}
    shunned = not_interested_emails(session, participant)
    kept = [r for r in stored if r.candidate_id not in dismissed and r.candidate.email not in shunned]
    memory = past_meetings(session, participant, [r.candidate for r in kept])
    cards = [Card(r, memory.get(r.candidate_id, [])) for r in kept]
    shown = cards if include_met else [c for c in cards if not c.met_before]
    return RecommendationPage(
        cards=shown,
        dismissed=mine[ExclusionKind.DISMISSED],
        not_interested=mine[ExclusionKind.NOT_INTERESTED],
        met_hidden=len(cards) - len(shown),
        no_more_good=bool(stored) and len(stored) < MatchConfig().top_k,
    )


def hidden_partners(
    session: Session, participant: Participant, candidates: list[Participant], include_met: bool = False
) -> set[int]:
    """Those of `candidates` the participant's pages leave out: dismissed, not interested (campaign-wide),
    and, unless asked, met in an earlier mission. The organisation cards apply it to colleagues' matches."""
    dismissed = {p.id for p in excluded_by(session, participant)[ExclusionKind.DISMISSED]}
    shunned = not_interested_emails(session, participant)
    hidden = {p.id for p in candidates if p.id in dismissed or p.email in shunned}
    if not include_met:
        hidden |= set(past_meetings(session, participant, [p for p in candidates if p.id not in hidden]))
    return hidden
