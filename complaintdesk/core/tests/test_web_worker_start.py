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


def test_a_web_worker_starts_without_the_pdf_and_spreadsheet_libraries():
    # Given a fresh interpreter set up as a web worker is (settings, apps, every URL's view)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    # When it has started
    started = subprocess.run(
        [sys.executable, "-c", _START, *LOADED_ON_FIRST_USE],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    # Then none of them is loaded yet
    assert started.stdout.split() == [], started.stdout
