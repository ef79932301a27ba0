"""Repeat locations: places with more than one incident, ranked, and how much of all crime
they account for (the "hot spots and hot streets" concentration: typically a few per cent of
places hold a large share of incidents).

A place is an exact point (tolerance 0: police.uk's anonymous snap points, an address's
coordinates) or a group of points each within ``tolerance`` of another (single linkage, found
with a k-d tree), which merges a location recorded with slightly different coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Places:
    label: np.ndarray        # each incident's place (0..n_places-1, by rank)
    x: np.ndarray            # each place's point: its most used exact point
    y: np.ndarray
    count: np.ndarray        # incidents per place, descending
    share_pct: np.ndarray    # of all incidents
    cumulative_pct: np.ndarray

    @property
    def n_places(self) -> int:
        return int(self.count.size)

    def places_for_share(self, pct: float) -> int:
        """How many of the top places hold at least ``pct`` per cent of incidents."""
        if self.count.size == 0:
            return 0
        return int(np.searchsorted(self.cumulative_pct, pct - 1e-9) + 1)


def group_places(x: np.ndarray, y: np.ndarray, tolerance: float = 0.0) -> np.ndarray:
    """A place id per incident (arbitrary order): equal coordinates, or chains of points
    within ``tolerance`` of each other."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    points = np.column_stack([x, y])
    _, exact = np.unique(points, axis=0, return_inverse=True)
    exact = exact.reshape(-1)
    if tolerance <= 0 or len(x) < 2:
        return exact
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    distinct = np.unique(points, axis=0)  # same order as np.unique's inverse
    pairs = cKDTree(distinct).query_pairs(r=tolerance, output_type="ndarray")
    m = len(distinct)
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])),
                       shape=(m, m))
    _, component = connected_components(graph, directed=False)
    return component[exact]


def rank_places(x: np.ndarray, y: np.ndarray, tolerance: float = 0.0) -> Places:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    n = len(x)
    group = group_places(x, y, tolerance)
    counts = np.bincount(group) if n else np.zeros(0, dtype=np.int64)
    present = np.flatnonzero(counts)
    # rank: most incidents first; ties by the place's first incident, for a stable order
    first = np.full(counts.size, n, dtype=np.int64)
    np.minimum.at(first, group, np.arange(n))
    order = present[np.lexsort((first[present], -counts[present]))]
    rank_of = np.empty(counts.size, dtype=np.int64)
    rank_of[order] = np.arange(order.size)
    label = rank_of[group]
    count = counts[order]
    # each place's point: its most frequent exact point (ties: the first seen)
    _, exact = np.unique(np.column_stack([x, y]), axis=0, return_inverse=True)
    exact = exact.reshape(-1)
    px = np.empty(order.size)
    py = np.empty(order.size)
    key = label.astype(np.int64) * (exact.max() + 1 if n else 1) + exact
    keys, first_index, freq = np.unique(key, return_index=True, return_counts=True)
    place_of_key = keys // (exact.max() + 1 if n else 1)
    best = np.lexsort((first_index, -freq, place_of_key))
    _, first_of_place = np.unique(place_of_key[best], return_index=True)
    chosen = best[first_of_place]
    px[place_of_key[chosen]] = x[first_index[chosen]]
    py[place_of_key[chosen]] = y[first_index[chosen]]
    share = 100.0 * count / max(n, 1)
    return Places(label, px, py, count, share, np.cumsum(share))
