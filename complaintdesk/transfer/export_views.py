"""The queue page's two downloads. Thin: they read the page's own filters (its GET parameters,
through the page's own form) and hand them to the export; which rows, which columns and
what is masked are exporting.py's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from complaintdesk.accounts.models import User
from complaintdesk.workspace.queue_forms import queue_form

from . import export_responses, exporting


def queue_query(request: HttpRequest) -> tuple[exporting.QueueQuery, str]:
    """The queue page's filters, read by the page's own form, and the page's address: where a
    refused download sends the user back."""
    user: User = request.user  # type: ignore[assignment]
    form = queue_form(request.GET, user)
    return exporting.QueueQuery(**form.queue_arguments()), form.address()


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    return export_responses.csv_response(user, queue_query(request)[0])


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    query, address = queue_query(request)
    if exporting.too_many_for_xlsx(user, query):
        messages.warning(
            request,
            _(
                "This queue holds more than %(limit)s complaints, too many for an Excel "
                "file. Narrow the filters, or download it as CSV, which has no limit."
            )
            % {"limit": f"{settings.EXPORT_XLSX_MAX_ROWS:,}"},
        )
        return redirect(f"{reverse('complaints:list')}?{address}")
    return export_responses.xlsx_response(user, query)
