"""Writes gathered inside a block and made together when it ends.

A sweep's chunk breaches a hundred clocks in one transaction; written one by one, each
breach's timeline rows, notifications and deadline summary cost a query apiece. A service that
offers gathering writes at once outside a block, and inside one hands what it would have
written to the block, which writes it all when it ends, still inside the caller's transaction.
A block left by an exception writes nothing: the transaction it belongs to is rolled back.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

T = TypeVar("T")


class Gathering(Generic[T]):
    """Items of one kind gathered in a `block()`, handed to `write` in one call at its end."""

    def __init__(self, name: str, write: Callable[[list[T]], object]) -> None:
        self._items: ContextVar[list[T] | None] = ContextVar(name, default=None)
        self._write = write

    def add(self, items: Iterable[T]) -> bool:
        """Keep `items` for the block's end; False when no block is open (write them now)."""
        gathered = self._items.get()
        if gathered is None:
            return False
        gathered.extend(items)
        return True

    def is_open(self) -> bool:
        return self._items.get() is not None

    @contextmanager
    def block(self) -> Iterator[None]:
        items: list[T] = []
        token = self._items.set(items)
        try:
            yield
        finally:
            self._items.reset(token)
        if items:
            self._write(items)


# Blocks of apps the chunk's owner cannot know (an app above it keeping figures of its own):
# registered at start-up, opened by `registered_blocks()` together.
_REGISTERED: list[Callable[[], AbstractContextManager[None]]] = []


def gathering_register(block: Callable[[], AbstractContextManager[None]]) -> None:
    if block not in _REGISTERED:
        _REGISTERED.append(block)


@contextmanager
def registered_blocks() -> Iterator[None]:
    """Every registered block open at once; each writes its items when this one ends."""
    with ExitStack() as stack:
        for block in _REGISTERED:
            stack.enter_context(block())
        yield
