"""The dashboard and its workbook, the executive view and its read receipts. Thin: read the
scope and filters, ask the selectors, render."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.accounts.models import User
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import DomainError, NotFound
from complaintdesk.core.workbooks import Sheet, xlsx_sheets

from .alert_rows import alerts_in_sight
from .executive import executive_overview, is_executive, top_reasons
from .forms import DashboardForm
from .periods import month_asked, month_bounds
from .presenting import TITLES, chart_data, chart_rows, chart_table, headline, queue_address
from .reads import executive_read_record
from .scope import dashboard_organisations, dashboard_scope
from .selectors import dashboard_figures


class _Request(HttpRequest):
    user: User  # login_required


@login_required
@require_GET
def dashboard(request: _Request) -> HttpResponse:
    scope = dashboard_scope(request.user, request.GET.get("organisation", ""))
    if scope is None:
        return render(request, "analytics/dashboard.html", {"scope": None})
    form = DashboardForm(request.GET, scope=scope)
    figures = dashboard_figures(scope, form.filters())
    return render(
        request,
        "analytics/dashboard.html",
        {
            "scope": scope,
            "organisations": dashboard_organisations(request.user),
            "form": form,
            "filters": form.filters(),
            "headline": headline(figures),
            "charts": chart_data(figures),
            "tables": [chart_table(chart) for chart in figures.charts],
            "export_query": request.GET.urlencode(),
            "alerts": alerts_in_sight(scope),
        },
    )


@login_required
@require_GET
def dashboard_export(request: _Request) -> HttpResponseBase:
    scope = dashboard_scope(request.user, request.GET.get("organisation", ""))
    if scope is None:
        return render(request, "analytics/dashboard.html", {"scope": None}, status=404)
    form = DashboardForm(request.GET, scope=scope)
    filters = form.filters()
    figures = dashboard_figures(scope, filters)
    sheets = [
        Sheet(
            _("Summary"),
            [_("Figure"), _("Value")],
            [32, 16],
            [[rate.label, rate.value] for rate in headline(figures)],
        )
    ]
    for chart in figures.charts:
        headers, rows = chart_rows(chart)
        sheets.append(
            Sheet(str(TITLES[chart.key]), headers, [28] + [14] * (len(headers) - 1), rows)
        )
    name = f"dashboard-{scope.organisation.code}-{filters.start}-{filters.end}.xlsx"
    return FileResponse(xlsx_sheets(sheets), as_attachment=True, filename=name)


@login_required
@require_GET
def executive(request: _Request) -> HttpResponse:
    month = month_asked(request.GET.get("month", ""))
    start, end = month_bounds(month)
    overview = executive_overview(request.user, start, end)
    return render(
        request,
        "analytics/executive.html",
        {
            "overview": overview,
            "not_read": overview.reached - overview.read,
            "month": month,
            "to_read": [(c, top_reasons(c)) for c in overview.to_read],
            "unread": [(c, top_reasons(c)) for c in overview.unread],
            "lists": [(item, queue_address(item.queue)) for item in overview.lists],
        },
    )


@login_required
@require_POST
def executive_read(request: _Request, reference: str) -> HttpResponse:
    complaint = Complaint.objects.filter(reference=reference).first()
    if complaint is None:
        raise Http404
    try:
        executive_read_record(complaint, request.user)
    except NotFound as refused:
        raise Http404 from refused
    except DomainError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Recorded: you have read %(ref)s.") % {"ref": reference})
    return redirect(request.POST.get("next") or complaint.get_absolute_url())


def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: executives on what reached the top, everyone else on the queue."""
    user = request.user
    if user.is_authenticated and is_executive(cast(User, user)):
        return redirect("analytics:executive")
    return redirect("complaints:list")
