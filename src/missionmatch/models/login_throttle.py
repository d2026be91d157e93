"""Counters of sign-in attempts, one row per key ("pair:<e-mail>|<address>", "address:<address>",
"account:<e-mail>", "link:..."), kept in the database so that the limit holds across server processes and
is updated by single statements that concurrent requests cannot interleave (services/login_throttle.py)."""

import datetime as dt

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime


class LoginThrottle(Base):
    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # since the counter last started over
    last_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    next_allowed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)  # the backoff: refused before this
