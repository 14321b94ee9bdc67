"""Background delivery of the complainant's mail, run by django_tasks workers."""

from django_tasks import task

from .delivery import letter_deliver


@task()
def letter_deliver_task(letter_id: int) -> str:
    return letter_deliver(letter_id)
