import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime


class ScheduleVersion(Base):
    """A released schedule: what was published when, and what changed since the previous release."""

    __tablename__ = "schedule_version"
    __table_args__ = (UniqueConstraint("mission_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    published_by: Mapped[str] = mapped_column(String(254), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    # meeting key -> {"session", "slot", "table", "interpreter", "participants"} at publication
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [{"meeting": key, "change": "added|moved|cancelled", "before": {...}, "after": {...}}]
    changelog: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # solver statistics of the run that produced it: status, objective, placed, unplaced reasons...
    statistics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
