"""Settings shared by every environment; what differs per machine comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "complaintdesk.core",
    "complaintdesk.accounts",
    "complaintdesk.customers",
    "complaintdesk.search",
    "complaintdesk.complaints",
    "complaintdesk.notifications",
    "complaintdesk.sla",
    "complaintdesk.routing",
    "complaintdesk.authority",
    "complaintdesk.triage",
    "complaintdesk.handling_tasks",
    "complaintdesk.incidents",
    "complaintdesk.correspondence",
    "complaintdesk.mailin",
    "complaintdesk.webhooks",
    "complaintdesk.workspace",
    "complaintdesk.portal",
    "complaintdesk.transfer",
    "complaintdesk.api",
    "complaintdesk.analytics",
    "complaintdesk.prevention",
    "complaintdesk.people",
    # django-ninja's own templates and static files: the API docs without a CDN.
    "ninja",
    "complaintdesk.demo",
    "complaintdesk.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "complaintdesk.core.request_memo.RequestMemoMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "complaintdesk.workspace.context_processors.unread",
                "complaintdesk.workspace.context_processors.capture",
                "complaintdesk.transfer.context_processors.imports",
            ],
        },
    },
]


def sqlite_database(path: str) -> dict:
    """SQLite tuned for a small server: WAL lets readers run beside the one writer, and
    IMMEDIATE transactions take the write lock up front so two writers queue on busy_timeout
    instead of failing half-way with 'database is locked'."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL and not DATABASE_URL.startswith("sqlite"):
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    sqlite_path = DATABASE_URL.removeprefix("sqlite:///") if DATABASE_URL else ""
    DATABASES = {
        "default": sqlite_database(sqlite_path or str(BASE_DIR / "var" / "complaintdesk.sqlite3"))
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes). Its backend comes first and refuses a locked-out pair before
# any password is checked. A lockout holds for one account from one client address together:
# a guesser can neither lock a person out from everywhere nor a whole office (one NAT address)
# out of every account. Counted failures expire after the cool-off; a success clears them.
# Administrators unlock in the admin (Axes > Access attempts) or with `manage.py axes_reset*`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login page itself, with a translated message, instead of axes' bare text.
AXES_LOCKOUT_CALLABLE = "complaintdesk.accounts.lockout.lockout_response"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the three the product speaks. Django's own zh_Hans/zh_Hant catalogues cover admin.
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("zh-hant", _("Traditional Chinese")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Hong_Kong")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Front-end libraries come from the npm registry at set-up (make install) and are served by
# the app itself: intranet users have no CDN.
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"  # never routed: attachments are served only through a permission check

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Where the development backend (core/mail.py, `make run`) keeps each mail as a file.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "complaintdesk@localhost")
# The domain of the Message-IDs of mail to complainants, and the public address of the site
# that the tracking links in that mail point to.
MAIL_DOMAIN = os.environ.get("MAIL_DOMAIN", "complaintdesk.localhost")
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# The public pages' limits per client address and hour: complaints sent, and tracking
# look-ups (a reference and code typed or a link opened; the codes cannot be guessed at that).
PUBLIC_SUBMISSIONS_PER_HOUR = int(os.environ.get("PUBLIC_SUBMISSIONS_PER_HOUR", "10"))
TRACKING_LOOKUPS_PER_HOUR = int(os.environ.get("TRACKING_LOOKUPS_PER_HOUR", "30"))

# Requests per API token and minute.
API_REQUESTS_PER_MINUTE = int(os.environ.get("API_REQUESTS_PER_MINUTE", "600"))

# Rows a queue export may hold as an Excel workbook, which is built whole before it is sent
# (some 1,500 rows a second on a small server: 50,000 stay well inside a proxy's timeout);
# a CSV streams as it is read and has no ceiling.
EXPORT_XLSX_MAX_ROWS = int(os.environ.get("EXPORT_XLSX_MAX_ROWS", "50000"))

# The largest import file accepted (a CSV of 100,000 complaints is some 50 MB).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(200 * 1024 * 1024)))

# Attachments: evidence is kept with the record, but nothing uploaded is ever trusted.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
ATTACHMENT_ALLOWED_EXTENSIONS = env_list(
    "ATTACHMENT_ALLOWED_EXTENSIONS",
    "jpg,jpeg,png,gif,webp,heic,pdf,txt,doc,docx,xls,xlsx,mp3,m4a,wav,mp4,mov,eml,msg,zip",
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp) on every response: scripts, styles and images only from
# this origin, nothing inline and nothing evaluated, so injected markup cannot run. Behaviour
# lives in core/static/core/app.js, styles in app.css; base.html tells htmx not to eval
# (allowEval) nor to inject its indicator <style>. Django's debug pages (DEBUG on) are exempt.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; its warnings (failures, lockouts) are what matters.
    "loggers": {
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        # WeasyPrint narrates each step of each letter's layout at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # aiosmtpd (the tests' mail server) logs every SMTP command.
        "mail.log": {"level": "WARNING"},
    },
}

# --- Webhooks (complaintdesk.webhooks) ---------------------------------------------------------
# A receiver has this long to answer one POST before the attempt counts as failed.
WEBHOOK_TIMEOUT_SECONDS = int(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
# Receivers on this machine (127.0.0.1, ::1): refused in production, where an organisation's
# administrator could otherwise read this server's own services through the delivery log.
WEBHOOK_ALLOW_LOOPBACK = env_bool("WEBHOOK_ALLOW_LOOPBACK", False)
# Attempts per delivery: waits double from one minute up to the cap (1, 2, 4 … min), then the
# delivery is given up.
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "10"))
WEBHOOK_RETRY_CAP_MINUTES = int(os.environ.get("WEBHOOK_RETRY_CAP_MINUTES", "360"))
# Failures in a row, over all its deliveries, after which a subscription is paused and its
# owner told: a receiver that is gone stops costing the worker a timeout per event.
WEBHOOK_PAUSE_AFTER_FAILURES = int(os.environ.get("WEBHOOK_PAUSE_AFTER_FAILURES", "10"))
