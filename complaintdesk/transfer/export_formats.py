"""The two files an export is offered as: CSV, streamed as it is read, and an Excel workbook.

Both guard against formula injection: a complaint's subject is the complainant's own words,
and a cell such as =HYPERLINK(...) must reach the reader as text, never as a formula that the
spreadsheet runs (OWASP, "CSV Injection").
"""

import csv
import importlib
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from types import ModuleType
from typing import IO, Any

from django.utils.translation import gettext as _

from .exporting import Cell

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel takes a CSV for the local ANSI code page unless it starts with this mark: without it
# Chinese arrives as mojibake.
BOM = "\ufeff"
# Rows written to the stream at once: few enough to start the download at once, enough that
# the server does not send a packet per row.
CSV_ROWS_PER_CHUNK = 500
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def csv_text(value: Cell) -> str:
    """One cell as CSV text: times to the second, a formula-like text behind an apostrophe
    (which spreadsheets show, and never evaluate)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_chunks(headers: list[str], rows: Iterable[list[Cell]]) -> Iterator[str]:
    """The CSV, a few hundred rows at a time, for a StreamingHttpResponse."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(headers)
    for number, row in enumerate(rows, start=1):
        writer.writerow([csv_text(value) for value in row])
        if number % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_file(headers: list[str], widths: list[int], rows: Iterable[list[Cell]]) -> IO[bytes]:
    """The workbook in a temporary file, rewound, to stream with a FileResponse (which closes,
    and so deletes, it). Write-only: rows go to disk as they come, memory stays flat."""
    # openpyxl takes 18 MB: loaded by the first workbook a process writes (or reads, see
    # reading.py), not by every web worker at start.
    openpyxl = importlib.import_module("openpyxl")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Complaints")[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = openpyxl.styles.Font(bold=True)
    header_row = []
    for header in headers:
        cell = openpyxl.cell.WriteOnlyCell(sheet, value=header)
        cell.font = bold
        header_row.append(cell)
    sheet.append(header_row)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, openpyxl.cell) for value in row])
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(file)
    file.seek(0)
    return file


def _xlsx_cell(sheet: Any, value: Cell, cells: ModuleType) -> Any:
    """Plain values cost nothing; a date needs its format, and a text that openpyxl would
    store as a formula ("=…") or an error ("#N/A") is stored as the text it is. Control
    characters (a pasted mail may hold some) are dropped: the file format forbids them.
    `cells` is openpyxl.cell."""
    if isinstance(value, datetime):
        cell = cells.WriteOnlyCell(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, str):
        text = cells.cell.ILLEGAL_CHARACTERS_RE.sub("", value)
        if text.startswith("=") or text in cells.cell.ERROR_CODES:
            cell = cells.WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            return cell
        return text
    return value
