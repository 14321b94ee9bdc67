"""How each kind of notification reads, in the language of whoever reads it.

A notification stores its kind and parameters (codes, ids, numbers), never a sentence: the
inbox renders it in the page's language and the mail copy in the recipient's preferred
language, so an English page never shows a message written for a Chinese reader. The app that
sends a kind registers its renderer in its `AppConfig.ready()` (the time standards their
warnings, the authority app its approvals); this app knows none of them.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language

if TYPE_CHECKING:
    from .models import Notification

# (notification, cache) -> (subject, body). The cache is shared by the rows rendered together
# (an inbox page), so a renderer looks each related row up once, not once per notification.
Renderer = Callable[["Notification", dict[Any, Any]], tuple[str, str]]

_RENDERERS: dict[str, Renderer] = {}


def message_register(kind: str, renderer: Renderer) -> None:
    _RENDERERS[kind] = renderer


def message_render(notification: "Notification", cache: dict | None = None) -> tuple[str, str]:
    """(subject, body) in the current language; memoised on the row per language."""
    language = get_language() or ""
    memo = notification.__dict__.setdefault("_rendered", {})
    if language not in memo:
        renderer = _RENDERERS.get(notification.kind)
        if renderer is None:
            memo[language] = (notification.get_kind_display(), "")
        else:
            subject, body = renderer(notification, cache if cache is not None else {})
            memo[language] = (str(subject), str(body))
    return memo[language]


def messages_render(notifications: list["Notification"]) -> list["Notification"]:
    """Render a page of notifications with one shared cache; returns them for the template."""
    cache: dict = {}
    for notification in notifications:
        message_render(notification, cache)
    return notifications
