"""Background delivery of webhooks, run by django_tasks workers."""

from django_tasks import task

from .delivery import webhook_deliver


@task()
def webhook_deliver_task(delivery_id: int) -> str:
    """Safe to run twice or late: the delivery is claimed before it is sent."""
    return webhook_deliver(delivery_id)
