"""`make run`: a developer's or evaluator's machine, SQLite, DEBUG on."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "local-development-only-not-secret"  # noqa: F405
# Mails as files under var/mail/, one log line each (core/mail.py); EMAIL_BACKEND overrides.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "complaintdesk.core.mail.DevelopmentMailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Serve static files straight from the finders (node_modules, app folders): no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
