"""Configuration read once per request or task run: an organisation's time-standard settings,
its escalation ladder and a unit's working calendar are asked for by several services in one
intake (the clocks, the deadline summary, the answer's clocks) and in every firing of a sweep,
and do not change while it runs.

Only inside a request (the middleware) or a `memo_scope()` is anything remembered, and only
until it ends; a command or a test calling the services directly reads afresh every time.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def memo_scope() -> Iterator[None]:
    """Remember configuration until the block ends (a task's run)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with memo_scope():
            return self.get_response(request)
