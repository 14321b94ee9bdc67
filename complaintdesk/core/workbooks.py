"""Excel workbooks written as they are read: rows go to disk as they come, memory stays flat.

The queue's export and the dashboards' download both write through here. A complaint's
words reach a sheet as text, never as a formula the spreadsheet would run (OWASP, "CSV
Injection"), and openpyxl, 18 MB, is loaded by the first workbook a process writes, not by
every web worker at start.
"""

import importlib
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import IO, Any

Cell = str | int | datetime | None
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


@dataclass
class Sheet:
    title: str
    headers: list[str]
    widths: list[int]
    rows: Iterable[list[Cell]]


def xlsx_sheets(sheets: list[Sheet]) -> IO[bytes]:
    """The workbook of these sheets, in the order given, in a temporary file, rewound, to
    stream with a FileResponse (which closes, and so deletes, it)."""
    openpyxl = importlib.import_module("openpyxl")
    workbook = openpyxl.Workbook(write_only=True)
    bold = openpyxl.styles.Font(bold=True)
    for given in sheets:
        # Excel's limit on a sheet's name, and the characters it refuses in one.
        title = "".join(c for c in str(given.title) if c not in "[]:*?/\\")[:31]
        sheet = workbook.create_sheet(title=title)
        for index, width in enumerate(given.widths, start=1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header_row = []
        for header in given.headers:
            cell = openpyxl.cell.WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_row.append(cell)
        sheet.append(header_row)
        for row in given.rows:
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
