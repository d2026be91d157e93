import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.clock import WallTime
from missionmatch.models.base import Base, new_key
from missionmatch.models.datetime_types import WallDateTime
from missionmatch.models.localized_columns import localized_attribute, mission_language

if TYPE_CHECKING:
    from missionmatch.models.mission import Mission


class B2BSession(Base):
    """A block of equal time slots at one venue with a number of tables; breaks shift the later slots."""

    __tablename__ = "b2b_session"
    __table_args__ = (
        UniqueConstraint("mission_id", "key"),
        CheckConstraint("seats >= 2", name="seats_at_least_two"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("session"))
    # name and venue in every language (models/localized_columns.py)
    name_plain: Mapped[str] = mapped_column("name", String(200))
    name_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    city: Mapped[str] = mapped_column(String(100), default="")
    venue_plain: Mapped[str] = mapped_column("venue", String(200), default="")
    venue_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    starts_at: Mapped[WallTime] = mapped_column(WallDateTime)
    slot_minutes: Mapped[int] = mapped_column(Integer)
    slot_count: Mapped[int] = mapped_column(Integer)
    # [{"after_slot": 6, "minutes": 20}]: a pause after the first six slots
    breaks: Mapped[list[dict[str, int]]] = mapped_column(JSON, default=list)
    tables: Mapped[int] = mapped_column(Integer)
    # chairs at every table: a company meeting of more attendees cannot sit there
    seats: Mapped[int] = mapped_column(Integer, default=4, server_default="4")

    name = localized_attribute("name", mission_language)
    venue = localized_attribute("venue", mission_language)

    mission: Mapped["Mission"] = relationship(back_populates="b2b_sessions")
    interpreters: Mapped[list["InterpreterPool"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="InterpreterPool.id"
    )

    def slot_times(self) -> list[tuple[WallTime, WallTime]]:
        """Start and end of every slot, breaks included."""
        pauses = {entry["after_slot"]: entry["minutes"] for entry in self.breaks}
        times = []
        start = self.starts_at
        for index in range(self.slot_count):
            end = start + dt.timedelta(minutes=self.slot_minutes)
            times.append((start, end))
            start = end + dt.timedelta(minutes=pauses.get(index + 1, 0))
        return times

    @property
    def ends_at(self) -> WallTime:
        return self.slot_times()[-1][1] if self.slot_count else self.starts_at


class InterpreterPool(Base):
    """How many interpreters for one language pair are available in every slot of a session."""

    __tablename__ = "interpreter_pool"
    __table_args__ = (UniqueConstraint("session_id", "language_a", "language_b"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("b2b_session.id", ondelete="CASCADE"), index=True)
    language_a: Mapped[str] = mapped_column(String(8))
    language_b: Mapped[str] = mapped_column(String(8))
    count: Mapped[int] = mapped_column(Integer)

    session: Mapped[B2BSession] = relationship(back_populates="interpreters")

    @property
    def pair(self) -> str:
        return f"{self.language_a}-{self.language_b}"
