"""The tracking page: the complainant follows their complaint with its reference and code,
and writes, answers, rates or appeals there. Thin: each form calls one complainant service."""

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.complaints import selectors, services
from complaintdesk.complaints.choices import ComplainantResponse
from complaintdesk.complaints.models import Complaint, Rating
from complaintdesk.complaints.record_rules import Record, complainant_records_writable
from complaintdesk.complaints.tracking import tracked_complaint
from complaintdesk.complaints.transitions import Action, complainant_actions_from
from complaintdesk.core.errors import DomainError
from complaintdesk.core.throttle import client_key, throttle_hit
from complaintdesk.sla.selectors import clock_rows, policy_notes, promised

from .. import access
from ..forms import AnswerForm, AppealForm, RatingForm, TrackFindForm, WriteInForm
from ..wording import public_entries, standing


def _too_many_guesses(request: HttpRequest) -> bool:
    return not throttle_hit(
        client_key(request, "track"),
        limit=settings.TRACKING_LOOKUPS_PER_HOUR,
        window=timedelta(hours=1),
    )


def track_find(request: HttpRequest) -> HttpResponse:
    """Reference and code typed in (from a letter or a call)."""
    form = TrackFindForm(request.POST or None, initial={"reference": request.GET.get("ref", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        status = 400
        if _too_many_guesses(request):
            form.add_error(None, _("Too many attempts from here. Please try again in an hour."))
            status = 429
        else:
            complaint = tracked_complaint(form.cleaned_data["reference"], form.cleaned_data["code"])
            if complaint is not None:
                access.remember(request, complaint)
                return redirect("portal:track", reference=complaint.reference)
            form.add_error(None, _("No complaint matches this reference and code."))
    return render(request, "portal/track_find.html", {"form": form}, status=status)


def track_link(request: HttpRequest, reference: str, code: str) -> HttpResponse:
    """The link in our mails: opens the page once, then the code leaves the address bar."""
    if _too_many_guesses(request):
        return render(request, "portal/track_find.html", {"form": TrackFindForm()}, status=429)
    complaint = tracked_complaint(reference, code)
    if complaint is None:
        messages.error(request, _("This tracking link is not valid (any more)."))
        return redirect("portal:track_find")
    access.remember(request, complaint)
    return redirect("portal:track", reference=complaint.reference)


def _page(request: HttpRequest, complaint: Complaint, forms: dict | None = None, status=200):
    zone = ZoneInfo(complaint.organisation.time_zone)
    writable = complainant_records_writable(complaint)
    moves = {t.action for t in complainant_actions_from(complaint.status)}
    latest_reply = complaint.replies.order_by("-sent_at", "-id").first()
    rated = latest_reply is not None and Rating.objects.filter(reply=latest_reply).exists()
    notes = policy_notes(complaint)
    forms = forms or {}
    context = {
        "complaint": complaint,
        "status_words": standing(complaint),
        "entries": public_entries(
            complaint,
            list(selectors.complainant_timeline(complaint)),
            selectors.complaint_replies(complaint),
        ),
        "promises": [
            (row.label, row.clock.due_at.astimezone(zone))
            for row in promised(clock_rows(complaint))
        ],
        "review_until": (
            notes.review_until.astimezone(zone) if notes and notes.review_until else None
        ),
        "write_form": forms.get("write") or (WriteInForm() if Record.NOTE in writable else None),
        "answer_form": forms.get("answer")
        or (
            AnswerForm()
            if Record.RESPONSE in writable and not complaint.complainant_response
            else None
        ),
        "rating_form": forms.get("rate")
        or (RatingForm() if Record.RATING in writable and not rated else None),
        "appeal_form": forms.get("appeal") or (AppealForm() if Action.APPEAL in moves else None),
        "awaiting": Action.RESUME in moves,
        # Offered open once they said no; otherwise one click away, under the answer.
        "appeal_open": complaint.complainant_response == ComplainantResponse.REJECTED
        or "appeal" in forms,
    }
    return render(request, "portal/track.html", context, status=status)


def track(request: HttpRequest, reference: str) -> HttpResponse:
    complaint = access.opened(request, reference)
    if complaint is None:
        return redirect(f"{reverse('portal:track_find')}?{urlencode({'ref': reference})}")
    return _page(request, complaint)


def _act(
    request: HttpRequest,
    reference: str,
    name: str,
    form_class: type,
    act: Callable[[Complaint, dict], object],
    done: str,
) -> HttpResponse:
    complaint = access.opened(request, reference)
    if complaint is None:
        return redirect("portal:track_find")
    form = form_class(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            act(complaint, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
            for detail in error.details:
                form.add_error(None, detail)
        else:
            messages.success(request, done)
            return redirect("portal:track", reference=complaint.reference)
    complaint.refresh_from_db()
    return _page(request, complaint, {name: form}, status=400)


@require_POST
def track_write(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "write",
        WriteInForm,
        lambda c, d: services.complaint_write_in(c, d["text"], attachments=d["evidence"]),
        _("Thank you. Your message has reached the team handling your complaint."),
    )


@require_POST
def track_answer(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "answer",
        AnswerForm,
        lambda c, d: services.complaint_answer_solution(c, d["response"], note=d["note"]),
        _("Thank you. Your answer is recorded."),
    )


@require_POST
def track_rate(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "rate",
        RatingForm,
        lambda c, d: services.complaint_rate(c, d["score"], comment=d["comment"]),
        _("Thank you for your rating."),
    )


@require_POST
def track_appeal(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(
        request,
        reference,
        "appeal",
        AppealForm,
        lambda c, d: services.complaint_appeal_by_complainant(c, d["grounds"]),
        _("Your request for a review is registered. We will contact you."),
    )
