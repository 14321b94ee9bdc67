"""Background work of the time-standards engine, run by django_tasks workers."""

from django_tasks import task

from .services import sla_sweep


@task()
def sla_sweep_task() -> dict:
    report = sla_sweep()
    return {
        "warnings": report.warnings,
        "breaches": report.breaches,
        "escalations": report.escalations,
        "skipped": report.skipped,
    }
