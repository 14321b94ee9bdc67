"""The two files an export is offered as: CSV, streamed as it is read, and an Excel workbook.

Both guard against formula injection: a complaint's subject is the complainant's own words,
and a cell such as =HYPERLINK(...) must reach the reader as text, never as a formula that the
spreadsheet runs (OWASP, "CSV Injection").
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from django.utils.translation import gettext as _

from complaintdesk.core.workbooks import Sheet, xlsx_sheets

from .exporting import Cell

# Excel, LibreOffice and Google Sheets read a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel takes a CSV for the local ANSI code page unless it starts with this mark: without it
# Chinese arrives as mojibake.
BOM = "\ufeff"
# Rows written to the stream at once: few enough to start the download at once, enough that
# the server does not send a packet per row.
CSV_ROWS_PER_CHUNK = 500


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
    and so deletes, it)."""
    return xlsx_sheets([Sheet(_("Complaints"), headers, widths, rows)])
