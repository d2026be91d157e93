"""Every agenda of a mission written to a directory: one file per participant named by their key, and for
PDF also `all.pdf` (the whole mission, each agenda on its own pages). For the CLI; the
organisers' bulk download is services/agenda_bundle.py."""

import re
from enum import StrEnum
from pathlib import Path

from missionmatch.exports.agenda_ical import agenda_ics
from missionmatch.exports.agenda_pdf import Progress, agendas_pdf
from missionmatch.services.agenda_document import AgendaDocument

_UNSAFE = re.compile(r"[^\w.-]")


class AgendaFormat(StrEnum):
    PDF = "pdf"
    ICS = "ics"


def file_stem(key: str) -> str:
    """A participant key as a file name (a key with a slash or a space cannot escape the directory)."""
    return _UNSAFE.sub("_", key).lstrip(".") or "_"


def write_agendas(
    documents: list[AgendaDocument], format: AgendaFormat, out: Path, progress: Progress | None = None
) -> list[Path]:
    """The files written, `all.pdf` last; `progress(done, total)` after each agenda."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if format is AgendaFormat.ICS:
        for document in documents:
            target = out / f"{file_stem(document.participant.key)}.ics"
            target.write_bytes(agenda_ics(document))
            written.append(target)
            if progress is not None:
                progress(len(written), len(documents))
        return written
    whole, parts = agendas_pdf(documents, progress)
    for document in documents:
        target = out / f"{file_stem(document.participant.key)}.pdf"
        target.write_bytes(parts[document.participant.key])
        written.append(target)
    (out / "all.pdf").write_bytes(whole)
    return [*written, out / "all.pdf"]
