"""A real HTTP receiver for the webhook tests: a server on loopback, in a thread of its own,
that keeps every request it is sent and answers with the statuses the test chooses.

Real sockets rather than a mocked opener, so that what is tested is what a receiver gets:
the bytes on the wire, the headers as sent, a redirect that is (not) followed, a refused
connection.
"""

import json
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

HOOK_PATH = "/hooks/complaintdesk"
# Where a 3xx answer points: a request arriving here means the redirect was followed.
ELSEWHERE_PATH = "/elsewhere"


@dataclass(frozen=True)
class Received:
    path: str
    raw_query: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str:
        """A header by name, as HTTP means it: whatever the case it was sent in."""
        return {key.lower(): value for key, value in self.headers.items()}[name.lower()]


class Receiver:
    """Answers the statuses given to `answer` in turn, the last one again and again."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._statuses: list[int] = [200]
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.base_url + HOOK_PATH

    def answer(self, *statuses: int) -> None:
        with self._lock:
            self._statuses = list(statuses)

    def start(self) -> "Receiver":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next_status(self) -> int:
        with self._lock:
            return self._statuses.pop(0) if len(self._statuses) > 1 else self._statuses[0]

    def _record(self, received: Received) -> None:
        with self._lock:
            self.requests.append(received)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parts = urlsplit(self.path)
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                headers = dict(self.headers.items())
                receiver._record(Received(parts.path, parts.query, query, headers, body))
                status = receiver._next_status()
                answer = json.dumps({"status": status, "note": "answered by the test"}).encode()
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.base_url + ELSEWHERE_PATH)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the test reads `requests`, not the server's log lines."""

        return Handler


def closed_port_url() -> str:
    """A loopback URL nothing listens on: the port was free a moment ago and is closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{HOOK_PATH}"
