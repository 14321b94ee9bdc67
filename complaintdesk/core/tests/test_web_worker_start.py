"""A web worker starts without the heavy libraries only a few of its requests use: every worker
would carry them for its whole life (the benchmark holds a worker to 150 MB)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# WeasyPrint (letters as PDF, 42 MB) and openpyxl (Excel in and out, 18 MB).
LOADED_ON_FIRST_USE = ("weasyprint", "openpyxl")

_START = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().resolve("/")  # the URLconf, so every view module and what it imports
import config.wsgi  # noqa: F401
print(" ".join(name for name in sys.argv[1:] if name in sys.modules))
"""

_FROZEN = """
import gc
import config.wsgi  # noqa: F401
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def _started(script: str, *args: str) -> str:
    """What a fresh interpreter, set up as a web worker is, printed."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


def test_a_web_worker_starts_without_the_pdf_and_spreadsheet_libraries():
    # Given a fresh interpreter set up as a web worker is (settings, apps, every URL's view)
    # When it has started
    loaded = _started(_START, *LOADED_ON_FIRST_USE)
    # Then none of them is loaded yet
    assert loaded.split() == [], loaded


def test_a_web_worker_keeps_what_it_loaded_at_start_out_of_the_collectors_walks():
    # Given a web worker's WSGI application, loaded as gunicorn loads it
    # When it is ready for its first request
    frozen, walked = (int(n) for n in _started(_FROZEN).split())
    # Then the objects loaded at start (Django, the apps, every view) are frozen, and a full
    # collection walks next to nothing until requests make objects of their own
    assert frozen > 50_000
    assert walked < frozen / 20
