"""The in-app inbox. Thin: parse, ask a selector or call one service, render or go back."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.notifications import selectors, services
from complaintdesk.notifications.models import Notification

from .common import AuthenticatedHttpRequest


@login_required
@require_GET
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "notifications": selectors.inbox(request.user),
        "time_zone": selectors.user_time_zone(request.user),
    }
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one notification (`pk`) or all of the user's unread ones read, then go back.

    htmx asks for one row: it gets that row re-rendered, and the nav badge swapped out of band.
    """
    if pk is None:
        services.notifications_mark_read(request.user)
    else:
        try:
            selectors.notification_get(request.user, pk)
        except Notification.DoesNotExist as error:
            raise Http404 from error
        services.notifications_mark_read(request.user, [pk])
        if request.headers.get("HX-Request") == "true":
            context = {
                "notification": selectors.notification_get(request.user, pk),
                "time_zone": selectors.user_time_zone(request.user),
                "out_of_band": True,
            }
            return render(request, "notifications/_row.html", context)
    return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "notifications:inbox"
