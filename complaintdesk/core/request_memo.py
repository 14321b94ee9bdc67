"""Configuration read once per request: an organisation's time-standard settings and a unit's
working calendar are asked for by several services in one intake (the clocks, the deadline
summary, the answer's clocks), and cannot change while the request runs.

Only inside a request (the middleware) is anything remembered, and only until it ends; a task,
a command or a test calling the services directly reads afresh every time.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("request_memo", default=None)


def memoised(key: Any, read: Callable[[], T]) -> T:
    """`read()`, or what it gave for `key` earlier in this request."""
    memo = _MEMO.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)
