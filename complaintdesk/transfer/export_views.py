"""The queue page's two downloads. Thin: they read the page's own filters (its GET parameters,
checked as the page checks them) and hand them to the export; which rows, which columns and
what is masked are exporting.py's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from complaintdesk.accounts.models import User
from complaintdesk.complaints import selectors

from . import export_responses, exporting


def queue_query(request: HttpRequest) -> exporting.QueueQuery:
    """The queue page's filters, read as complaint_list reads them: an unknown status falls
    back to the open queue, so that a stale link still exports what the page would show."""
    return exporting.QueueQuery(
        status=selectors.queue_status(request.GET.get("status", "open")),
        search=request.GET.get("q", ""),
        sla=request.GET.get("sla", ""),
        order=request.GET.get("order", "received"),
    )


def queue_url(query: exporting.QueueQuery) -> str:
    """The queue page showing these filters: where a refused download sends the user back."""
    parameters = QueryDict(mutable=True)
    parameters.update(
        {"status": query.status, "q": query.search, "sla": query.sla, "order": query.order}
    )
    return f"{reverse('complaints:list')}?{parameters.urlencode()}"


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    return export_responses.csv_response(user, queue_query(request))


@login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    user: User = request.user  # type: ignore[assignment]
    query = queue_query(request)
    if exporting.too_many_for_xlsx(user, query):
        messages.warning(
            request,
            _(
                "This queue holds more than %(limit)s complaints, too many for an Excel "
                "file. Narrow the filters, or download it as CSV, which has no limit."
            )
            % {"limit": f"{settings.EXPORT_XLSX_MAX_ROWS:,}"},
        )
        return redirect(queue_url(query))
    return export_responses.xlsx_response(user, query)
