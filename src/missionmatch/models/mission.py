import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime
from missionmatch.models.enums import DirectoryVisibility, db_enum
from missionmatch.models.localized_columns import localized_attribute

if TYPE_CHECKING:
    from missionmatch.models.agreement import Agreement
    from missionmatch.models.b2b_session import B2BSession
    from missionmatch.models.campaign import Campaign
    from missionmatch.models.meeting import Meeting
    from missionmatch.models.meeting_request import MeetingRequest
    from missionmatch.models.organisation import Organisation
    from missionmatch.models.participant import Participant
    from missionmatch.models.programme import ProgrammeItem


class Mission(Base):
    """One trip of a delegation to a host country. Its programme, sessions and people's absences are stored
    as wall-clock time in the mission's `timezone`, the way organisers write their programmes; time stamps
    (created, published, checked in...) are instants in UTC (docs/time.md)."""

    __tablename__ = "mission"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
    # name and description in every language (models/localized_columns.py)
    name_plain: Mapped[str] = mapped_column("name", String(200), unique=True)
    name_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    origin_country: Mapped[str] = mapped_column(String(2))
    host_country: Mapped[str] = mapped_column(String(2))
    cities: Mapped[list[str]] = mapped_column(JSON, default=list)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    timezone: Mapped[str] = mapped_column(String(64))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    description_plain: Mapped[str] = mapped_column("description", Text, default="")
    description_i18n: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    organiser: Mapped[str] = mapped_column(String(200), default="")
    # what participants may see of each other (web/permissions.py applies it)
    directory_visibility: Mapped[DirectoryVisibility] = mapped_column(
        db_enum(DirectoryVisibility),
        default=DirectoryVisibility.OTHER_SIDE,
        server_default=DirectoryVisibility.OTHER_SIDE.value,
    )
    show_contact_emails: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # when participants may send meeting requests (instants; None: no bound) and how many each may have
    # open or accepted at once (None: no limit); services/meeting_requests.py applies them
    requests_open_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    requests_close_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    max_open_requests: Mapped[int | None] = mapped_column(Integer)
    # organisers approve each request before it reaches its recipient (services/request_approval.py)
    requests_need_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # bumped in the transaction of every write that changes what participants' pages show
    # (models/content_revision.py); cached pages are keyed by it
    content_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    name = localized_attribute("name", lambda mission: mission.default_language)
    description = localized_attribute("description", lambda mission: mission.default_language)

    @property
    def default_language(self) -> str | None:
        """The language the mission's content is first written in: the first of its languages."""
        return self.languages[0] if self.languages else None

    campaign: Mapped["Campaign | None"] = relationship(back_populates="missions")
    programme_items: Mapped[list["ProgrammeItem"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="ProgrammeItem.starts_at"
    )
    b2b_sessions: Mapped[list["B2BSession"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="B2BSession.starts_at"
    )
    organisations: Mapped[list["Organisation"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Organisation.id"
    )
    participants: Mapped[list["Participant"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Participant.id"
    )
    meeting_requests: Mapped[list["MeetingRequest"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="MeetingRequest.id"
    )
    meetings: Mapped[list["Meeting"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Meeting.id"
    )
    agreements: Mapped[list["Agreement"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Agreement.id"
    )
