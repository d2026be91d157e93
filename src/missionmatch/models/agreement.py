import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base, new_key
from missionmatch.models.datetime_types import UTCDateTime
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
    # confidential agreements are seen by organisers only, never by participants (even parties)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    mission: Mapped["Mission"] = relationship(back_populates="agreements")
    parties: Mapped[list["Organisation"]] = relationship(
        secondary=agreement_party, order_by="Organisation.id"
    )
    meetings: Mapped[list["Meeting"]] = relationship(secondary=agreement_meeting, order_by="Meeting.id")
    signatories: Mapped[list["AgreementSignatory"]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementSignatory.position"
    )
    history: Mapped[list["AgreementStatusChange"]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        order_by="AgreementStatusChange.id",
        passive_deletes=True,
    )
    documents: Mapped[list["AgreementDocument"]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        order_by="AgreementDocument.id",
        passive_deletes=True,
    )


class AgreementSignatory(Base):
    """A person who signs (or is to sign) for one of the parties."""

    __tablename__ = "agreement_signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))

    agreement: Mapped[Agreement] = relationship(back_populates="signatories")
    organisation: Mapped["Organisation | None"] = relationship()


class AgreementStatusChange(Base):
    """One entry of an agreement's history: appended by services/agreements.py, never changed."""

    __tablename__ = "agreement_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    status: Mapped[AgreementStatus] = mapped_column(db_enum(AgreementStatus))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    changed_by: Mapped[str] = mapped_column(String(254), default="")  # an organiser's e-mail, or ""
    note: Mapped[str] = mapped_column(Text, default="")

    agreement: Mapped[Agreement] = relationship(back_populates="history")


class AgreementDocument(Base):
    """A PDF attached to an agreement, kept in the database (services/agreement_documents.py says why)."""

    __tablename__ = "agreement_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    uploaded_by: Mapped[str] = mapped_column(String(254), default="")

    agreement: Mapped[Agreement] = relationship(back_populates="documents")
