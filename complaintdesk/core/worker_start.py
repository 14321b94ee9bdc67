"""What a web worker does once it has loaded the application, before its first request."""

import gc

from django.urls import get_resolver


def web_worker_ready() -> None:
    """Load every view now and keep what is loaded out of the garbage collector's walks.

    A full collection walks every object Python tracks. With Django, the apps and their
    libraries loaded (some 120,000 objects) one took 30-80 ms on the benchmark's machine, and
    a page paid it whenever its allocations set one off: the one request in twenty that
    missed the queue's and the search's 50 and 100 ms. Objects frozen here (gc.freeze, made
    for long-running servers) are never walked again, as what is loaded at start lives as
    long as the process anyway; what requests create is collected as before (a full
    collection of those took 3-10 ms).
    """
    get_resolver().resolve("/")  # the URLconf, so every view module and what it imports
    gc.collect()
    gc.freeze()
