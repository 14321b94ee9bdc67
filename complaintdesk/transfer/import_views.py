"""The import pages: upload a file, map its columns, dry run or import, watch it run, and
read (or download) the rows that could not be imported. Thin: each calls one service."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaintdesk.core.errors import DomainError
from complaintdesk.workspace.views.common import report_error

from . import selectors
from .export_formats import csv_chunks
from .export_responses import CSV_CONTENT_TYPE
from .import_forms import MappingForm, UploadForm
from .importing import import_run_configure, import_run_start
from .models import ImportRun, ImportStatus

# Problems shown on the page; all of them (up to the kept ones) are in the CSV download.
PROBLEMS_SHOWN = 200


def _run_or_404(request: HttpRequest, pk: int) -> ImportRun:
    run = selectors.import_runs_visible(request.user).filter(pk=pk).first()  # type: ignore[arg-type]
    if run is None:
        raise Http404(_("No such import."))
    return run


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    organisations = selectors.import_organisations(request.user)  # type: ignore[arg-type]
    if not organisations.exists():
        raise Http404(_("No such page."))
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            run = import_run_start(
                by=request.user,  # type: ignore[arg-type]
                organisation=form.cleaned_data["organisation"],
                source_name=form.cleaned_data["source"],
                upload=form.cleaned_data["file"],
                language=get_language() or "en",
            )
        except DomainError as error:
            report_error(request, error)
        else:
            return redirect(run)
    runs = selectors.import_runs_visible(request.user)[:50]  # type: ignore[arg-type]
    sources = sorted({run.source.name for run in runs})
    return render(
        request, "transfer/imports.html", {"form": form, "runs": runs, "sources": sources}
    )


@login_required
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run_or_404(request, pk)
    form = MappingForm(request.POST or None, run=run)
    if request.method == "POST" and not run.is_active and form.is_valid():
        try:
            import_run_configure(
                run,
                by=request.user,  # type: ignore[arg-type]
                mapping=form.mapping(),
                defaults=form.defaults(),
                mode=form.cleaned_data["mode"],
                dry_run=request.POST.get("go") != "import",
            )
        except DomainError as error:
            report_error(request, error)
        else:
            return redirect(run)
    context = {
        "run": run,
        "form": form,
        "problems": run.problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(len(run.problems) - PROBLEMS_SHOWN, 0) + run.problems_not_kept,
    }
    return render(request, "transfer/import_run.html", context)


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls while the run is active; once it is not, the answer
    asks htmx to reload the page, which then shows the result."""
    run = _run_or_404(request, pk)
    response = render(request, "transfer/_progress.html", {"run": run})
    if not run.is_active:
        response["HX-Refresh"] = "true"
    return response


@login_required
def import_problems_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The invalid rows and why, to correct in the source file and import again."""
    run = _run_or_404(request, pk)
    rows = ([p["row"], p["column"], p["message"]] for p in run.problems)
    body = "".join(csv_chunks([_("Row"), _("Column"), _("Problem")], rows))
    response = HttpResponse(body, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response


@login_required
@require_POST
def import_run_again(request: HttpRequest, pk: int) -> HttpResponse:
    """After a dry run: the same file, mapping and mode, for real."""
    run = _run_or_404(request, pk)
    if run.status != ImportStatus.DONE:
        return redirect(run)
    try:
        import_run_configure(
            run,
            by=request.user,  # type: ignore[arg-type]
            mapping=run.mapping,
            defaults=run.defaults,
            mode=run.mode,
            dry_run=False,
        )
    except DomainError as error:
        report_error(request, error)
    return redirect(run)
