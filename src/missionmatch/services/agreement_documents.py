"""PDF documents attached to an agreement (the signed copy, a draft to comment on).

They are kept in the database rather than under var/: a document then belongs to its agreement's
transaction (no file left behind by a rolled-back upload, none lost by a deleted row), goes with the
mission when it is deleted or exported, is backed up with the database, and no path built from a user's
file name ever touches the disk. The size limit keeps that affordable; the first bytes must be a PDF's."""

import datetime as dt
import re
import unicodedata

from sqlalchemy.orm import Session

from missionmatch.models import Agreement, AgreementDocument
from missionmatch.services.setup_fields import refuse

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
MAX_FILENAME = 200
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def clean_filename(name: str) -> str:
    """A file name safe to show and to send back in a Content-Disposition header: no folders, no control
    characters, at most 200 characters, ending in .pdf."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" .") or "document"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    if len(name) > MAX_FILENAME:
        name = name[: MAX_FILENAME - 4] + ".pdf"
    return name


def check_pdf(content: bytes, field: str = "document") -> None:
    """Refuses, naming `field`, an empty file, one over the size limit, or one that is not a PDF."""
    if not content:
        raise refuse(field, "empty_file")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise refuse(field, "too_large", limit=MAX_DOCUMENT_BYTES // (1024 * 1024))
    if not content.startswith(PDF_MAGIC):
        raise refuse(field, "not_pdf")


def add_document(
    session: Session, agreement: Agreement, *, filename: str, content: bytes, by: str, now: dt.datetime
) -> AgreementDocument:
    check_pdf(content)
    document = AgreementDocument(
        agreement=agreement,
        filename=clean_filename(filename),
        size=len(content),
        content=content,
        uploaded_at=now,
        uploaded_by=by,
    )
    session.add(document)
    session.flush()
    return document


def delete_document(session: Session, document: AgreementDocument) -> None:
    session.delete(document)
    session.flush()
