"""Getis-Ord Gi* hot and cold spots, on a regular grid or on areas (wards, LSOAs).

Gi* for cell i with binary weights w_ij (w_ii = 1: the "star" includes the cell itself),
n cells, mean xbar and population standard deviation s of all cells (Getis & Ord 1992;
Ord & Getis 1995):

    Gi* = (sum_j w_ij x_j - xbar W_i) / (s sqrt((n S1_i - W_i^2) / (n - 1)))

with W_i = sum_j w_ij and S1_i = sum_j w_ij^2 (= W_i for binary weights). Gi* is already a
z-score. On a grid with distance-band weights both sums are correlations of the grid with a
disc-shaped kernel (zero outside the grid, so edge cells simply have fewer neighbours), so the
whole surface costs two convolutions instead of a loop over cells. Areas, and k-nearest
neighbour weights, use a sparse weights matrix.

Significance: two-sided normal p-values, optionally Benjamini-Hochberg adjusted (false
discovery rate, Caldas de Castro & Singer 2006), classified as +-3 / +-2 / +-1 for 99 / 95 /
90 % confidence, 0 otherwise (positive: hot, negative: cold).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CONFIDENCE_LEVELS = ((3, 0.01), (2, 0.05), (1, 0.10))  # class, largest p at that confidence
CLASS_LABELS = {
    3: "Hot spot, 99% confidence", 2: "Hot spot, 95% confidence",
    1: "Hot spot, 90% confidence", 0: "Not significant",
    -1: "Cold spot, 90% confidence", -2: "Cold spot, 95% confidence",
    -3: "Cold spot, 99% confidence",
}
_DIRECT_KERNEL_CELLS = 225  # larger kernels go through FFT (then rounded if exact integers)


class GiError(ValueError):
    """Input Gi* cannot be computed from (the message says why)."""


@dataclass(frozen=True)
class GiResult:
    z: np.ndarray  # Gi* z-scores (same shape as the input)
    p: np.ndarray  # two-sided p-values (BH-adjusted when asked)
    classes: np.ndarray  # int8, -3..3
    neighbours: np.ndarray  # W_i: cells/areas in each neighbourhood, itself included


def disc_kernel(distance: float, cell: float) -> np.ndarray:
    """Binary kernel of the cells whose centres lie within ``distance`` of the centre cell."""
    if cell <= 0 or distance < 0:
        raise GiError("the cell size must be positive and the distance not negative")
    reach = int(np.floor(distance / cell + 1e-9))
    offsets = np.arange(-reach, reach + 1)
    dx, dy = np.meshgrid(offsets, offsets)
    return ((dx * dx + dy * dy) * cell * cell <= distance * distance * (1 + 1e-12)).astype(
        np.float64)


def _correlate(grid: np.ndarray, kernel: np.ndarray, integral: bool) -> np.ndarray:
    if kernel.size <= _DIRECT_KERNEL_CELLS:
        from scipy.ndimage import correlate

        return correlate(grid, kernel, mode="constant", cval=0.0)
    from scipy.signal import fftconvolve

    out = fftconvolve(grid, kernel[::-1, ::-1], mode="same")
    return np.rint(out) if integral else out


def _gi_from_sums(lag: np.ndarray, weight_sum: np.ndarray, square_sum: np.ndarray,
                  values: np.ndarray) -> np.ndarray:
    n = values.size
    if n < 3:
        raise GiError("Gi* needs at least 3 cells or areas")
    mean = values.mean()
    std = np.sqrt(max((values * values).mean() - mean * mean, 0.0))
    if std == 0:
        return np.zeros(lag.shape)  # every cell the same: no hot or cold spot anywhere
    denominator = std * np.sqrt(np.maximum(n * square_sum - weight_sum ** 2, 0.0) / (n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (lag - mean * weight_sum) / denominator
    return np.where(denominator > 0, z, 0.0)


def gi_star_grid(grid: np.ndarray, kernel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gi* z for every cell of a 2-D grid with the given weights kernel (odd-sized, centred).

    Returns (z, W_i). Every cell of the grid counts in n, empty ones included: the grid
    should cover the study area, not the whole world."""
    values = np.asarray(grid, dtype=np.float64)
    k = np.asarray(kernel, dtype=np.float64)
    if values.ndim != 2:
        raise GiError("the grid must be 2-D")
    if k.ndim != 2 or k.shape[0] % 2 == 0 or k.shape[1] % 2 == 0:
        raise GiError("the kernel must be 2-D with odd sides")
    integral = bool(np.all(values == np.rint(values)) and np.all(k == np.rint(k)))
    ones = np.ones_like(values)
    lag = _correlate(values, k, integral)
    weight_sum = _correlate(ones, k, bool(np.all(k == np.rint(k))))
    square_sum = weight_sum if np.all((k == 0) | (k == 1)) else _correlate(ones, k * k, False)
    return _gi_from_sums(lag, weight_sum, square_sum, values), weight_sum


def distance_band_weights(x: np.ndarray, y: np.ndarray, distance: float):
    """Sparse binary weights: areas whose centroids are within ``distance``, itself included."""
    from scipy.sparse import coo_matrix, identity
    from scipy.spatial import cKDTree

    if distance <= 0:
        raise GiError("the distance band must be positive")
    points = np.column_stack([x, y])
    pairs = cKDTree(points).query_pairs(distance, output_type="ndarray")
    n = points.shape[0]
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    w = coo_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n)).tocsr()
    return (w + identity(n, format="csr")).tocsr()


def knn_weights(x: np.ndarray, y: np.ndarray, k: int):
    """Sparse binary weights: each area's k nearest other areas (by centroid), itself included.
    Not symmetric: i may be among j's neighbours without the reverse."""
    from scipy.sparse import csr_matrix
    from scipy.spatial import cKDTree

    n = len(x)
    if k < 1 or k >= n:
        raise GiError(f"k must be between 1 and the number of areas minus one ({n - 1})")
    points = np.column_stack([x, y])
    _, neighbours = cKDTree(points).query(points, k=k + 1)
    rows = np.repeat(np.arange(n), k + 1)
    cols = neighbours.ravel()
    w = csr_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n))
    w.data[:] = 1.0  # a duplicate point listed twice still counts once
    w.setdiag(1.0)
    w.eliminate_zeros()
    return w


def gi_star_weights(values: np.ndarray, weights) -> tuple[np.ndarray, np.ndarray]:
    """Gi* z per area with a sparse weights matrix that includes the diagonal. (z, W_i)."""
    v = np.asarray(values, dtype=np.float64).ravel()
    if weights.shape != (v.size, v.size):
        raise GiError("the weights matrix does not match the number of areas")
    lag = weights @ v
    weight_sum = np.asarray(weights.sum(axis=1)).ravel()
    square_sum = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    return _gi_from_sums(lag, weight_sum, square_sum, v), weight_sum


def p_values(z: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr  # here, not at import: the provider loads every algorithm

    return 2.0 * ndtr(-np.abs(np.asarray(z, dtype=np.float64)))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """BH-adjusted p-values (q-values), same shape as ``p``."""
    flat = np.asarray(p, dtype=np.float64).ravel()
    m = flat.size
    if m == 0:
        return flat.reshape(np.shape(p))
    order = np.argsort(flat, kind="stable")
    ranked = flat[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out.reshape(np.shape(p))


def classify(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    """-3..3: sign of z times the highest confidence level the p-value reaches."""
    level = np.zeros(np.shape(z), dtype=np.int8)
    for value, threshold in reversed(CONFIDENCE_LEVELS):  # 90 %, then 95 %, then 99 %
        level = np.where(np.asarray(p) <= threshold, value, level)
    return (np.sign(z) * level).astype(np.int8)


def gi_result(z: np.ndarray, neighbours: np.ndarray, fdr: bool) -> GiResult:
    p = p_values(z)
    if fdr:
        p = benjamini_hochberg(p)
    return GiResult(z, p, classify(z, p), neighbours)
