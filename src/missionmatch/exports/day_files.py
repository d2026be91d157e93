"""The day documents of a B2B session written to a directory: plan, doors, checkin, rota and cards, as PDF
or xlsx."""

from enum import StrEnum
from pathlib import Path

from missionmatch.exports.day_pdf import day_pdf
from missionmatch.exports.day_tables import KINDS, sheets
from missionmatch.exports.tables import to_xlsx
from missionmatch.i18n import Translator
from missionmatch.services.day_documents import DayDocuments


class DayFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"


def write_day_documents(
    t: Translator, documents: DayDocuments, format: DayFormat, out: Path, mission_name: str, zone: str
) -> list[Path]:
    """plan, doors, checkin, rota and cards .pdf (or .xlsx) in `out`, created if missing."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        target = out / f"{kind}.{format.value}"
        if format is DayFormat.PDF:
            target.write_bytes(day_pdf(t, documents, kind, mission_name, zone))
        else:
            target.write_bytes(to_xlsx(sheets(t, documents, kind)))
        written.append(target)
    return written
