"""Campaigns: created from a mission document's `campaign` (by name), each with a unique key made from its
name unless the document gives one; found by key, number or name as people type them."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from missionmatch.models import Campaign
from missionmatch.models.campaign import key_from_name


def free_key(session: Session, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… when another campaign has it."""
    taken = set(session.scalars(select(Campaign.key).where(Campaign.key.startswith(wanted))))
    key, number = wanted, 1
    while key in taken:
        number += 1
        key = f"{wanted}-{number}"
    return key


def campaign_named(session: Session, name: str, description: str = "", key: str | None = None) -> Campaign:
    """The campaign of that name, created when there is none (with `key`, or one made from the name)."""
    campaign = session.scalar(select(Campaign).where(Campaign.name == name))
    if campaign is None:
        campaign = Campaign(
            name=name, description=description, key=free_key(session, key or key_from_name(name))
        )
        session.add(campaign)
        session.flush()
    return campaign


def find_campaign(session: Session, reference: str) -> Campaign | None:
    """A campaign by its key, its number or its name (case ignored); None when there is none."""
    wanted = reference.strip()
    by_key = session.scalar(select(Campaign).where(Campaign.key == wanted))
    if by_key is not None:
        return by_key
    if wanted.isdigit():
        found = session.get(Campaign, int(wanted))
        if found is not None:
            return found
    exact = session.scalar(select(Campaign).where(Campaign.name == wanted))
    if exact is not None:
        return exact
    # SQLite's lower() folds ASCII only: a name with accents is found as typed (above)
    query = select(Campaign).where(func.lower(Campaign.name) == wanted.lower())
    return session.scalars(query.order_by(Campaign.id)).first()
