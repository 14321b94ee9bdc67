"""The people pages: staff performance with the review list of decisions, and quality review
(samples to draw, reviews to score). Thin: scope and form in, a service or selector, render."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from complaintdesk.accounts.models import OrgUnit, User
from complaintdesk.accounts.roles import MANAGING_ROLES
from complaintdesk.analytics.forms import DashboardForm
from complaintdesk.analytics.presenting import queue_address
from complaintdesk.analytics.scope import DashboardScope, dashboard_organisations, dashboard_scope
from complaintdesk.complaints import permissions
from complaintdesk.core.errors import DomainError
from complaintdesk.core.zones import zone_named

from .forms import DecisionForm, ReviewForm, SampleForm
from .models import QualityReview
from .selectors import people_figures, reviews_of, unit_figures
from .services import (
    REVIEWING_ROLES,
    SampleRequest,
    decision_record,
    quality_review_submit,
    quality_sample,
    scorecard_for,
)


class _Request(HttpRequest):
    user: User  # login_required


def _today(scope: DashboardScope) -> date:
    return timezone.now().astimezone(zone_named(scope.organisation.time_zone)).date()


@login_required
def performance(request: _Request) -> HttpResponse:
    organisation = request.GET.get("organisation", "")
    scope = dashboard_scope(request.user, organisation, roles=MANAGING_ROLES)
    if scope is None:
        return render(request, "people/performance.html", {"scope": None})
    form = DashboardForm(request.GET, scope=scope)
    filters = form.filters()
    people = people_figures(scope, filters)
    return render(
        request,
        "people/performance.html",
        {
            "scope": scope,
            "organisations": dashboard_organisations(request.user, MANAGING_ROLES),
            "form": form,
            "filters": filters,
            "people": [(row, queue_address(row.queue)) for row in people],
            "units": [(row, queue_address(row.queue)) for row in unit_figures(scope, filters)],
            "decide_form": DecisionForm(),
            "here": request.get_full_path(),
        },
    )


@login_required
@require_POST
def decide(request: _Request) -> HttpResponse:
    form = DecisionForm(request.POST)
    back = request.POST.get("next") or reverse("people:performance")
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give the reasons for it."))
        return redirect(back)
    person = User.objects.filter(pk=form.cleaned_data["person"]).first()
    unit = _unit_of(request.user, person) if person else None
    if person is None or unit is None:
        raise Http404
    try:
        decision_record(
            request.user,
            person,
            unit,
            period=(form.cleaned_data["start"], form.cleaned_data["end"]),
            decision=form.cleaned_data["decision"],
            reasons=form.cleaned_data["reasons"],
        )
    except DomainError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Decision recorded for %(person)s.") % {"person": person})
    return redirect(back)


def _unit_of(manager: User, person: User) -> OrgUnit | None:
    """The unit the person works at that lies in a line the manager manages."""
    managed = [held.path for held in permissions.role_paths(manager) if held.role in MANAGING_ROLES]
    for held in permissions.role_paths(person):
        if any(held.path.startswith(path) for path in managed):
            return OrgUnit.objects.filter(
                path=held.path, organisation_id=held.organisation_id
            ).first()
    return None


@login_required
@require_http_methods(["GET", "POST"])
def reviews(request: _Request) -> HttpResponse:
    """The reviewer's reviews to do and done, and the form that draws a sample."""
    organisation = request.GET.get("organisation", "")
    scope = dashboard_scope(request.user, organisation, roles=REVIEWING_ROLES)
    if scope is None:
        return render(request, "people/reviews.html", {"scope": None})
    form = SampleForm(request.POST or None, scope=scope, today=_today(scope))
    if request.method == "POST" and form.is_valid():
        unit = OrgUnit.objects.get(organisation=scope.organisation, code=form.cleaned_data["unit"])
        try:
            drawn = quality_sample(
                request.user,
                SampleRequest(
                    unit=unit,
                    start=form.cleaned_data["start"],
                    end=form.cleaned_data["end"],
                    size=form.cleaned_data["size"],
                    method=form.cleaned_data["method"],
                ),
            )
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            if drawn:
                messages.success(request, _("%(n)s complaints to review.") % {"n": len(drawn)})
            else:
                messages.info(request, _("No closed complaint there is left to review."))
            return redirect("people:reviews")
    return render(
        request,
        "people/reviews.html",
        {
            "scope": scope,
            "form": form,
            "to_do": reviews_of(request.user, scope.organisation.pk, done=False),
            "done": reviews_of(request.user, scope.organisation.pk, done=True)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: _Request, pk: int) -> HttpResponse:
    found = QualityReview.objects.filter(pk=pk, reviewer=request.user).select_related(
        "complaint", "handler", "organisation"
    )
    quality = found.first()
    if quality is None:
        raise Http404
    items = list(scorecard_for(quality.organisation).items.filter(is_active=True))
    form = ReviewForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            quality_review_submit(
                quality,
                request.user,
                form.answers(),
                comments=form.cleaned_data["comments"],
                training_need=form.cleaned_data["training_need"],
            )
        except DomainError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Review saved."))
            return redirect("people:reviews")
    scores = quality.scores.select_related("item") if quality.done_at else []
    return render(
        request, "people/review.html", {"review": quality, "form": form, "scores": scores}
    )
