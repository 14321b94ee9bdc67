"""The queue: its views with their counts, filters and orders, and the views a person saves.
Thin: read the filters, ask the selectors, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.complaints import selectors
from complaintdesk.complaints.queues import (
    COUNT_CAP,
    QueueView,
    queue_counts,
    queue_filter_options,
)
from complaintdesk.core.errors import DomainError

from ..bulk_actions import BulkForm, bulk_apply, may_act_in_bulk
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
    may_bulk = may_act_in_bulk(request.user)
    context = {
        "form": form,
        "page": page,
        "may_bulk": may_bulk,
        "bulk_form": BulkForm(handlers=form.options.handlers) if may_bulk else None,
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
def queue_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Assign, reassign or route the complaints ticked on the queue, then back to it."""
    if not may_act_in_bulk(request.user):
        raise PermissionDenied
    back = f"{reverse('complaints:list')}?{request.POST.get('back', '')}"
    form = BulkForm(request.POST, handlers=queue_filter_options(request.user).handlers)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect(back)
    outcome = bulk_apply(request.user, form.cleaned_data)
    if outcome.done:
        messages.success(
            request,
            ngettext(
                "Done for %(count)d complaint: %(references)s",
                "Done for %(count)d complaints: %(references)s",
                len(outcome.done),
            )
            % {"count": len(outcome.done), "references": ", ".join(outcome.done)},
        )
    for reference, why in outcome.refused:
        messages.warning(request, f"{reference}: {why}")
    return redirect(back)


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
