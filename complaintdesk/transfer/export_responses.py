"""A queue export as an HTTP response, the same for the queue page and the API."""

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from complaintdesk.accounts.models import User

from . import export_formats, exporting

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_filename(extension: str) -> str:
    return f"complaints-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(user: User, query: exporting.QueueQuery) -> StreamingHttpResponse:
    """Streamed while it is read: the first rows leave before the last are fetched, so a queue
    of any length costs neither the server's memory nor a proxy's timeout."""
    chunks = export_formats.csv_chunks(
        exporting.export_headers(), exporting.export_rows(user, query)
    )
    response = StreamingHttpResponse(chunks, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{export_filename("csv")}"'
    return response


def xlsx_response(user: User, query: exporting.QueueQuery) -> FileResponse:
    """Built whole in a temporary file first (a workbook is a zip, written at the end): the
    caller keeps it under EXPORT_XLSX_MAX_ROWS (exporting.too_many_for_xlsx)."""
    file = export_formats.xlsx_file(
        exporting.export_headers(), exporting.export_widths(), exporting.export_rows(user, query)
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=export_filename("xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )
