"""Reading a file ahead of the writes, in a thread of its own.

An import alternates between Python work (parsing cells, building and checking records) and
waiting on the database (inserting them). The database driver lets go of the interpreter
while it waits, so a second thread can parse and check the next chunk meanwhile: the import
then takes about as long as the longer of the two, not their sum. The thread never touches
the database (its connection would be another one, outside the run's transaction).
"""

import threading
from collections.abc import Callable, Iterator
from queue import Empty, Full, Queue
from typing import Any, TypeVar

from django.utils import translation

T = TypeVar("T")

# How long either side waits before looking again whether the other has stopped.
_POLL_SECONDS = 0.2


def read_ahead(produce: Callable[[], Iterator[T]], *, language: str, depth: int = 2) -> Iterator[T]:
    """The items of `produce()`, made in another thread at most `depth` ahead of the caller
    (so memory holds a few chunks, never the file). An exception there is raised here; if the
    caller stops early, the thread stops too."""
    queue: Queue[tuple[str, Any]] = Queue(maxsize=depth)
    stopped = threading.Event()

    def put(message: tuple[str, Any]) -> bool:
        while not stopped.is_set():
            try:
                queue.put(message, timeout=_POLL_SECONDS)
                return True
            except Full:
                continue
        return False

    def work() -> None:
        try:
            # The language is the thread's own: the problems are written in the user's.
            with translation.override(language):
                for item in produce():
                    if not put(("item", item)):
                        return
            put(("done", None))
        except BaseException as error:  # handed to the caller, who raises it
            put(("error", error))

    thread = threading.Thread(target=work, name="import-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            try:
                kind, value = queue.get(timeout=_POLL_SECONDS)
            except Empty:
                if not thread.is_alive():
                    raise RuntimeError("the reading thread ended without a word") from None
                continue
            if kind == "item":
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        stopped.set()
        thread.join()
