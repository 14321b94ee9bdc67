"""`make run` and `make dev`: a developer's or evaluator's machine, SQLite.

DEBUG is off unless the environment turns it on (`make dev` does): a newcomer's `make run` then
shows the product's own error pages, as production does, and never the URLconf or settings."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: F405
# Mails as files under var/mail/, one log line each (core/mail.py); EMAIL_BACKEND overrides.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "complaintdesk.core.mail.DevelopmentMailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the finders (node_modules, app folders): no collectstatic.
# WhiteNoise serves them whatever DEBUG says; runserver's own static view needs DEBUG on.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One line per mail (core/mail.py) and none per routine task: the first sweep's hundred
# notifications no longer bury the start-up banner; failures still show.
LOGGING["filters"] = {"quiet_tasks": {"()": "complaintdesk.core.logs.TaskLifecycleFilter"}}  # noqa: F405
LOGGING["handlers"]["console"]["filters"] = ["quiet_tasks"]  # noqa: F405
# Webhook receivers on this machine: a developer's or a test's own.
WEBHOOK_ALLOW_LOOPBACK = True
