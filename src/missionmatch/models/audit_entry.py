"""One change to one row of a mission, for the audit log: who did it, when, which operation it was part
of, and each changed field's value before and after. Written by `models/audit_capture.py` at every flush,
never by hand; read by `services/audit_log.py`."""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_mission_id_id", "mission_id", "id"),  # the log, newest first, paged
        Index("ix_audit_entry_batch", "batch"),  # an operation's entries, for its undo
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # "organiser" (an account), "participant", "api" (a token), "cli", "job" or "system"
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_label: Mapped[str] = mapped_column(String(254), default="")  # kept when the account goes
    # the use case ("withdraw", "bulk_max_meetings"...), "" when the service named none
    operation: Mapped[str] = mapped_column(String(40), default="")
    batch: Mapped[str] = mapped_column(String(32))  # every entry of one operation shares it
    undoes: Mapped[str | None] = mapped_column(String(32))  # the batch this operation undid
    entity: Mapped[str] = mapped_column(String(40))  # "participant", "meeting", "request"...
    entity_id: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(8))  # "created", "updated", "deleted"
    # the participants the entry is about, as ",3,17," so that one LIKE finds a participant's entries
    about: Mapped[str] = mapped_column(Text, default="")
    # field -> [before, after], in JSON terms (enums by value, times in ISO 8601)
    changes: Mapped[dict[str, list[Any]]] = mapped_column(JSON, default=dict)
