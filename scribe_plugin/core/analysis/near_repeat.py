"""Knox test for near repeats: do incidents close in space also happen close in time, more
often than chance would give?

Every pair of incidents closer than the largest distance band is found once with a k-d tree
(memory grows with the number of such pairs, never with N^2), and its distance band is fixed.
A pair's time band is |t_i - t_j| in days over the time-band width. The observed table counts
pairs per (distance band, time band). Chance is simulated by permuting the dates among the
incidents (locations stay), ``permutations`` times; expected counts are the permutations'
mean, the Knox ratio is observed / expected, and the p-value per cell is (k + 1) / (n + 1),
k being the permutations whose count reached the observed one.

Band convention (exact, unlike calculators whose labels are off by one): distance band i
holds pairs with i*w <= d < (i+1)*w; time band j holds pairs with j*t <= |dt| < (j+1)*t, in
days (fractions count: 6.9 days is in [0, 7)). Pairs beyond the last band are not counted.
The permutations are ``numpy.random.default_rng(seed).permutation(n)``, drawn in order, so a
run is reproducible from its seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

PAIR_CHUNK = 4_000_000
CACHE_CHUNK = 1 << 17
SECONDS_PER_DAY = 86_400.0
METRICS = {"euclidean": 2, "manhattan": 1}


class KnoxError(ValueError):
    """Inputs the Knox test cannot use; the message says which and why."""


class KnoxCancelled(Exception):
    pass


@dataclass(frozen=True)
class KnoxBands:
    distance: float          # width of a distance band (map units, metres in BNG)
    distance_bands: int
    days: float              # width of a time band, days
    time_bands: int
    metric: str = "euclidean"

    def validate(self) -> None:
        if not (self.distance > 0 and self.days > 0):
            raise KnoxError("band widths must be positive")
        if not (1 <= self.distance_bands <= 100 and 1 <= self.time_bands <= 100):
            raise KnoxError("use 1 to 100 distance bands and 1 to 100 time bands")
        if self.metric not in METRICS:
            raise KnoxError(f"metric must be one of {sorted(METRICS)}")

    @property
    def max_distance(self) -> float:
        return self.distance * self.distance_bands

    def distance_edges(self) -> np.ndarray:
        return np.arange(self.distance_bands + 1) * self.distance

    def time_edges(self) -> np.ndarray:
        return np.arange(self.time_bands + 1) * self.days

    def distance_labels(self, unit: str = "m") -> list[str]:
        e = self.distance_edges()
        return [f"[{e[i]:g}, {e[i + 1]:g}) {unit}" for i in range(self.distance_bands)]

    def time_labels(self) -> list[str]:
        e = self.time_edges()
        return [f"[{e[i]:g}, {e[i + 1]:g}) days" for i in range(self.time_bands)]


@dataclass
class KnoxResult:
    bands: KnoxBands
    observed: np.ndarray     # (distance_bands, time_bands) pair counts
    expected: np.ndarray     # mean of the permutations' counts
    ratio: np.ndarray        # observed / expected (NaN where expected is 0)
    p_value: np.ndarray      # (k + 1) / (permutations + 1)
    permutations: int
    seed: int
    incidents: int
    close_pairs: int         # pairs within the largest distance band (any time apart)


def close_pairs(x: np.ndarray, y: np.ndarray, bands: KnoxBands
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, distance band) of every pair closer than the largest distance band."""
    from scipy.spatial import cKDTree

    points = np.column_stack([x, y])
    tree = cKDTree(points)
    pairs = tree.query_pairs(r=bands.max_distance, p=METRICS[bands.metric],
                             output_type="ndarray")
    index_type = np.int32 if len(x) < 2**31 else np.int64
    i = pairs[:, 0].astype(index_type)
    j = pairs[:, 1].astype(index_type)
    del pairs
    band = np.empty(len(i), dtype=np.int16)
    for start in range(0, len(i), PAIR_CHUNK):
        a, b = i[start:start + PAIR_CHUNK], j[start:start + PAIR_CHUNK]
        dx = np.abs(x[a] - x[b])
        dy = np.abs(y[a] - y[b])
        d = np.hypot(dx, dy) if bands.metric == "euclidean" else dx + dy
        band[start:start + PAIR_CHUNK] = np.minimum(np.floor(d / bands.distance),
                                                    bands.distance_bands)
    keep = band < bands.distance_bands  # query_pairs includes distance == max: excluded here
    return i[keep], j[keep], band[keep]


