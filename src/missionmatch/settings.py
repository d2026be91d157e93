"""Every setting read from the environment: the MISSIONMATCH_* variables of docs/deployment.md, in one place.

Two groups, loaded apart: `load_settings()` is what every process needs (the database and its pool, the job
queue, caches, web processes); `load_web_settings()` is what the web processes and the worker need to sign
sessions and write mails, and it creates var/secret.key on first use, so commands that serve no page never
call it. An unset or empty variable takes its default; a value that cannot be used raises SettingError naming
the variable. This module imports nothing of missionmatch: any layer may read its settings.
"""

import datetime as dt
import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_PATH = Path("var") / "missionmatch.db"
DEFAULT_CACHE_DIR = Path("var") / "cache"
SECRET_FILE = Path("var") / "secret.key"
# how long a mailed sign-in link works: a day, so that a link read the next morning abroad still opens
LOGIN_LINK_VALIDITY = dt.timedelta(hours=24)
WEEK = 7 * 24 * 3600.0  # seconds: how long a meeting request waits for its answer, by default
HIGHEST_PORT = 65535

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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
    # seconds a request waits for its turn at the database before a 503: 200 closed-loop clients at ~30
    # writes/s (2 shared cores) wait ~7 s; a queue that long is still served, a longer one is not
    gate_wait: float = 15.0
    page_cache_entries: int = 2000  # rendered participant pages kept per process (web/page_cache.py); 0: off
    page_cache_dir: Path | None = None  # bodies shared by the web processes (web/shared_bodies.py); None: not
    # None: the SQLite queue next to the database (tasks/queue.py); "immediate:" runs jobs in place
    queue_url: str | None = None


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "missionmatch@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False


@dataclass(frozen=True)
class MailSettings:
    """What a use case needs to write a mail: where links point, how to deliver (None: the outbox only)."""

    base_url: str = "http://127.0.0.1:8000"
    smtp: SmtpSettings | None = None
    login_link_validity: dt.timedelta = LOGIN_LINK_VALIDITY


@dataclass(frozen=True)
class WebSettings:
    secret_key: str
    base_url: str = "http://127.0.0.1:8000"
    # None: mails stay in the outbox (the embedded default); set: delivered by SMTP right after queueing
    smtp: SmtpSettings | None = None
    https_only: bool = False
    login_link_validity: dt.timedelta = LOGIN_LINK_VALIDITY
    request_validity: dt.timedelta = field(default=dt.timedelta(days=7))  # MISSIONMATCH_REQUEST_VALIDITY (s)
    # reverse proxies whose X-Forwarded-For is believed (web/proxies.py); none by default
    trusted_proxies: tuple[Network, ...] = ()

    @property
    def mail(self) -> MailSettings:
        return MailSettings(
            base_url=self.base_url, smtp=self.smtp, login_link_validity=self.login_link_validity
        )


def _text(name: str) -> str | None:
    """The variable's value without surrounding blanks; None when unset or empty."""
    return os.environ.get(name, "").strip() or None


def _secret(name: str) -> str | None:
    # secrets are taken as they are: a blank may belong to a password
    return os.environ.get(name) or None


