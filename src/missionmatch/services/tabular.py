"""Reads a sheet (.xlsx) or a CSV file of any common encoding into header names and rows of text."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

# Tried in order after UTF-8: what Japanese Excel (cp932, a superset of Shift-JIS) and Western Excel write.
_FALLBACK_ENCODINGS = ("cp932", "cp1252")


@dataclass(frozen=True)
class Sheet:
    headers: list[str]
    rows: list[dict[str, str]]  # header -> cell text, blank cells as ""
    first_row_number: int = 2  # row numbers as the user sees them in the file (header is row 1)
    encoding: str | None = None


class UnreadableFile(ValueError):
    pass


def read_sheet(path: Path) -> Sheet:
    return read_upload(path.name, path.read_bytes())


def read_upload(file_name: str, data: bytes) -> Sheet:
    """A file's rows; its name's extension tells the format, as on the command line."""
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(file_name, data)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(data)
    raise UnreadableFile(f"{file_name}: unsupported file type {suffix!r} (use .xlsx or .csv)")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was found in."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(_FALLBACK_ENCODINGS)).best()
    candidates = ([best.encoding] if best else []) + list(_FALLBACK_ENCODINGS)
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableFile("the file is neither UTF-8, Shift-JIS nor Windows-1252 text")


def _read_csv(data: bytes) -> Sheet:
    text, encoding = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # the csv module refuses fields over 128 KiB with an error that names no row; the text rules of the
    # import refuse long fields naming the row and column instead
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text), dialect)
    lines = [line for line in reader]
    if not lines:
        raise UnreadableFile("the file is empty")
    headers = [h.strip() for h in lines[0]]
    rows = []
    for line in lines[1:]:
        cells = [c.strip() for c in line] + [""] * (len(headers) - len(line))
        rows.append(dict(zip(headers, cells, strict=False)))
    return Sheet(headers=headers, rows=rows, encoding=encoding)


def _read_xlsx(file_name: str, data: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UnreadableFile(f"{file_name}: not a readable Excel workbook ({error})") from error
    sheet = workbook.worksheets[0]
    lines = [
        ["" if cell is None else str(cell).strip() for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    if not lines:
        raise UnreadableFile(f"{file_name}: the first sheet is empty")
    headers = lines[0]
    rows = [dict(zip(headers, line + [""] * (len(headers) - len(line)), strict=False)) for line in lines[1:]]
    return Sheet(headers=headers, rows=rows)
