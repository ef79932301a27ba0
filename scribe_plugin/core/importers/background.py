"""Run the store's share of an import on one background thread while the file is read.

Reading, validating and formatting a chunk is this process's work; loading it (sending the
COPY data, the store checking, planning and writing it) is mostly the server's. With one
worker thread the two overlap: the server works on chunk k while the reader parses chunk k+1
(psycopg releases the GIL while it waits for the server; keep Python work off this thread,
or the two threads wait for each other's GIL). Tasks run in the order given, one at a time.
Up to ``depth`` tasks may be queued, so a chunk the server is slow on does not stall the
reader at once (chunks vary, and the two sides take about as long per chunk). Once a task
fails, the tasks queued after it do not run, and its error is raised in the caller's thread,
by the next ``submit`` or by ``wait``. Leaving the ``with`` block always waits for the tasks
in hand, so the connection is idle again before the caller commits or rolls back.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for


class OrderedBackgroundWork:
    def __init__(self, name: str = "scribe-import-store", depth: int = 2):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending: deque[Future] = deque()
        self._depth = max(depth, 1)
        self._failed = threading.Event()

    def submit(self, task: Callable[..., object], *args) -> None:
        """Queue ``task(*args)`` after the tasks before it, once fewer than ``depth`` are
        queued; raises the error of an earlier task instead, if one failed."""
        while self._pending and (self._pending[0].done() or len(self._pending) >= self._depth):
            self._pending.popleft().result()
        if self._failed.is_set():
            self.wait()  # raises the failure (a task that failed is still pending)
        self._pending.append(self._executor.submit(self._run, task, args))

    def _run(self, task: Callable[..., object], args: tuple) -> None:
        if self._failed.is_set():
            return  # an earlier task failed: the connection's transaction is lost anyway
        try:
            task(*args)
        except BaseException:
            self._failed.set()
            raise

    def full(self) -> bool:
        """Whether ``submit`` would wait now: ``depth`` tasks in hand are still running."""
        return sum(not task.done() for task in self._pending) >= self._depth

    def idle(self) -> bool:
        """Whether every task in hand has finished (their errors are raised later)."""
        return all(task.done() for task in self._pending)

    def wait(self) -> None:
        """Wait for every task in hand; raise the first error here if one failed."""
        while self._pending:
            self._pending.popleft().result()

    def __enter__(self) -> OrderedBackgroundWork:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending:
                # the caller's error wins; the tasks' own outcome no longer matters, but the
                # connection must be idle before the caller rolls back
                wait_for(list(self._pending))
                self._pending.clear()
        finally:
            self._executor.shutdown(wait=True)
        return False
