"""Web settings read from the environment, in one place (the database URL stays in missionmatch.settings)."""

import datetime as dt
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from missionmatch.services.accounts import LOGIN_LINK_VALIDITY
from missionmatch.services.mail import MailSettings, SmtpSettings
from missionmatch.web.proxies import Network, parse_networks

SECRET_FILE = Path("var") / "secret.key"


@dataclass(frozen=True)
class WebSettings:
    secret_key: str
    base_url: str = "http://127.0.0.1:8000"
    # None: mails stay in the outbox (the embedded default); set: delivered by SMTP right after queueing
    smtp: SmtpSettings | None = None
    https_only: bool = False
    login_link_validity: dt.timedelta = LOGIN_LINK_VALIDITY
    request_validity: dt.timedelta = field(default=dt.timedelta(days=7))
    # reverse proxies whose X-Forwarded-For is believed (web/proxies.py); none by default
    trusted_proxies: tuple[Network, ...] = ()

    @property
    def mail(self) -> MailSettings:
        return MailSettings(
            base_url=self.base_url, smtp=self.smtp, login_link_validity=self.login_link_validity
        )


def _secret_key() -> str:
    # A key kept in var/ survives restarts, so that sessions do too; the environment wins when set.
    if key := os.environ.get("MISSIONMATCH_SECRET_KEY"):
        return key
    if SECRET_FILE.exists():
        return SECRET_FILE.read_text().strip()
    SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    SECRET_FILE.write_text(key)
    SECRET_FILE.chmod(0o600)
    return key


def load_web_settings() -> WebSettings:
    smtp_host = os.environ.get("MISSIONMATCH_SMTP_HOST")
    smtp = None
    if smtp_host:
        smtp = SmtpSettings(
            host=smtp_host,
            port=int(os.environ.get("MISSIONMATCH_SMTP_PORT", "25")),
            sender=os.environ.get("MISSIONMATCH_SMTP_SENDER", "missionmatch@localhost"),
            username=os.environ.get("MISSIONMATCH_SMTP_USER"),
            password=os.environ.get("MISSIONMATCH_SMTP_PASSWORD"),
            starttls=os.environ.get("MISSIONMATCH_SMTP_STARTTLS") == "1",
        )
    return WebSettings(
        secret_key=_secret_key(),
        base_url=os.environ.get("MISSIONMATCH_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        smtp=smtp,
        https_only=os.environ.get("MISSIONMATCH_HTTPS") == "1",
        trusted_proxies=parse_networks(os.environ.get("MISSIONMATCH_TRUSTED_PROXIES", "")),
    )
