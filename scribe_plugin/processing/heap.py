"""Give freed heap memory back to the operating system between the phases of a big job.

numpy frees many small and mid-sized temporaries (batches of points, strips of a grid) that
glibc keeps in the process heap; the next phase (say, GDAL writing a raster) then grows the
process instead of reusing them. ``malloc_trim`` returns that free memory, so the job's peak
is its live data. A no-op where the C library is not glibc (Windows, macOS, musl).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_heap() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
