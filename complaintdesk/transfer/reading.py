"""Reading an import file: CSV in whatever encoding Chinese offices save it in, or Excel.

A table is its header row and then data rows as dicts by header. CSV cells are text; Excel
cells arrive as Excel typed them (a date cell as a datetime, a number as int or float).
"""

import csv
import importlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from complaintdesk.core.errors import DomainError

# Tried in this order: UTF-8 (with or without the byte-order mark Excel writes), then the
# mainland's GB18030 (a superset of GBK and GB2312), then Hong Kong's Big5 with HKSCS.
ENCODINGS = ("utf-8-sig", "gb18030", "big5hkscs")
DELIMITERS = ",;\t|"
EXTENSIONS = ("csv", "txt", "xlsx")


class UnreadableFile(DomainError):
    """The file is not a table this reader understands; no row of it was looked at."""


@dataclass
class Table:
    headers: list[str]
    # (row number as the spreadsheet shows it, the header row being 1; cells by header)
    rows: Iterator[tuple[int, dict[str, Any]]]
    # Rows as far as the file says before it is read through: for progress only.
    estimated_rows: int


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def table_read(file: BinaryIO, name: str) -> Table:
    extension = extension_of(name)
    if extension == "xlsx":
        return _excel(file)
    if extension in ("csv", "txt"):
        return _csv(file.read())
    raise UnreadableFile(
        _("Files of type “%(ext)s” cannot be imported: use CSV or Excel (.xlsx).")
        % {"ext": extension or "?"}
    )


def decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("The file's text encoding is not UTF-8, GB18030 or Big5-HKSCS; save it as UTF-8.")
    )


def _csv(data: bytes) -> Table:
    text = decode(data)
    sample = text[: 64 * 1024]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        dialect = csv.excel  # a single column has nothing to sniff
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = next(reader, None)
    if not header:
        raise UnreadableFile(_("The file is empty."))
    headers = _headers(header)
    estimated = max(text.count("\n") - 1, 0)
    return Table(headers, _rows(headers, reader), estimated)


def _excel(file: BinaryIO) -> Table:
    # Loaded by the first workbook a process reads (export_formats.py says why).
    openpyxl = importlib.import_module("openpyxl")
    unreadable = (openpyxl.utils.exceptions.InvalidFileException, KeyError, OSError, ValueError)
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except unreadable as error:
        raise UnreadableFile(_("This is not an Excel workbook (.xlsx) that can be read.")) from (
            error
        )
    sheet = book.worksheets[0]
    cells = sheet.iter_rows(values_only=True)
    header = next(cells, None)
    if not header or not any(value not in (None, "") for value in header):
        raise UnreadableFile(_("The file is empty."))
    headers = _headers(["" if value is None else str(value) for value in header])
    estimated = max((sheet.max_row or 1) - 1, 0)
    return Table(headers, _rows(headers, cells), estimated)


def _headers(header: list[str]) -> list[str]:
    """Headers as the mapping names them: trimmed, a blank one named by its place, a repeated
    one numbered, so that every column can be told apart."""
    seen: set[str] = set()
    result = []
    for place, raw in enumerate(header, start=1):
        name = raw.strip().lstrip("\ufeff") or _("Column %(n)d") % {"n": place}
        candidate, copy = name, 2
        while candidate in seen:
            candidate, copy = f"{name} ({copy})", copy + 1
        seen.add(candidate)
        result.append(candidate)
    return result


def _rows(headers: list[str], cells: Iterator) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, values in enumerate(cells, start=2):
        if not any(value not in (None, "") and str(value).strip() for value in values):
            continue  # a blank line holds nothing to import or to report
        yield number, dict(zip(headers, values, strict=False))
