"""Settings read from the environment, in one place."""

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_PATH = Path("var") / "missionmatch.db"


@dataclass(frozen=True)
class Settings:
    database_url: str
    cache_dir: Path


def load_settings() -> Settings:
    database_url = os.environ.get("MISSIONMATCH_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"
    cache_dir = Path(os.environ.get("MISSIONMATCH_CACHE_DIR", "var/cache"))
    return Settings(database_url=database_url, cache_dir=cache_dir)
