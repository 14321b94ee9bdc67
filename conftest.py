"""Shared pytest set-up.

Test data comes from the factories in `complaintdesk/complaints/tests/factories.py` (style.md,
habit 7: factories, not fixtures); the fixtures here are only the few that many tests share.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """One test database per test run (a suffix with the process id).

    Several people and CI run the suite on the same machine at once; with one shared name, the
    second run's set-up would delete the first run's SQLite file or PostgreSQL database mid-run.
    """
    from django.conf import settings

    suffix = f"run{os.getpid()}"
    for database in settings.DATABASES.values():
        test = database.setdefault("TEST", {})
        name = test.get("NAME")
        if not name:
            if database["ENGINE"].endswith("sqlite3"):
                continue  # in memory: private to the process already
            name = f"test_{database['NAME']}"
        if name == ":memory:":
            continue
        if name.endswith(".sqlite3"):
            test["NAME"] = f"{name.removesuffix('.sqlite3')}-{suffix}.sqlite3"
        else:
            test["NAME"] = f"{name}_{suffix}"


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end connections other threads left open (a live
    server's request threads keep theirs for CONN_MAX_AGE); otherwise PostgreSQL refuses to drop
    it and every run leaves a database behind."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(scope="session", autouse=True)
def _remove_uploaded_test_files():
    """The test settings put uploads in a fresh temporary folder; remove it after the run."""
    yield
    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    if media.name.startswith("complaintdesk-media-") and media.parent == Path(
        tempfile.gettempdir()
    ):
        shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _language_restored():
    """Each test ends in the language it started in. A test client request with Accept-Language
    leaves that language active in the thread (LocaleMiddleware activates it and nothing resets
    it), so every later test would otherwise run, and match messages, in Chinese."""
    from django.utils import translation

    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def tree(db):
    """An organisation with head office, board office, a region with two districts and sites."""
    from complaintdesk.complaints.tests.factories import org_tree

    return org_tree()


@pytest.fixture
def page():
    """A page in Debian's headless Chromium, British English unless the test switches."""
    from playwright.sync_api import sync_playwright

    from complaintdesk.core.testing import CHROMIUM, CHROMIUM_FLAGS, allow_orm_beside_playwright

    allow_orm_beside_playwright()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(locale="en-GB")
        yield context.new_page()
        context.close()
        browser.close()
