"""Imports of historical complaints: the sources files come from, and each run of a file."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaintdesk.accounts.models import Organisation


class ImportSource(models.Model):
    """Another system whose exports are imported, with how its columns map to our fields, so
    that the next file from it needs no mapping by hand."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="import_sources",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=100)
    # {our field: their column header}
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    # {"unit": code, "channel", "status", "language", "time_zone", "day_first": bool}
    defaults = models.JSONField(_("defaults"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="import_source_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
    VALID_ONLY = "valid_only", _("Valid rows only")


class ImportStatus(models.TextChoices):
    WAITING_FOR_MAPPING = "waiting", _("Waiting for the column mapping")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", pgettext_lazy("import status", "Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One file read once, with one mapping and one mode, and what came of it."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="import_runs",
        verbose_name=_("organisation"),
    )
    source = models.ForeignKey(
        ImportSource, on_delete=models.PROTECT, related_name="runs", verbose_name=_("source")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    # The file's column headers, read at upload, and the mapping and defaults this run used
    # (the source's may change later; the run's report must still say what it did).
    headers = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    defaults = models.JSONField(default=dict, blank=True)
    mode = models.CharField(
        _("mode"), max_length=16, choices=ImportMode.choices, default=ImportMode.VALID_ONLY
    )
    dry_run = models.BooleanField(_("dry run"), default=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.WAITING_FOR_MAPPING,
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    # In a dry run: how many an import would create.
    created_count = models.PositiveIntegerField(_("created"), default=0)
    already_imported_count = models.PositiveIntegerField(_("already imported"), default=0)
    invalid_count = models.PositiveIntegerField(_("invalid rows"), default=0)
    # [{"row", "column", "message"}], the first PROBLEMS_KEPT of them; the rest are counted.
    problems = models.JSONField(default=list, blank=True)
    problems_not_kept = models.PositiveIntegerField(default=0)
    # Why a run failed as a whole (an unreadable file), in the language of who started it.
    failure = models.TextField(blank=True)
    # The language of who started it: the worker writes the problems and the failure in it.
    language = models.CharField(max_length=10, default="zh-hant")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="import_run_org")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:run", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def percent(self) -> int:
        return 100 * self.processed_rows // self.total_rows if self.total_rows else 0
