import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import ExclusionKind, db_enum

if TYPE_CHECKING:
    from missionmatch.models.participant import Participant


class PartnerExclusion(Base):
    """A participant keeps another off their lists: a dismissed recommendation card (this mission), or
    "not interested" (never recommended nor requested again in the campaign). Deleting the row undoes it."""

    __tablename__ = "partner_exclusion"
    __table_args__ = (UniqueConstraint("participant_id", "other_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ExclusionKind] = mapped_column(db_enum(ExclusionKind))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    participant: Mapped["Participant"] = relationship(foreign_keys=[participant_id])
    other: Mapped["Participant"] = relationship(foreign_keys=[other_id])