def _whole_number(name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = _text(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(f"{name}: {raw!r} is not a whole number") from None
    if value < minimum:
        raise SettingError(f"{name}: {raw!r} is less than {minimum}")
    if maximum is not None and value > maximum:
        raise SettingError(f"{name}: {raw!r} is more than {maximum}")
    return value


def _seconds(name: str, default: float, minimum: float) -> float:
    raw = _text(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{name}: {raw!r} is not a number of seconds") from None
    if not value >= minimum:  # also refuses nan
        raise SettingError(f"{name}: {raw!r} is less than {minimum:g} seconds")
    return value


def _flag(name: str) -> bool:
    raw = _text(name)
    if raw is None or raw == "0":
        return False
    if raw == "1":
        return True
    raise SettingError(f"{name}: {raw!r} is neither 1 (on) nor 0 (off)")


def parse_networks(text: str) -> tuple[Network, ...]:
    """'10.0.0.1, 192.168.0.0/24' -> networks (MISSIONMATCH_TRUSTED_PROXIES); a bad entry is named."""
    networks = []
    for entry in (part.strip() for part in text.split(",")):
        if entry:
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise SettingError(f"MISSIONMATCH_TRUSTED_PROXIES: {entry!r} is not an address") from None
    return tuple(networks)


def load_pool_settings() -> PoolSettings:
    return PoolSettings(
        size=_whole_number("MISSIONMATCH_DB_POOL_SIZE", PoolSettings.size, 1),
        max_overflow=_whole_number("MISSIONMATCH_DB_MAX_OVERFLOW", PoolSettings.max_overflow, 0),
        timeout=_seconds("MISSIONMATCH_DB_POOL_TIMEOUT", PoolSettings.timeout, 0.1),
    )


def load_settings() -> Settings:
    return Settings(
        database_url=_text("MISSIONMATCH_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}",
        cache_dir=Path(_text("MISSIONMATCH_CACHE_DIR") or DEFAULT_CACHE_DIR),
        pool=load_pool_settings(),
        web_workers=_whole_number("MISSIONMATCH_WEB_WORKERS", Settings.web_workers, 1),
        gate_wait=_seconds("MISSIONMATCH_DB_GATE_WAIT", Settings.gate_wait, 0.0),
        page_cache_entries=_whole_number("MISSIONMATCH_PAGE_CACHE", Settings.page_cache_entries, 0),
        page_cache_dir=Path(found) if (found := _text("MISSIONMATCH_PAGE_CACHE_DIR")) else None,
        queue_url=_text("MISSIONMATCH_QUEUE_URL"),
    )


def _secret_key() -> str:
    # A key kept in var/ survives restarts, so that sessions do too; the environment wins when set.
    if key := _secret("MISSIONMATCH_SECRET_KEY"):
        return key
    if SECRET_FILE.exists():
        return SECRET_FILE.read_text().strip()
    SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    SECRET_FILE.write_text(key)
    SECRET_FILE.chmod(0o600)
    return key


def load_smtp_settings() -> SmtpSettings | None:
    """None unless MISSIONMATCH_SMTP_HOST is set: mails then stay in the outbox."""
    host = _text("MISSIONMATCH_SMTP_HOST")
    if host is None:
        return None
    return SmtpSettings(
        host=host,
        port=_whole_number("MISSIONMATCH_SMTP_PORT", SmtpSettings.port, 1, HIGHEST_PORT),
        sender=_text("MISSIONMATCH_SMTP_SENDER") or SmtpSettings.sender,
        username=_text("MISSIONMATCH_SMTP_USER"),
        password=_secret("MISSIONMATCH_SMTP_PASSWORD"),
        starttls=_flag("MISSIONMATCH_SMTP_STARTTLS"),
    )


def load_mail_settings() -> MailSettings:
    """Where mails' links point and how they go out, for commands that serve no page (no secret key)."""
    base_url = (_text("MISSIONMATCH_BASE_URL") or MailSettings.base_url).rstrip("/")
    return MailSettings(base_url=base_url, smtp=load_smtp_settings())


def load_web_settings() -> WebSettings:
    return WebSettings(
        secret_key=_secret_key(),
        base_url=(_text("MISSIONMATCH_BASE_URL") or WebSettings.base_url).rstrip("/"),
        smtp=load_smtp_settings(),
        https_only=_flag("MISSIONMATCH_HTTPS"),
        trusted_proxies=parse_networks(os.environ.get("MISSIONMATCH_TRUSTED_PROXIES", "")),
        request_validity=dt.timedelta(seconds=_seconds("MISSIONMATCH_REQUEST_VALIDITY", WEEK, 1.0)),
    )
