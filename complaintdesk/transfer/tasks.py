"""Background import runs, read by django_tasks workers."""

from django_tasks import task

from .running import import_run_execute


@task()
def import_run_task(run_id: int) -> str:
    """Safe to run twice: the run is claimed before its file is read."""
    return import_run_execute(run_id).status
