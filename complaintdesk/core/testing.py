"""Test support shared by the apps' suites: the real browser, real concurrent callers, and
real SMTP and IMAP servers on loopback.

Kept out of any one app's tests so that a new app's tests drive Chromium and threads the same
way, with the flags CI needs, without copying them.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def accessibility_problems(page, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list:
    """What axe-core (from npm, installed by make install) finds wrong with the page as shown,
    against WCAG 2.1 A and AA: labels, contrast, names, landmarks. The script is evaluated
    through the browser's debugging protocol, which the page's Content-Security-Policy (no
    inline scripts) does not govern, so the page under test keeps its real policy."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: "tag",
                values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                help: v.help, targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }"""
    )
    return [problem for problem in found if problem["impact"] in impacts]


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
    controller = Controller(catcher, hostname="127.0.0.1", port=_free_port())
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


@dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    username: str
    password: str


@contextmanager
def imap_server() -> Iterator[ImapAccount]:
    """A real IMAP server (Debian's dovecot) on loopback, with its own configuration, one user
    and its maildir in a folder of its own; stopped and removed at the end. Skips the test
    where dovecot is not installed (make install brings it)."""
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not Path(dovecot).exists():
        pytest.skip("dovecot-imapd is not installed")
    # Directly under /tmp, not the run's private TMPDIR: dovecot's own unprivileged users
    # read the configuration and write the mail, and must be able to reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="complaintdesk-imap-", dir="/tmp"))
    folder.chmod(0o777)
    port = _free_port()
    account = ImapAccount("127.0.0.1", port, "complaints", "imap-test-secret")
    (folder / "passwd").write_text(f"{account.username}:{{PLAIN}}{account.password}::::::\n")
    (folder / "dovecot.conf").write_text(
        "\n".join(
            [
                f"base_dir = {folder}/run",
                f"state_dir = {folder}/state",
                f"log_path = {folder}/dovecot.log",
                "protocols = imap",
                "listen = 127.0.0.1",
                "ssl = no",
                "disable_plaintext_auth = no",
                "auth_mechanisms = plain login",
                "default_internal_user = dovecot",
                "default_login_user = dovenull",
                "mail_location = maildir:~/Maildir",
                # dovecot is a system user (a low uid), refused for mail unless allowed.
                "first_valid_uid = 1",
                f"passdb {{\n  driver = passwd-file\n  args = {folder}/passwd\n}}",
                "userdb {",
                "  driver = static",
                f"  args = uid=dovecot gid=dovecot home={folder}/home/%u",
                "}",
                "service imap-login {",
                f"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}",
                "  inet_listener imaps {\n    port = 0\n  }",
                "}",
                "service stats {\n  unix_listener stats-reader {\n    mode = 0666\n  }\n}",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [dovecot, "-F", "-c", str(folder / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, process, folder / "dovecot.log")
        yield account
    finally:
        process.terminate()
        process.wait(timeout=10)
        if not os.environ.get("KEEP_IMAP"):
            shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            details = log.read_text() if log.exists() else ""
            raise RuntimeError(f"dovecot stopped: {stderr}\n{details}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening")
