"""Settings read from the environment, in one place."""

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATABASE_PATH = Path("var") / "missionmatch.db"


class SettingError(ValueError):
    """An environment variable holds something that is not a usable value."""


@dataclass(frozen=True)
class PoolSettings:
    """Database connections of one process. The web gate lets `size` requests use the database at once;
    `max_overflow` is headroom for the few routes that open a second session (a scheduler run)."""

    size: int = 10
    max_overflow: int = 5
    timeout: float = 10.0  # seconds a checkout waits for a free connection before failing


@dataclass(frozen=True)
class Settings:
    database_url: str
    cache_dir: Path
    pool: PoolSettings = PoolSettings()
    web_workers: int = 1
    gate_wait: float = 5.0  # seconds a request waits for a database connection before a 503
    page_cache_entries: int = 2000  # rendered participant pages kept per process (web/page_cache.py); 0: off


def _number(name: str, default: float, kind: type, minimum: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a number") from None
    if value < minimum:
        raise SettingError(f"{name}={raw!r} must be at least {minimum}")
    return value


def load_pool_settings() -> PoolSettings:
    return PoolSettings(
        size=int(_number("MISSIONMATCH_DB_POOL_SIZE", PoolSettings.size, int, 1)),
        max_overflow=int(_number("MISSIONMATCH_DB_MAX_OVERFLOW", PoolSettings.max_overflow, int, 0)),
        timeout=_number("MISSIONMATCH_DB_POOL_TIMEOUT", PoolSettings.timeout, float, 0.1),
    )


def load_page_cache_entries() -> int:
    """MISSIONMATCH_PAGE_CACHE: how many rendered pages a web process keeps; 0 turns the cache off."""
    return int(_number("MISSIONMATCH_PAGE_CACHE", Settings.page_cache_entries, int, 0))


def load_settings() -> Settings:
    database_url = os.environ.get("MISSIONMATCH_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"
    cache_dir = Path(os.environ.get("MISSIONMATCH_CACHE_DIR", "var/cache"))
    return Settings(
        database_url=database_url,
        cache_dir=cache_dir,
        pool=load_pool_settings(),
        web_workers=int(_number("MISSIONMATCH_WEB_WORKERS", 1, int, 1)),
        gate_wait=_number("MISSIONMATCH_DB_GATE_WAIT", 5.0, float, 0.0),
        page_cache_entries=load_page_cache_entries(),
    )
