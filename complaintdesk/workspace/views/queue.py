"""The queue: its views with their counts, filters and orders, and the views a person saves.
Thin: read the filters, ask the selectors, render."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.complaints import selectors
from complaintdesk.complaints.queues import COUNT_CAP, QueueView, queue_counts
from complaintdesk.core.errors import DomainError

from ..queue_forms import queue_form
from ..saved_queues import saved_queue_delete, saved_queue_save, saved_queues_of
from .common import AuthenticatedHttpRequest, report_error


@login_required
@require_GET
def complaint_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = queue_form(request.GET, request.user)
    arguments = form.queue_arguments()
    page = selectors.complaint_queue(
        request.user, cursor=request.GET.get("cursor", ""), **arguments
    )
    context = {
        "form": form,
        "page": page,
        "views": QueueView.choices,
        "current_view": form.value("view"),
        "saved": saved_queues_of(request.user),
        "address": form.address(),
        "next_address": form.address(cursor=page.next_cursor) if page.next_cursor else "",
    }
    # "Show more" (htmx) asks only for the next rows.
    partial = request.headers.get("HX-Request") == "true" and request.GET.get("cursor")
    template = "complaints/_queue_rows.html" if partial else "complaints/list.html"
    return render(request, template, context)


@login_required
@require_GET
def queue_view_counts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The views' tabs with their counts: asked for by the page once it has shown its rows,
    so that counting never delays the queue itself."""
    form = queue_form(request.GET, request.user)
    context = {
        "form": form,
        "views": QueueView.choices,
        "current_view": form.value("view"),
        "counts": queue_counts(request.user),
        "count_cap": COUNT_CAP,
    }
    return render(request, "complaints/_queue_views.html", context)


@login_required
@require_POST
def saved_queue_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        saved_queue_save(request.user, request.POST.get("name", ""), query)
    except DomainError as error:
        report_error(request, error)
    return redirect(f"{reverse('complaints:list')}?{query}")


@login_required
@require_POST
def saved_queue_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        saved_queue_delete(request.user, pk)
    except DomainError as error:
        report_error(request, error)
    return redirect("complaints:list")
