"""Background work of the time-standards engine, run by django_tasks workers."""

from django.utils import timezone
from django_tasks import task

from complaintdesk.core import hooks as core_hooks

from .hooks import SweepRan
from .services import sla_sweep


@task()
def sla_sweep_task() -> dict:
    """Every minute (sla_beat): clocks' warnings, breaches and escalations, then what the
    other policies chase on the same beat (late approval decisions). Safe to run on any
    number of workers at once."""
    now = timezone.now()
    report = sla_sweep(now)
    ran = SweepRan(
        now,
        {
            "warnings": report.warnings,
            "breaches": report.breaches,
            "escalations": report.escalations,
            "skipped": report.skipped,
        },
    )
    core_hooks.publish(ran)
    return ran.report
