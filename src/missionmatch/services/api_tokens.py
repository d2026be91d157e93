"""API tokens as their owners manage them: list, issue (the secret is shown once, only its hash is kept) and
revoke. A token belongs to one organiser or one participant; nobody reaches another owner's tokens."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import ApiToken, OrganiserAccount, Participant
from missionmatch.services.accounts import create_api_token

MAX_LABEL = 200
Owner = OrganiserAccount | Participant


def _owned_by(owner: Owner):
    if isinstance(owner, OrganiserAccount):
        return ApiToken.organiser_id == owner.id
    return ApiToken.participant_id == owner.id


def tokens_of(session: Session, owner: Owner) -> list[ApiToken]:
    """Newest first, revoked ones included (with the time they were revoked)."""
    return list(session.scalars(select(ApiToken).where(_owned_by(owner)).order_by(ApiToken.id.desc())))


def issue_token(session: Session, owner: Owner, label: str) -> str:
    """The new token's secret, to show once; raises ValueError for a label over MAX_LABEL characters."""
    if len(label) > MAX_LABEL:
        raise ValueError(f"label longer than {MAX_LABEL} characters")
    if isinstance(owner, OrganiserAccount):
        return create_api_token(session, organiser=owner, label=label.strip())
    return create_api_token(session, participant=owner, label=label.strip())


def revoke_token(session: Session, owner: Owner, token_id: int) -> ApiToken | None:
    """The revoked token, or None when it is not this owner's (or does not exist). Revoking twice keeps the
    first time."""
    token = session.scalar(select(ApiToken).where(ApiToken.id == token_id, _owned_by(owner)))
    if token is not None and token.revoked_at is None:
        token.revoked_at = clock.now()
    return token
