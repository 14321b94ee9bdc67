"""The test suite: real database (SQLite file or PostgreSQL from DATABASE_URL), fast hashing."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-not-secret"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="complaintdesk-media-"))  # noqa: F405
LANGUAGE_CODE = "en"

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not :memory:, so that concurrency tests see real locking between connections.
    DATABASES["default"]["TEST"] = {
        # One file per test process, so that parallel runs never share a database.
        "NAME": str(Path(tempfile.gettempdir()) / f"complaintdesk-test-{os.getpid()}.sqlite3")  # noqa: F405
    }
# Serve static files straight from the finders (node_modules, app folders): no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Live-server threads must not keep connections open, or PostgreSQL refuses to drop the test DB.
DATABASES["default"]["CONN_MAX_AGE"] = 0
# Tasks run in the enqueuing process, so a test sees the e-mail a notification queued.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Webhook receivers on this machine: a developer's or a test's own.
WEBHOOK_ALLOW_LOOPBACK = True