def _table(i: np.ndarray, j: np.ndarray, dbase: np.ndarray, t: np.ndarray, width,
           bands: KnoxBands) -> np.ndarray:
    """Pair counts per (distance band, time band) for times ``t``, in chunks small enough to
    stay in the CPU cache; only pairs within the last time band get a band computed.
    ``dbase`` is each pair's distance band times the number of time bands."""
    cells = bands.distance_bands * bands.time_bands
    counts = np.zeros(cells, dtype=np.int64)
    limit = width * bands.time_bands
    integral = np.issubdtype(t.dtype, np.integer)
    for start in range(0, len(i), CACHE_CHUNK):
        stop = start + CACHE_CHUNK
        apart = np.abs(t[i[start:stop]] - t[j[start:stop]])
        close = np.flatnonzero(apart < limit)
        if close.size == 0:
            continue
        apart = apart[close]
        tband = apart // width if integral else np.floor(apart / width).astype(np.int32)
        counts += np.bincount(dbase[start:stop][close] + tband, minlength=cells)
    return counts.reshape(bands.distance_bands, bands.time_bands)


def _times(t: np.ndarray, days: float) -> tuple[np.ndarray, float | int]:
    """Times relative to the first and the band width, as int32 seconds when both are whole
    seconds (exact integer division, half the memory traffic), else float64 seconds."""
    t = t - t.min()
    width = days * SECONDS_PER_DAY
    if float(width).is_integer() and t.max() < 2**31 and np.all(t == np.floor(t)):
        return t.astype(np.int32), int(width)
    return t, width


def knox_test(x: np.ndarray, y: np.ndarray, t_seconds: np.ndarray, bands: KnoxBands,
              permutations: int = 99, seed: int = 1,
              progress: Callable[[float], bool | None] | None = None) -> KnoxResult:
    """The Knox table for incidents at (x, y) at times ``t_seconds`` (any epoch)."""
    bands.validate()
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    t = np.asarray(t_seconds, dtype=np.float64)
    if not (len(x) == len(y) == len(t)):
        raise KnoxError("x, y and times must have the same length")
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(t)
    x, y, t = x[ok], y[ok], t[ok]
    n = len(x)
    if n < 3:
        raise KnoxError(f"the Knox test needs at least 3 incidents with a place and a time "
                        f"(got {n})")
    if permutations < 19:
        raise KnoxError("use at least 19 permutations (99 or 999 are usual)")
    t, width = _times(t, bands.days)
    i, j, dband = close_pairs(x, y, bands)
    dbase = (dband * bands.time_bands).astype(np.int16)  # at most 100 x 100 cells
    del dband
    observed = _table(i, j, dbase, t, width, bands)
    rng = np.random.default_rng(seed)
    total = np.zeros_like(observed)
    at_least = np.zeros_like(observed)
    for k in range(permutations):
        permuted = _table(i, j, dbase, t[rng.permutation(n)], width, bands)
        total += permuted
        at_least += permuted >= observed
        if progress is not None and progress((k + 1) / permutations) is False:
            raise KnoxCancelled()
    expected = total / permutations
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / expected, np.nan)
    p_value = (at_least + 1) / (permutations + 1)
    return KnoxResult(bands, observed, expected, ratio, p_value, permutations, seed, n, len(i))
