"""Test support shared by the apps' suites: the real browser, and real concurrent callers.

Kept out of any one app's tests so that a new app's tests drive Chromium and threads the same
way, with the flags CI needs, without copying them.
"""

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# For a browser test module: `pytestmark = BROWSER`.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


def allow_orm_beside_playwright() -> None:
    """Playwright's sync API keeps an event loop running in the test's thread; the ORM calls a
    test makes around it are ordinary blocking calls, which Django would otherwise refuse."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def run_in_threads(target: Callable, calls: Iterable[tuple], *, timeout: float = 120) -> list:
    """Call `target(*args)` once per tuple, all in their own threads, released together by a
    barrier so that they really race. Returns what they raised; each thread closes its own
    database connections, or PostgreSQL refuses to drop the test database afterwards."""
    calls = list(calls)
    start = threading.Barrier(len(calls))
    failures: list[BaseException] = []

    def run(args: tuple) -> None:
        try:
            start.wait(timeout=30)
            target(*args)
        except BaseException as error:  # reported to the test's own thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(args,)) for args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if any(thread.is_alive() for thread in threads):
        failures.append(TimeoutError("a thread did not finish"))
    return failures


def log_in(page, base_url: str, username: str, password: str = "demo12345") -> None:
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
