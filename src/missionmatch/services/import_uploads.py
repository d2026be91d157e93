"""The sheet an organiser uploads, kept between the import's steps: stored once (refused when unreadable),
read back with the mapping chosen for it, removed when applied or once `KEPT` has passed."""

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from missionmatch import clock
from missionmatch.models import ImportUpload, Mission
from missionmatch.models.import_upload import KEPT
from missionmatch.services.import_apply import ImportReport, apply_import
from missionmatch.services.import_mapping import ColumnChoice, save_choice, suggest_choice
from missionmatch.services.import_plan import ImportPlan, plan_import
from missionmatch.services.tabular import Sheet, read_upload


def store_upload(session: Session, mission: Mission, file_name: str, content: bytes) -> ImportUpload:
    """Raises UnreadableFile when the file is no sheet; nothing is stored then."""
    read_upload(file_name, content)
    upload = ImportUpload(
        mission_id=mission.id, file_name=file_name[:200], content=content, created_at=clock.now()
    )
    session.add(upload)
    session.flush()
    return upload


def find_upload(session: Session, mission: Mission, upload_id: int) -> ImportUpload | None:
    """The mission's upload while it is kept; None for another mission's, an applied or an expired one."""
    found = session.get(ImportUpload, upload_id)  # the session's get: an id no row can have is None
    if found is None or found.mission_id != mission.id or found.expired(clock.now()):
        return None
    return found


def upload_sheet(upload: ImportUpload) -> Sheet:
    return read_upload(upload.file_name, upload.content)


def upload_choice(session: Session, mission: Mission, upload: ImportUpload) -> ColumnChoice:
    """The mapping chosen for this file, else the one suggested for it."""
    if upload.choice is not None:
        return ColumnChoice.from_json(upload.choice)
    return suggest_choice(session, mission, upload_sheet(upload).headers)


def choose_mapping(session: Session, mission: Mission, upload: ImportUpload, choice: ColumnChoice) -> None:
    upload.choice = choice.as_json()
    save_choice(session, mission, choice)


def preview_upload(session: Session, mission: Mission, upload: ImportUpload) -> ImportPlan:
    return plan_import(session, mission, upload_sheet(upload), upload_choice(session, mission, upload))


def apply_upload(session: Session, mission: Mission, upload: ImportUpload, expected: str) -> ImportReport:
    """Writes the preview whose fingerprint is `expected`, then forgets the file."""
    report = apply_import(
        session, mission, upload_sheet(upload), upload_choice(session, mission, upload), expected
    )
    session.delete(upload)
    session.flush()
    return report


def delete_expired_uploads(session: Session, now: dt.datetime) -> int:
    result = session.execute(delete(ImportUpload).where(ImportUpload.created_at <= now - KEPT))
    return int(getattr(result, "rowcount", 0) or 0)
