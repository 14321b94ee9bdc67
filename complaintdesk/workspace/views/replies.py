"""The reply composer: the decision, its reasons and the review route, and the letter that
carries them drafted from the organisation's template in the complainant's language, read and
corrected on one page and sent as one move. Refused, the page comes back with every word."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from complaintdesk.complaints import permissions, services
from complaintdesk.complaints.transitions import Action
from complaintdesk.core.errors import DomainError
from complaintdesk.correspondence.replies import LETTER_CHANNELS, reply_draft, reply_start

from ..forms import ReplyForm
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error

PREFIX = Action.REPLY


@login_required
def reply_compose(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    offered = permissions.available_transitions(request.user, complaint)
    if Action.REPLY not in {transition.action for transition in offered}:
        raise Http404(_("The complaint cannot be replied to now."))
    if request.method != "POST":
        start = reply_start(complaint)
        draft = reply_draft(
            complaint, text=start.text, reasons=start.reasons, appeal_route=start.appeal_route
        )
        initial = {
            "channel": start.channel,
            "text": start.text,
            "reasons": start.reasons,
            "appeal_route": start.appeal_route,
            "letter_subject": draft.subject,
            "letter_body": draft.body,
        }
        return _page(request, complaint, ReplyForm(prefix=PREFIX, initial=initial), draft)
    form = ReplyForm(request.POST, prefix=PREFIX)
    if "refill" in request.POST:
        return _refilled(request, complaint, form)
    if not form.is_valid():
        messages.error(request, _("Please correct what is marked below; nothing was sent."))
        return _page(request, complaint, form, None, status=400)
    data = dict(form.cleaned_data)
    if data["channel"] not in LETTER_CHANNELS:
        data["letter_subject"] = data["letter_body"] = ""  # an oral reply carries no letter
    try:
        services.complaint_move(complaint, request.user, Action.REPLY, data)
    except DomainError as error:
        report_error(request, error)
        return _page(request, complaint, form, None, status=409)
    messages.success(request, _("Reply sent."))
    return redirect(complaint)


def _refilled(request: AuthenticatedHttpRequest, complaint, form: ReplyForm) -> HttpResponse:
    """The letter drafted again from the template with the fields as they are typed now; htmx
    swaps only the letter's part of the page, so nothing else typed is touched."""
    typed = {name: form.data.get(f"{PREFIX}-{name}", "") for name in ReplyForm.DECISION}
    draft = reply_draft(
        complaint, text=typed["text"], reasons=typed["reasons"], appeal_route=typed["appeal_route"]
    )
    initial = {**typed, "letter_subject": draft.subject, "letter_body": draft.body}
    refilled = ReplyForm(prefix=PREFIX, initial=initial)
    if request.headers.get("HX-Request"):
        context = {"form": refilled, "draft": draft, "complaint": complaint}
        return render(request, "complaints/_reply_letter.html", context)
    return _page(request, complaint, refilled, draft)


def _page(request, complaint, form: ReplyForm, draft, status: int = 200) -> HttpResponse:
    if draft is None:
        draft = reply_draft(
            complaint,
            text=form.data.get(f"{PREFIX}-text", ""),
            reasons=form.data.get(f"{PREFIX}-reasons", ""),
            appeal_route=form.data.get(f"{PREFIX}-appeal_route", ""),
        )
    context = {
        "complaint": complaint,
        "form": form,
        "draft": draft,
        "proposal": complaint.proposals.order_by("-proposed_at", "-id").first(),
        "letter_channels": list(LETTER_CHANNELS),
    }
    return render(request, "complaints/reply_compose.html", context, status=status)
