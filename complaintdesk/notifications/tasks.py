"""Background sending of the e-mail copy of notifications."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django_tasks import task

from .models import Notification


@task()
def notification_mail_send(notification_ids: list[int]) -> int:
    """Mail each notification once. A row is claimed (mailed_at set) before sending, so two
    workers given the same ids never both send it; a failed send is released for a retry."""
    sent = 0
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related(
        "recipient", "complaint"
    ):
        claimed = Notification.objects.filter(pk=notification.pk, mailed_at__isnull=True).update(
            mailed_at=timezone.now()
        )
        if not claimed or not notification.recipient.email:
            continue
        # In the recipient's language, whatever the language of the page that caused it.
        language = notification.recipient.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject, body = notification.subject, notification.body
        if notification.complaint is not None:
            body = f"{body}\n\n{notification.complaint.reference}"
        try:
            send_mail(
                subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient.email],
            )
        except Exception:
            Notification.objects.filter(pk=notification.pk).update(mailed_at=None)
            raise
        sent += 1
    return sent
