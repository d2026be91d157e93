"""The demo campaign shipped inside the package (Luxembourg–Japan 2025), loaded idempotently."""

import json
from importlib import resources

from sqlalchemy.orm import Session

from missionmatch.models import Mission
from missionmatch.services.mission_import import import_mission

DEMO_SLUGS = ("tokyo", "osaka-1", "osaka-2", "osaka-3")
MAIN_DEMO_SLUG = "osaka-1"


def demo_documents() -> list[dict]:
    folder = resources.files("missionmatch.demo") / "data"
    return [json.loads((folder / f"{slug}.json").read_text(encoding="utf-8")) for slug in DEMO_SLUGS]


def load_demo(session: Session) -> list[Mission]:
    """Replaces the demo missions with fresh copies, so that running the demo twice gives the same state."""
    return [import_mission(session, document, replace=True) for document in demo_documents()]
