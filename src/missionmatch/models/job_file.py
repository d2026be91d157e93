"""A file a job produced (the agendas bundle), kept in the database for its organisers to download: one per
job, for `KEPT` after it was made (then `services.job_files.delete_expired_job_files` removes it)."""

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from missionmatch.models.base import Base
from missionmatch.models.datetime_types import UTCDateTime

KEPT = dt.timedelta(hours=24)


class JobFile(Base):
    __tablename__ = "job_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), unique=True)
    file_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    def expired(self, now: dt.datetime) -> bool:
        return now - self.created_at >= KEPT
