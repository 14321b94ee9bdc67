"""Tasks asked of other departments: asked from the complaint page, done or cancelled from
there or from the owners' queue. Thin: parse, call the tasks service, go back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaintdesk.complaints import permissions
from complaintdesk.core.errors import DomainError
from complaintdesk.handling_tasks.models import HandlingTask
from complaintdesk.handling_tasks.selectors import may_work_on, task_queue
from complaintdesk.handling_tasks.services import task_ask, task_cancel, task_complete

from ..detail import detail_context
from ..task_forms import TaskAskForm, TaskCloseForm
from .common import AuthenticatedHttpRequest, complaint_or_404, report_error


@login_required
@require_POST
def complaint_task_ask(request: AuthenticatedHttpRequest, reference: str) -> HttpResponse:
    complaint = complaint_or_404(request, reference)
    form = TaskAskForm(request.POST, complaint=complaint)
    if form.is_valid():
        try:
            task_ask(complaint, request.user, **form.cleaned_data)
        except DomainError as error:
            report_error(request, error)
        else:
            messages.success(
                request, _("Task asked of %(unit)s.") % {"unit": form.cleaned_data["unit"]}
            )
            return redirect(complaint)
    else:
        messages.error(request, _("Please correct what is marked below; nothing was saved."))
    context = detail_context(request, complaint, task_form=form)
    return render(request, "complaints/detail.html", context, status=400)


@login_required
@require_POST
def task_close(request: AuthenticatedHttpRequest, pk: int, how: str) -> HttpResponse:
    """Done (`how` = "done") or cancelled, then back where the person came from."""
    task = get_object_or_404(HandlingTask.objects.select_related("complaint", "unit"), pk=pk)
    if not may_work_on(request.user, task):
        raise Http404
    form = TaskCloseForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if not form.is_valid():
        messages.error(request, _("Say what came of it."))
    else:
        try:
            if how == "done":
                task_complete(task, request.user, form.cleaned_data["text"])
            else:
                task_cancel(task, request.user, form.cleaned_data["text"])
        except DomainError as error:
            report_error(request, error)
        else:
            messages.success(request, _("Task closed: %(title)s") % {"title": task.title})
    return redirect(back or "tasks:queue")


@login_required
@require_GET
def task_queue_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The tasks a person works on: theirs and their departments' that nobody owns."""
    tasks = list(task_queue(request.user)[:200])
    for task in tasks:
        # A department doing a task may lie outside the complaint's line: it sees the task,
        # and the complaint's page only if its role reaches it.
        task.complaint_visible = permissions.can_view(request.user, task.complaint)
    return render(request, "tasks/queue.html", {"tasks": tasks, "now": timezone.now()})
