import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.enums import AgreementKind, AgreementStatus, db_enum

if TYPE_CHECKING:
    from missionmatch.models.meeting import Meeting
    from missionmatch.models.mission import Mission
    from missionmatch.models.organisation import Organisation

agreement_party = Table(
    "agreement_party",
    Base.metadata,
    Column("agreement_id", ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)

agreement_meeting = Table(
    "agreement_meeting",
    Base.metadata,
    Column("agreement_id", ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True),
    Column("meeting_id", ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True),
)


class Agreement(Base):
    """An outcome of the mission: MoU, letter of intent, contract or cooperation agreement."""

    __tablename__ = "agreement"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80), default=lambda: new_key("a"))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[AgreementKind] = mapped_column(db_enum(AgreementKind))
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[AgreementStatus] = mapped_column(db_enum(AgreementStatus), default=AgreementStatus.DRAFT)
    description: Mapped[str] = mapped_column(Text, default="")

    mission: Mapped["Mission"] = relationship(back_populates="agreements")
    parties: Mapped[list["Organisation"]] = relationship(
        secondary=agreement_party, order_by="Organisation.id"
    )
    meetings: Mapped[list["Meeting"]] = relationship(secondary=agreement_meeting, order_by="Meeting.id")
