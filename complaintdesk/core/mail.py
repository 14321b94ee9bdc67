"""Mail on a development machine: every message kept as a file under var/mail/, and one line
in the log saying who it went to, so the first sweep's hundred notifications do not bury the
start-up banner (and can still be read, whole, in the files)."""

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend

log = logging.getLogger("complaintdesk.mail")


class DevelopmentMailBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        for message in email_messages:
            log.info(
                "mail to %s: %s (in %s)",
                ", ".join(message.to),
                message.subject,
                settings.EMAIL_FILE_PATH,
            )
        return sent
