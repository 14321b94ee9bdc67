"""Test support shared by the apps' suites: the real browser, real concurrent callers and a
real SMTP server.

Kept out of any one app's tests so that a new app's tests drive Chromium and threads the same
way, with the flags CI needs, without copying them.
"""

import os
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
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


class MailCatcher:
    """An SMTP server on loopback (aiosmtpd) that keeps what it receives; `refuse` makes it
    answer the next that many messages with a temporary failure, as a busy server does."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@contextmanager
def smtp_server(settings) -> Iterator[MailCatcher]:
    """A real SMTP server for the test, with Django's SMTP backend pointed at it."""
    catcher = MailCatcher()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(catcher, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield catcher
    finally:
        controller.stop()
