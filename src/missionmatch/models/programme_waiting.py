"""The waiting list of a full programme item: who waits, in which order, since when.

Positions are 1, 2, 3... within an item, renumbered by `services/programme_waiting.py` under the item's row
lock after every change; a participant is either registered for an item or waiting for it, never both."""

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

if TYPE_CHECKING:
    from missionmatch.models.participant import Participant
    from missionmatch.models.programme import ProgrammeItem


class WaitingEntry(Base):
    __tablename__ = "programme_waiting"
    __table_args__ = (CheckConstraint("position >= 1", name="position_from_one"),)

    programme_item_id: Mapped[int] = mapped_column(
        ForeignKey("programme_item.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    joined_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    item: Mapped["ProgrammeItem"] = relationship()
    participant: Mapped["Participant"] = relationship()
