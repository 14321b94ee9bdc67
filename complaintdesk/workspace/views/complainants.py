"""Correcting a complainant's details from one of their complaints, with the record's history
beside the form. Thin: the service decides who may change what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from complaintdesk.complaints import permissions, selectors, services
from complaintdesk.complaints.choices import Language
from complaintdesk.core.errors import DomainError
from complaintdesk.customers.models import Complainant
from complaintdesk.customers.selectors import complainant_changes

from ..complainant_forms import ComplainantForm
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


def _shown(field: str, value: str) -> str:
    """A code (tier, language) as the reader's language names it."""
    model_field = Complainant._meta.get_field(field)
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if field == "preferred_language":
        choices = dict(Language.choices)
    return str(choices.get(value, value)) or "—"


@login_required
def complainant_edit(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    if not permissions.may_edit_complainant(request.user, complaint):
        raise Http404(_("You may not correct this complainant's details."))
    person = complaint.complainant
    form = ComplainantForm(
        request.POST or None,
        person=person,
        may_change_tier=permissions.may_change_complainant_tier(request.user, complaint),
    )
    if request.method == "POST" and form.is_valid():
        try:
            change = services.complainant_update(complaint, request.user, form.values())
        except DomainError as error:
            report_error(request, error)
        else:
            if change is None:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("The complainant's details are corrected."))
            return redirect(complaint)
    history = [
        {
            "change": change,
            "fields": [
                (
                    Complainant.field_label(item["field"]),
                    _shown(item["field"], item["before"]),
                    _shown(item["field"], item["after"]),
                )
                for item in change.changes
            ],
        }
        for change in complainant_changes(person)
    ]
    context = {
        "complaint": complaint,
        "person": person,
        "form": form,
        "history": history,
        "others": selectors.complainant_history(request.user, complaint),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/complainant_edit.html", context, status=status)
