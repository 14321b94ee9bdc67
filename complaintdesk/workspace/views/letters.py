"""Writing to the complainant from the complaint page, and the letters for the post as PDF.
Thin: the draft, the sending and the rules are the correspondence app's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from complaintdesk.accounts.roles import Capability
from complaintdesk.complaints import permissions
from complaintdesk.core.errors import DomainError
from complaintdesk.correspondence.models import Letter, LetterChannel
from complaintdesk.correspondence.pdf import letter_pdf_store
from complaintdesk.correspondence.services import letter_draft, letter_send

from ..letter_forms import COMPOSABLE, LetterForm
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
def letter_compose(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    if not permissions.has_capability(request.user, complaint, Capability.FOLLOW_UP):
        raise Http404(_("You may not write to this complainant."))
    kind = request.POST.get("kind") or request.GET.get("kind") or COMPOSABLE[0]
    if kind not in COMPOSABLE:
        raise Http404(_("Unknown kind of letter."))
    draft = letter_draft(complaint, kind)
    initial = {
        "kind": kind,
        "channel": LetterChannel.EMAIL if draft.email else LetterChannel.POST,
        "subject": draft.subject,
        "body": draft.body,
    }
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter_send(
                complaint,
                data["kind"],
                by=request.user,
                channel=data["channel"],
                subject=data["subject"],
                body=data["body"],
            )
        except DomainError as error:
            report_error(request, error)
        else:
            messages.success(
                request,
                _("The e-mail is on its way to the complainant.")
                if data["channel"] == LetterChannel.EMAIL
                else _("The letter is ready to print from the complaint page."),
            )
            return redirect(complaint)
    context = {"complaint": complaint, "form": form, "draft": draft, "kinds": COMPOSABLE}
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/letter_compose.html", context, status=status)


@login_required
def letter_pdf(request: AuthenticatedHttpRequest, reference: str, pk: int) -> FileResponse:
    """The letter for the post, as it was recorded; laid out now if the worker has not yet."""
    complaint = complaint_or_404(request, reference)
    letter = get_object_or_404(
        Letter.objects.select_related("complaint__organisation", "complaint__complainant"),
        pk=pk,
        complaint=complaint,
        channel=LetterChannel.POST,
    )
    letter_pdf_store(letter)
    return FileResponse(
        letter.pdf.open("rb"),
        as_attachment=True,
        filename=f"{complaint.reference}-{letter.kind}.pdf",
        content_type="application/pdf",
    )
