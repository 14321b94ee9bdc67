"""The public form: a complainant sends a complaint with no login. Thin: throttle, parse, call
`complaint_submit`, and show the reference, what happens next and the tracking code."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from complaintdesk.complaints.choices import Language
from complaintdesk.complaints.models import PublicForm
from complaintdesk.complaints.services import complaint_submit
from complaintdesk.complaints.tracking import tracking_code
from complaintdesk.core.errors import DomainError
from complaintdesk.core.throttle import client_key, throttle_hit
from complaintdesk.sla.selectors import clock_rows, promised

from .. import access
from ..forms import SubmitForm


def page_language() -> str:
    """The complaint's language is the one the complainant reads the page in."""
    language = (get_language() or "").lower()
    return language if language in Language.values else Language.EN


def _open_forms():
    return PublicForm.objects.filter(is_open=True).select_related("organisation")


def submit_choose(request: HttpRequest) -> HttpResponse:
    """/submit/: straight to the form where only one organisation takes complaints here."""
    forms = list(_open_forms().order_by("organisation__name"))
    if len(forms) == 1:
        return redirect("portal:submit", organisation=forms[0].organisation.code)
    return render(request, "portal/choose.html", {"forms": forms})


def _within_limit(request: HttpRequest) -> bool:
    """Counted once the form is complete: a person correcting a typo is not held back."""
    return throttle_hit(
        client_key(request, "submit"),
        limit=settings.PUBLIC_SUBMISSIONS_PER_HOUR,
        window=timedelta(hours=1),
    )


def submit(request: HttpRequest, organisation: str) -> HttpResponse:
    public_form = _open_forms().filter(organisation__code=organisation).first()
    if public_form is None:
        raise Http404(_("This organisation takes no complaints through this form."))
    form = SubmitForm(request.POST or None, request.FILES or None, public_form=public_form)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_robot:
            form.add_error(None, _("This form could not be accepted. Please try again."))
        elif form.is_valid() and not _within_limit(request):
            form.add_error(
                None,
                _(
                    "Too many complaints were sent from here in the last hour. Please try "
                    "again later, or call us."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                submission = complaint_submit(
                    organisation=public_form.organisation,
                    language=page_language(),
                    **form.record(),
                )
            except DomainError as error:
                form.add_error(None, error.message)
                for detail in error.details:
                    form.add_error(None, detail)
            else:
                access.remember(request, submission.complaint)
                return redirect("portal:submitted", reference=submission.complaint.reference)
    notice = public_form.privacy_notice(page_language())
    context = {"form": form, "public_form": public_form, "privacy_notice": notice}
    return render(request, "portal/submit.html", context, status=status)


def submitted(request: HttpRequest, reference: str) -> HttpResponse:
    """The confirmation, shown only to the browser that sent the complaint: the reference, by
    when the organisation's time standards promise news, and the private tracking code."""
    complaint = access.opened(request, reference)
    if complaint is None:
        return redirect("portal:track_find")
    zone = ZoneInfo(complaint.organisation.time_zone)
    promises = [
        (row.label, row.clock.due_at.astimezone(zone)) for row in promised(clock_rows(complaint))
    ]
    code = tracking_code(complaint)
    link = request.build_absolute_uri(
        reverse("portal:track_link", kwargs={"reference": complaint.reference, "code": code})
    )
    context = {"complaint": complaint, "promises": promises, "code": code, "link": link}
    return render(request, "portal/submitted.html", context)
