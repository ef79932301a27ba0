"""Anonymised extracts: incidents a partner or the public can have without any real location,
exact date or restricted detail.

The rule, as police.uk does it in spirit (its snap points each cover at least eight postal
addresses), made explicit:

1. **Places.** Every incident moves to an anonymous map point: the nearest of the snap points
   given (e.g. street mid-points), or else the centre of its cell on a grid of the chosen
   size. A snap point serving fewer than ``min_incidents`` incidents of the extract is
   withdrawn and its incidents move to the nearest remaining point, repeatedly, until every
   point used serves at least ``min_incidents`` (or a single point is left). A snap point
   that coincides with a real incident location is moved 1 map unit east, so no published
   point is ever a real incident's location.
2. **Dates** become months (``YYYY-MM``).
3. **Fields.** Only month, category and the snap point's label are written: every other
   field (free text, addresses, ids, outcomes) is dropped.
4. **Small numbers.** Where fewer than ``min_category`` incidents share a snap point, month and
   category, the category is replaced by its parent in SCRIBE's taxonomy
   (``crime.burglary`` -> ``crime``), repeatedly up to the top (crime / asb / fire). Labels
   outside the taxonomy coarsen to "other".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHIFT = 1.0  # map units a snap point moves when it coincides with an incident location
OTHER = "other"


@dataclass
class Extract:
    x: np.ndarray
    y: np.ndarray
    point_label: list[str]       # per incident: its snap point's label
    month: list[str]
    category: list[str]
    points_used: int
    points_moved: int
    coarsened: int               # incidents whose category was coarsened


def grid_snap_points(x: np.ndarray, y: np.ndarray, cell: float
                     ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Centres of the grid cells (origin on multiples of ``cell``) holding incidents."""
    col = np.floor(np.asarray(x) / cell).astype(np.int64)
    row = np.floor(np.asarray(y) / cell).astype(np.int64)
    cells = np.unique(np.column_stack([col, row]), axis=0)
    px = (cells[:, 0] + 0.5) * cell
    py = (cells[:, 1] + 0.5) * cell
    return px, py, [f"grid {c}_{r}" for c, r in cells]


def assign_snap_points(x: np.ndarray, y: np.ndarray, px: np.ndarray, py: np.ndarray,
                       min_incidents: int) -> np.ndarray:
    """Each incident's snap point index, every point used serving >= ``min_incidents``
    (unless all the incidents together are fewer: then they share one point)."""
    from scipy.spatial import cKDTree

    active = np.ones(px.size, dtype=bool)
    incidents = np.column_stack([x, y])
    while True:
        ids = np.flatnonzero(active)
        _, nearest = cKDTree(np.column_stack([px[ids], py[ids]])).query(incidents)
        owner = ids[nearest]
        counts = np.bincount(owner, minlength=px.size)
        used = counts > 0
        small = used & (counts < min_incidents)
        if not small.any() or used.sum() == 1:
            return owner
        active &= used  # points nobody is nearest to are not needed
        if small.sum() == used.sum():  # every point is too small: the busiest takes all
            active[:] = False
            active[np.argmax(counts)] = True
            continue
        # withdraw the smallest points first, a quarter at a time, so incidents move to
        # their nearest surviving neighbour rather than to another point about to go
        order = np.flatnonzero(small)[np.argsort(counts[small], kind="stable")]
        active[order[:max(1, order.size // 4)]] = False


def coarsen(points: np.ndarray, months: list[str], categories: list[str], min_category: int,
            parent_of) -> tuple[list[str], int]:
    """Categories coarsened up the hierarchy until every (point, month, category) group has
    at least ``min_category`` incidents, or is at the top."""
    current = list(categories)
    changed = np.zeros(len(current), dtype=bool)
    while True:
        keys = [(int(p), m, c) for p, m, c in zip(points, months, current)]
        counts: dict = {}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        moved = False
        for i, key in enumerate(keys):
            if counts[key] < min_category:
                parent = parent_of(current[i])
                if parent is not None and parent != current[i]:
                    current[i] = parent
                    changed[i] = True
                    moved = True
        if not moved:
            return current, int(changed.sum())


def taxonomy_parent(value: str) -> str | None:
    """SCRIBE codes go up one level; the top (crime/asb/fire) and OTHER stay; anything else
    (a label outside the taxonomy) becomes OTHER."""
    from .taxonomy import _BY_CODE, DOMAINS

    if value in DOMAINS or value == OTHER:
        return None
    if value in _BY_CODE:
        return _BY_CODE[value].parent
    return OTHER


def anonymise(x: np.ndarray, y: np.ndarray, months: list[str], categories: list[str],
              snap: tuple[np.ndarray, np.ndarray, list[str]] | None = None,
              cell: float = 250.0, min_incidents: int = 8, min_category: int = 3) -> Extract:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size == 0:
        raise ValueError("there are no incidents with a place and a date to extract")
    if min_incidents < 1 or min_category < 1:
        raise ValueError("the minimum counts must be at least 1")
    px, py, labels = snap if snap is not None else grid_snap_points(x, y, cell)
    px, py = np.array(px, dtype=np.float64), np.array(py, dtype=np.float64)
    if px.size == 0:
        raise ValueError("no snap points to move incidents to")
    real = set(zip(x.tolist(), y.tolist()))
    moved = 0
    for k in range(px.size):
        while (px[k], py[k]) in real:
            px[k] += SHIFT
            moved += 1
    owner = assign_snap_points(x, y, px, py, min_incidents)
    category, coarsened = coarsen(owner, months, categories, min_category, taxonomy_parent)
    return Extract(px[owner], py[owner], [labels[k] for k in owner], list(months), category,
                   int(np.unique(owner).size), moved, coarsened)
