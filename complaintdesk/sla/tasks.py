"""Background work of the time-standards engine, run by django_tasks workers."""

from django.utils import timezone
from django_tasks import task

from complaintdesk.authority.services import approvals_overdue_remind

from .services import sla_sweep


@task()
def sla_sweep_task() -> dict:
    """Every minute (sla_beat): clocks' warnings, breaches and escalations, then approvals
    that are waiting too long. Safe to run on any number of workers at once."""
    now = timezone.now()
    report = sla_sweep(now)
    return {
        "warnings": report.warnings,
        "breaches": report.breaches,
        "escalations": report.escalations,
        "skipped": report.skipped,
        "approvals_reminded": approvals_overdue_remind(now),
    }
