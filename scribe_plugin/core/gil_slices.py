"""Bulk work done a slice at a time, so that a thread waiting for the GIL gets it soon.

An import reads and checks 100,000-row chunks on one thread while another talks to the
store, and that sending thread needs the GIL each time the server answers it (four to six
times per COPY). A C call made from Python keeps the GIL for its whole run: ``list(map(f,
values))``, ``set(values)``, a dict's ``update``, numpy's object arrays and ``tolist``,
GDAL's SWIG calls. Over 100,000 items such a call runs 3-30 ms, and the server sits waiting
for the sender meanwhile: 2-2.8 s per million rows, read from ``pg_stat_activity`` (its
backend in ``ClientRead``). Cut into slices of ``SLICE`` items, each call is over in about a
millisecond, and the interpreter can hand the GIL over between slices (it looks at each turn
of a Python loop). The results are the same, item for item.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet

import numpy as np

SLICE = 8192  # items per C call: 0.2-1.5 ms for the calls below


def starts(n: int, size: int | None = None) -> range:
    """The first index of each slice of ``n`` items (``SLICE`` to a slice unless given)."""
    return range(0, n, size or SLICE)


def mapped(function: Callable, values: list) -> list:
    """``list(map(function, values))``."""
    if len(values) <= SLICE:
        return list(map(function, values))
    out: list = []
    for a in starts(len(values)):
        out += map(function, values[a:a + SLICE])
    return out


def floats_mapped(function: Callable, values: list) -> np.ndarray:
    """``np.fromiter(map(function, values), float, len(values))``."""
    out = np.empty(len(values))
    for a in starts(len(values)):
        part = values[a:a + SLICE]
        out[a:a + len(part)] = np.fromiter(map(function, part), float, len(part))
    return out


def distinct(values: list) -> set:
    """``set(values)``."""
    if len(values) <= SLICE:
        return set(values)
    out: set = set()
    update(out, values)
    return out


def update(into: set, values: list) -> None:
    """``into.update(values)``."""
    for a in starts(len(values)):
        into.update(values[a:a + SLICE])


def disjoint(known: AbstractSet, values: list) -> bool:
    """``known.isdisjoint(values)``, for a set or a dict's ``keys()``."""
    return all(known.isdisjoint(values[a:a + SLICE]) for a in starts(len(values)))


def add_pairs(into: dict, keys: list, values: list) -> None:
    """``into.update(zip(keys, values))``."""
    for a in starts(len(keys)):
        into.update(zip(keys[a:a + SLICE], values[a:a + SLICE]))


def floats_or_none(values: np.ndarray) -> list:
    """A float array as a list, NaN as None."""
    out: list = []
    for a in starts(len(values)):
        part = values[a:a + SLICE]
        out += np.where(np.isnan(part), None, part).tolist()
    return out


def taken(values: np.ndarray, positions: np.ndarray) -> list:
    """``values.take(positions).tolist()`` (``values`` of Python objects: each ``take``
    touches every object's reference count)."""
    out: list = []
    for a in starts(len(positions)):
        out += values.take(positions[a:a + SLICE]).tolist()
    return out
