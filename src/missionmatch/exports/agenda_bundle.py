"""Every agenda of a mission in one download, for the organisers: one PDF (each agenda on its own pages) or a
zip with each participant's PDF and iCalendar file named by their key. Run by the worker as an `agendas`
job: progress after each agenda (done of total), stopped by a cancel at the next agenda, and the file stored
with the job (`job_files`) only once every agenda is rendered; storing one deletes the expired others."""

import io
import zipfile
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from missionmatch import clock
from missionmatch.db import transaction
from missionmatch.exports.agenda_files import file_stem
from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.exports.agenda_pdf import agendas_pdf
from missionmatch.models import Mission
from missionmatch.services.agenda_document import AgendaDocument, mission_agenda_documents
from missionmatch.services.job_files import delete_expired_job_files, store_job_file

STAGE, STORING = "rendering", "storing"
ZIP_TYPE = "application/zip"
PDF_TYPE = "application/pdf"

Progress = Callable[..., None]  # job_runs.Reporter: progress(stage=..., done=..., total=...)


class BundleFormat(StrEnum):
    PDF = "pdf"  # one PDF, every agenda
    ZIP = "zip"  # <key>.pdf and <key>.ics for each participant


def agendas_zip(documents: list[AgendaDocument], parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            stem = file_stem(document.participant.key)
            archive.writestr(f"{stem}.pdf", parts[document.participant.key])
            archive.writestr(f"{stem}.ics", agenda_ics(document))
    return buffer.getvalue()


def bundle_name(slug: str, format: BundleFormat) -> str:
    return f"agendas-{slug}.{format.value}"


def build_agenda_bundle(
    factory: sessionmaker[Session], job_id: int, mission_id: int, format: BundleFormat, progress: Progress
) -> dict[str, Any]:
    """Renders and stores the bundle; the job's result: file name, size, number of agendas."""
    with factory() as session:
        mission = session.get(Mission, mission_id)
        if mission is None:
            raise LookupError(f"mission {mission_id} no longer exists")
        slug = mission.slug
        documents = mission_agenda_documents(session, mission)
    progress(stage=STAGE, done=0, total=len(documents))

    def rendered(done: int, total: int) -> None:
        progress(stage=STAGE, done=done, total=total)

    whole, parts = agendas_pdf(documents, rendered, each=format is BundleFormat.ZIP)
    if format is BundleFormat.ZIP:
        content, media_type = agendas_zip(documents, parts), ZIP_TYPE
    else:
        content, media_type = whole, PDF_TYPE
    name = bundle_name(slug, format)
    # a new stage is always written and reads the cancel flag: a cancel during the last agendas stops here
    progress(stage=STORING, done=len(documents), total=len(documents))
    with transaction(factory) as session:
        delete_expired_job_files(session, clock.now())  # each new bundle clears the day-old ones
        store_job_file(session, job_id, name, media_type, content)
    return {"format": format.value, "file_name": name, "size": len(content), "agendas": len(documents)}
