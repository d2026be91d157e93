"""A participant sheet an organiser uploaded, kept between the import's steps (mapping, preview, apply) so
that the file is not sent back and forth through the pages; removed once `KEPT` has passed
(`services.import_uploads.delete_expired_uploads`)."""

import datetime as dt

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

KEPT = dt.timedelta(hours=24)


class ImportUpload(Base):
    __tablename__ = "import_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # the mapping chosen for this file (services/import_mapping.ColumnChoice as JSON); NULL until then
    choice: Mapped[dict | None] = mapped_column(JSON)

    def expired(self, now: dt.datetime) -> bool:
        return now - self.created_at >= KEPT


class ImportMapping(Base):
    """The column mapping last chosen for a mission's imports, suggested for its next file: normalised
    header -> field ("" for a column left out), and the field that finds a participant."""

    __tablename__ = "import_mapping"

    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True)
    headers: Mapped[dict[str, str]] = mapped_column(JSON)
    key_field: Mapped[str] = mapped_column(String(32))
