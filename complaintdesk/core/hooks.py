"""The one small registry through which an app tells the apps above it what happened.

The complaints core publishes typed events (a complaint registered, moved, classified…) and
the policies (time standards, authority, routing, notifications) subscribe to them in their
`AppConfig.ready()`. The publisher never imports a subscriber, so the import graph points
one way only: policies know the core, the core knows no policy.

Two moments:
- in the transaction (the default): the subscriber runs inside the publisher's
  `transaction.atomic()`, with the complaint row locked, so what it writes (a clock, an
  approval request) commits or rolls back with the change that caused it;
- after (`after=True`): run by the publisher once its own transaction block has ended, for
  follow-on work whose failure must never undo the change (routing a complaint just
  registered). Anything leaving the process (mail, webhooks) still waits for the outermost
  commit with `transaction.on_commit`, which the subscriber arranges itself.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

Event = TypeVar("Event")
Subscriber = Callable[[Any], None]

_IN_TRANSACTION: dict[type, list[Subscriber]] = defaultdict(list)
_AFTER: dict[type, list[Subscriber]] = defaultdict(list)


def subscribe(event_type: type, subscriber: Subscriber, *, after: bool = False) -> None:
    """Call `subscriber(event)` for every published event of `event_type`. Registering the
    same function twice has no effect (ready() may run more than once in tests)."""
    table = _AFTER if after else _IN_TRANSACTION
    if subscriber not in table[event_type]:
        table[event_type].append(subscriber)


def publish(event: object) -> None:
    """Run the in-transaction subscribers of the event's type, in registration order."""
    for subscriber in list(_IN_TRANSACTION.get(type(event), ())):
        subscriber(event)


def publish_after(event: object) -> None:
    """Run the after-subscribers; the publisher calls this once its transaction block is over."""
    for subscriber in list(_AFTER.get(type(event), ())):
        subscriber(event)


def has_after_subscribers(event_type: type) -> bool:
    return bool(_AFTER.get(event_type))
