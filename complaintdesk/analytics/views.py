"""The dashboard and its workbook, the executive view and its read receipts. Thin: read the
scope and filters, ask the selectors, render."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.accounts.models import User
from complaintdesk.complaints.models import Complaint
from complaintdesk.core.errors import DomainError, NotFound
from complaintdesk.core.workbooks import xlsx_sheets

from .alert_rows import alerts_in_sight
from .cause_selectors import dashboard_with_causes
from .executive import executive_overview, is_executive, top_reasons
from .forms import DashboardForm
from .models import ReportFrequency
from .periods import month_asked, month_bounds
from .presenting import chart_data, chart_table, dashboard_sheets, headline, queue_address
from .reads import executive_read_record
from .reports import report_subscribe, report_subscriptions_of
from .returns import RETURNS, Period, cfpb_return, fca_return, jrt_return
from .scope import dashboard_organisations, dashboard_scope


class _Request(HttpRequest):
    user: User  # login_required


@login_required
@require_GET
def dashboard(request: _Request) -> HttpResponse:
    scope = dashboard_scope(request.user, request.GET.get("organisation", ""))
    if scope is None:
        return render(request, "analytics/dashboard.html", {"scope": None})
    form = DashboardForm(request.GET, scope=scope)
    figures = dashboard_with_causes(scope, form.filters())
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
            "subscriptions": report_subscriptions_of(request.user, scope.organisation),
            "returns": RETURNS.items(),
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
    figures = dashboard_with_causes(scope, filters)
    sheets = dashboard_sheets(figures)
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


@login_required
@require_POST
def report_subscription(request: _Request) -> HttpResponse:
    """Start or stop the weekly or monthly pack of this dashboard by mail."""
    scope = dashboard_scope(request.user, request.POST.get("organisation", ""))
    if scope is None:
        raise Http404
    frequency = request.POST.get("frequency", "")
    subscribed = request.POST.get("subscribed") == "1"
    try:
        report_subscribe(request.user, scope.organisation, frequency, subscribed=subscribed)
    except DomainError as refused:
        messages.error(request, str(refused))
    else:
        label = ReportFrequency(frequency).label
        if subscribed:
            messages.success(request, _("You will receive it by mail: %(f)s.") % {"f": label})
        else:
            messages.success(request, _("You will no longer receive it: %(f)s.") % {"f": label})
    return redirect(f"{reverse('analytics:dashboard')}?organisation={scope.organisation.code}")


@login_required
@require_GET
def regulator_return(request: _Request, kind: str) -> HttpResponseBase:
    """A regulator return over the dashboard's period and unit, as a workbook."""
    if kind not in RETURNS:
        raise Http404
    scope = dashboard_scope(request.user, request.GET.get("organisation", ""))
    if scope is None:
        raise Http404
    filters = DashboardForm(request.GET, scope=scope).filters()
    period = Period(scope, filters.start, filters.end, filters.unit)
    if kind == "fca":
        sheets = fca_return(period)
    elif kind == "cfpb":
        sheets = cfpb_return(period, timezone.now())
    else:
        sheets = jrt_return(period)
    name = f"{kind}-{scope.organisation.code}-{filters.start}-{filters.end}.xlsx"
    return FileResponse(xlsx_sheets(sheets), as_attachment=True, filename=name)
