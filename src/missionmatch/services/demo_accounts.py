"""Sign-ins for the demo: one organiser for every demo mission and login links for a few participants."""

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.models.enums import Side
from missionmatch.services.accounts import create_login_link, create_organiser

DEMO_ORGANISER = "organiser@demo.missionmatch"


@dataclass
class DemoLogins:
    organiser_email: str
    organiser_password: str
    links: list[tuple[str, str]]  # (participant, path of the one-time link)


def create_demo_accounts(session: Session, missions: list[Mission], main: Mission) -> DemoLogins:
    """A fresh password each time (printed, never stored in clear) and links for one person per side."""
    password = secrets.token_urlsafe(9)
    create_organiser(session, DEMO_ORGANISER, password, missions, name="Demo organiser")
    links = []
    for side in (Side.DELEGATION, Side.HOST):
        person = next((p for p in main.participants if p.organisation.side == side), None)
        if person is not None:
            token = create_login_link(session, person, dt.timedelta(days=7))
            links.append((f"{person.full_name} ({person.organisation.name})", f"/login/link/{token}"))
    return DemoLogins(DEMO_ORGANISER, password, links)
