"""Run the store's share of an import on one background thread while the file is read.

Reading, validating and formatting a chunk is this process's work; loading it (sending the
COPY data, the store checking, planning and writing it) is mostly the server's. With one
worker thread the two overlap: the server works on chunk k while the reader parses chunk k+1
(psycopg releases the GIL while it waits for the server; keep Python work off this thread,
or the two threads wait for each other's GIL). Tasks run in the order given, one at
a time, and ``submit`` first waits for the task before, so at most two chunks are held. The
first failure is raised in the caller's thread, by the next ``submit`` or by ``wait``. Leaving
the ``with`` block always waits for the task in hand, so the connection is idle again before
the caller commits or rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for


class OrderedBackgroundWork:
    def __init__(self, name: str = "scribe-import-store"):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending: Future | None = None

    def submit(self, task: Callable[..., object], *args) -> None:
        """Run ``task(*args)`` once the previous task is done (raising its error, if any)."""
        self.wait()
        self._pending = self._executor.submit(task, *args)

    def wait(self) -> None:
        """Wait for the task in hand; raise its error here if it failed."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def __enter__(self) -> OrderedBackgroundWork:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending is not None:
                # the caller's error wins; the task's own outcome no longer matters, but the
                # connection must be idle before the caller rolls back
                wait_for([self._pending])
                self._pending = None
        finally:
            self._executor.shutdown(wait=True)
        return False
