"""Hand the GIL to the store's sending thread quickly while a file streams into the store.

psycopg lets go of the GIL while it waits for the server, and needs it back when the server
answers. While the reading thread runs Python, CPython makes the waiting thread sit out the
whole switch interval (5 ms by default) before it even asks for the GIL, and the server idles
meanwhile: at least twice per COPY (the server's "go ahead", then its "done"), and an import
COPYs each new month's rows of every chunk apart (021), some 200 COPYs per million police.uk
rows. At 0.5 ms the sending thread is back within half a millisecond (measured: its COPYs
took 4.4-4.9 s in all, against 4.9-5.1 s at 5 ms, three runs each). The interval is
process-wide, so it is lowered only while an import streams (and for the first one in, if
several overlap) and put back as it was when the last one ends.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

IMPORT_SWITCH_INTERVAL = 0.0005  # seconds

_lock = threading.Lock()
_holders = 0
_saved = 0.0


@contextmanager
def quick_thread_switch() -> Iterator[None]:
    global _holders, _saved
    with _lock:
        if _holders == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, IMPORT_SWITCH_INTERVAL))
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                sys.setswitchinterval(_saved)
