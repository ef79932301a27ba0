"""Kernel density estimation on a regular grid: fast (binned + FFT) and exact (direct sum).

Pure numpy/scipy, no QGIS. Conventions:

* Grids are north-up; row 0 is the top. Cell (row i, col j) has its centre at
  ``(x0 + (j + 0.5) * cell, y_top - (i + 0.5) * cell)`` and the density is evaluated there.
* ``bandwidth`` is the kernel radius (support) for the compact kernels, as in QGIS's Heatmap;
  for the normal kernel it is the standard deviation and the kernel is truncated at 4 sigma
  (and renormalised, so it still integrates to 1).
* Scaled output: each kernel integrates to exactly 1 over the plane (unlike QGIS 3.22's quartic,
  which integrates to 7.25), so the surface is a density in points per map unit squared; the
  callers convert that to counts per km^2 or per cell. Raw output: the kernel's shape only,
  peaking at 1 for each point (QGIS's "raw").
* Fast mode: linear binning of the points onto the cell centres, then one FFT convolution with
  the kernel sampled on the grid; cost ~ N + G log G. The binning error is at most about
  2*(cell/bandwidth)^2 of the peak, so below ``MIN_BANDWIDTH_CELLS`` cells per bandwidth the
  grid is refined internally by an odd factor and sampled back at the requested centres.
* Exact mode: the direct sum of every point's kernel at every cell centre within reach.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np
from scipy import fft as sp_fft

MIN_BANDWIDTH_CELLS = 9.0
# Kernels with a jump (uniform; triangular with decay > 0) or a kink (epanechnikov, triangular)
# at the rim bin less accurately: they need more cells per bandwidth for fast mode to stay
# within 1% of exact mode's peak (measured on clustered synthetic and police.uk points).
_MIN_CELLS_KINK = 10.0
_MIN_CELLS_JUMP = 24.0
NORMAL_TRUNCATION = 4.0  # normal kernel support, in standard deviations
POINT_CHUNK = 1_000_000  # points processed per chunk, to bound memory
FFT_NOISE = 1e-6  # relative to the peak: below this, fast-mode cells are set to exactly 0
BIN_CHUNK = 262_144  # points binned per pass: bounds the temporaries to a few MB
# Kernels with a kink or jump at the rim are summed exactly over distinct locations in fast
# mode when that costs at most this many kernel evaluations (police.uk data stacks many
# incidents on few snap points, where binning errors would not average out).
EXACT_BUDGET = 150_000_000

ProgressCallback = Callable[[float], bool]  # fraction done -> False to cancel


class KdeCancelled(Exception):
    """The caller asked to stop; nothing was produced."""


class KdeError(ValueError):
    """The inputs cannot produce a surface; the message says why and what to change."""


class Kernel(str, Enum):
    QUARTIC = "quartic"
    TRIANGULAR = "triangular"
    UNIFORM = "uniform"
    TRIWEIGHT = "triweight"
    EPANECHNIKOV = "epanechnikov"
    NORMAL = "normal"


# Order matches QGIS's Heatmap KERNEL enum (0..4), then SCRIBE's additions.
KERNEL_ORDER = [Kernel.QUARTIC, Kernel.TRIANGULAR, Kernel.UNIFORM, Kernel.TRIWEIGHT,
                Kernel.EPANECHNIKOV, Kernel.NORMAL]


@dataclass(frozen=True)
class GridSpec:
    """A north-up raster grid: top-left corner, square cell size, shape."""

    x0: float
    y_top: float
    cell: float
    ncols: int
    nrows: int

    @property
    def shape(self) -> tuple[int, int]:
        return (self.nrows, self.ncols)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of the whole raster."""
        return (self.x0, self.y_top - self.nrows * self.cell,
                self.x0 + self.ncols * self.cell, self.y_top)

    @property
    def geotransform(self) -> tuple[float, float, float, float, float, float]:
        return (self.x0, self.cell, 0.0, self.y_top, 0.0, -self.cell)

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        xs = self.x0 + (np.arange(self.ncols) + 0.5) * self.cell
        ys = self.y_top - (np.arange(self.nrows) + 0.5) * self.cell
        return xs, ys

    def refined(self, factor: int) -> GridSpec:
        """The same area split into factor x factor sub-cells (factor odd: centres coincide)."""
        return GridSpec(self.x0, self.y_top, self.cell / factor, self.ncols * factor,
                        self.nrows * factor)

    @classmethod
    def qgis_heatmap(cls, extent: tuple[float, float, float, float], radius: float,
                     cell: float) -> GridSpec:
        """The grid QGIS's Heatmap uses: layer extent grown by the radius, origin top-left,
        ceil(size / cell) + 1 cells each way."""
        xmin, ymin, xmax, ymax = extent
        xmin, ymin, xmax, ymax = xmin - radius, ymin - radius, xmax + radius, ymax + radius
        nrows = max(int(math.ceil((ymax - ymin) / cell)) + 1, 1)
        ncols = max(int(math.ceil((xmax - xmin) / cell)) + 1, 1)
        return cls(xmin, ymax, cell, ncols, nrows)

    @classmethod
    def aligned(cls, extent: tuple[float, float, float, float], cell: float,
                origin: tuple[float, float] | None = None) -> GridSpec:
        """A grid covering ``extent`` whose cell edges fall on ``origin`` + k * cell, so that
        surfaces for different periods (same origin and cell) line up cell for cell."""
        xmin, ymin, xmax, ymax = extent
        if origin is not None:
            ox, oy = origin
            xmin = ox + math.floor((xmin - ox) / cell) * cell
            ymax = oy + math.ceil((ymax - oy) / cell) * cell
        ncols = max(int(math.ceil((xmax - xmin) / cell - 1e-9)), 1)
        nrows = max(int(math.ceil((ymax - ymin) / cell - 1e-9)), 1)
        return cls(xmin, ymax, cell, ncols, nrows)


# -- kernels -----------------------------------------------------------------------------------

def support_radius(kernel: Kernel, bandwidth: float) -> float:
    return bandwidth * NORMAL_TRUNCATION if kernel == Kernel.NORMAL else bandwidth


def kernel_shape(kernel: Kernel, distance: np.ndarray, bandwidth: float,
                 decay: float = 0.0) -> np.ndarray:
    """The raw kernel (peak 1 at distance 0), zero beyond the support."""
    u = np.asarray(distance, dtype=np.float64) / bandwidth
    if kernel == Kernel.NORMAL:
        inside = u <= NORMAL_TRUNCATION
        return np.where(inside, np.exp(-0.5 * u * u), 0.0)
    inside = u <= 1.0
    if kernel == Kernel.QUARTIC:
        value = (1.0 - u * u) ** 2
    elif kernel == Kernel.TRIWEIGHT:
        value = (1.0 - u * u) ** 3
    elif kernel == Kernel.EPANECHNIKOV:
        value = 1.0 - u * u
    elif kernel == Kernel.UNIFORM:
        value = np.ones_like(u)
    elif kernel == Kernel.TRIANGULAR:
        value = 1.0 - (1.0 - decay) * u
    else:  # pragma: no cover - Enum is closed
        raise KdeError(f"unknown kernel {kernel!r}")
    return np.where(inside, value, 0.0)


def kernel_normaliser(kernel: Kernel, bandwidth: float, decay: float = 0.0) -> float:
    """The constant k that makes k * kernel_shape integrate to 1 over the plane."""
    h2 = bandwidth * bandwidth
    if kernel == Kernel.QUARTIC:
        return 3.0 / (math.pi * h2)
    if kernel == Kernel.TRIWEIGHT:
        return 4.0 / (math.pi * h2)
    if kernel == Kernel.EPANECHNIKOV:
        return 2.0 / (math.pi * h2)
    if kernel == Kernel.UNIFORM:
        return 1.0 / (math.pi * h2)
    if kernel == Kernel.TRIANGULAR:
        if 1.0 + 2.0 * decay <= 0:
            raise KdeError("a scaled triangular kernel needs decay > -0.5 (it would not "
                           "integrate to a positive mass); use raw output or a larger decay")
        return 3.0 / ((1.0 + 2.0 * decay) * math.pi * h2)
    if kernel == Kernel.NORMAL:
        return 1.0 / (2.0 * math.pi * h2 * (1.0 - math.exp(-0.5 * NORMAL_TRUNCATION ** 2)))
    raise KdeError(f"unknown kernel {kernel!r}")  # pragma: no cover


@dataclass(frozen=True)
class KdeParams:
    bandwidth: float
    kernel: Kernel = Kernel.QUARTIC
    decay: float = 0.0
    scaled: bool = True  # False: QGIS "raw" (kernel shape only)

    def validate(self) -> None:
        if not (self.bandwidth > 0 and math.isfinite(self.bandwidth)):
            raise KdeError(f"bandwidth must be a positive number (got {self.bandwidth})")
        if self.kernel == Kernel.TRIANGULAR and not -100.0 <= self.decay <= 1.0:
            raise KdeError(f"decay must be between -100 and 1 (got {self.decay})")

    @property
    def support(self) -> float:
        return support_radius(self.kernel, self.bandwidth)

    def value(self, distance: np.ndarray) -> np.ndarray:
        shape = kernel_shape(self.kernel, distance, self.bandwidth, self.decay)
        if self.scaled:
            return shape * kernel_normaliser(self.kernel, self.bandwidth, self.decay)
        return shape


# -- input checks ------------------------------------------------------------------------------

def _clean_inputs(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    x = np.asarray(x, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    if x.shape != y.shape:
        raise KdeError("x and y must have the same length")
    if weights is not None:
        weights = np.asarray(weights, dtype=np.float64).ravel()
        if weights.shape != x.shape:
            raise KdeError("weights must have one value per point")
        if np.any(weights < 0) or not np.all(np.isfinite(weights)):
            raise KdeError("weights must be finite and not negative")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise KdeError("point coordinates must be finite (drop NULL geometries first)")
    return x, y, weights


def estimate_memory_bytes(grid: GridSpec, params: KdeParams, mode: str = "fast") -> int:
    """Peak working memory of ``kde`` for this grid, estimated before anything is allocated."""
    factor = refinement_factor(grid.cell, params)
    reach = int(math.ceil(params.support / (grid.cell / factor))) + 1
    rows = grid.nrows * factor + 4 * reach
    cols = grid.ncols * factor + 4 * reach
    if mode == "exact":
        return grid.nrows * grid.ncols * 8 * 2 + POINT_CHUNK * 8 * 8
    # binned grid + real FFT input + two complex spectra + output, float64
    return rows * cols * 8 * 5 + POINT_CHUNK * 8 * 6


def _is_smooth(params: KdeParams) -> bool:
    """Kernels whose binning error shrinks with (cell/bandwidth)^2 (no kink or jump)."""
    return params.kernel in (Kernel.QUARTIC, Kernel.TRIWEIGHT, Kernel.NORMAL)


def min_bandwidth_cells(params: KdeParams) -> float:
    """Cells per bandwidth below which fast mode refines its grid internally."""
    if params.kernel == Kernel.UNIFORM or (params.kernel == Kernel.TRIANGULAR
                                           and params.decay != 0):
        return _MIN_CELLS_JUMP
    if params.kernel in (Kernel.EPANECHNIKOV, Kernel.TRIANGULAR):
        return _MIN_CELLS_KINK
    return MIN_BANDWIDTH_CELLS


def refinement_factor(cell: float, params: KdeParams) -> int:
    """Smallest odd factor that puts enough cells in one bandwidth for fast mode to stay within
    1% of exact mode's peak (MIN_BANDWIDTH_CELLS; more for kernels with a rim)."""
    ratio = params.bandwidth / cell
    needed = min_bandwidth_cells(params)
    if ratio >= needed:
        return 1
    factor = int(math.ceil(needed / ratio))
    return factor if factor % 2 == 1 else factor + 1


# -- fast mode ---------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def _kernel_spectrum(params: KdeParams, cell: float, reach: int,
                     fft_shape: tuple[int, int]) -> np.ndarray:
    """rfft2 of the kernel sampled at integer cell offsets; cached for repeated runs
    (time slices, dual KDE) on the same grid."""
    offsets = np.arange(-reach, reach + 1) * cell
    dist = np.hypot(offsets[:, None], offsets[None, :])
    stencil = params.value(dist)
    # Make the stencil's Riemann sum equal the kernel's analytic integral, so the surface's
    # total mass is exact (sampling a disc on a grid otherwise gains or loses up to a few %).
    integral = (1.0 if params.scaled else
                1.0 / kernel_normaliser(params.kernel, params.bandwidth, params.decay))
    discrete = stencil.sum() * cell * cell
    if discrete > 0:
        stencil *= integral / discrete
    # float32 transforms: half the time and memory; round-off ~1e-6 of the peak, far inside
    # the binning error budget
    return sp_fft.rfft2(stencil.astype(np.float32), s=fft_shape, workers=-1)


# numpy >= 1.25 has a fast ufunc.at: scatter-add straight into the float32 FFT buffer with no
# grid-sized temporaries. Older numpy (some QGIS installs) is 10x slower there: use bincount.
_FAST_UFUNC_AT = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (1, 25)


def _scatter_add(flat: np.ndarray, index: np.ndarray, values: np.ndarray) -> None:
    if _FAST_UFUNC_AT:
        np.add.at(flat, index, values.astype(flat.dtype, copy=False))
    else:
        flat += np.bincount(index, weights=values, minlength=flat.size).astype(flat.dtype)


def _linear_bin_into(buffer: np.ndarray, x: np.ndarray, y: np.ndarray, w: np.ndarray | None,
                     grid: GridSpec, pad: int, progress: ProgressCallback | None) -> None:
    """Spread each point's weight over its four nearest cell centres (bilinear weights), adding
    into the top-left (grid + ``pad`` cells each side) of ``buffer``: points just outside the
    grid still reach its edge cells. ``buffer`` is the zero-padded FFT input."""
    rows, cols = grid.nrows + 2 * pad, grid.ncols + 2 * pad
    stride = buffer.shape[1]
    flat = buffer.reshape(-1)
    n = x.size
    for start in range(0, n, BIN_CHUNK):
        stop = min(start + BIN_CHUNK, n)
        gx = (x[start:stop] - grid.x0) / grid.cell - 0.5 + pad
        gy = (grid.y_top - y[start:stop]) / grid.cell - 0.5 + pad
        j0 = np.floor(gx)
        i0 = np.floor(gy)
        keep = (j0 >= 0) & (j0 <= cols - 2) & (i0 >= 0) & (i0 <= rows - 2)
        fx = gx - j0
        fy = gy - i0
        wt = w[start:stop] if w is not None else None
        if not keep.all():
            j0, i0, fx, fy = j0[keep], i0[keep], fx[keep], fy[keep]
            wt = wt[keep] if wt is not None else None
        base = i0.astype(np.int64) * stride + j0.astype(np.int64)
        gx = gy = i0 = j0 = keep = None
        ofx, ofy = 1.0 - fx, 1.0 - fy
        for shift, share in ((0, ofx * ofy), (1, fx * ofy), (stride, ofx * fy),
                             (stride + 1, fx * fy)):
            if wt is not None:
                share *= wt
            _scatter_add(flat, base + shift if shift else base, share)
        if progress is not None and progress(0.5 * stop / max(n, 1)) is False:
            raise KdeCancelled()


def _kde_fast(x: np.ndarray, y: np.ndarray, w: np.ndarray | None, grid: GridSpec,
              params: KdeParams, progress: ProgressCallback | None) -> np.ndarray:
    reach = int(math.ceil(params.support / grid.cell))
    pad = reach + 1
    fft_shape = (sp_fft.next_fast_len(grid.nrows + 2 * pad + 2 * reach, real=True),
                 sp_fft.next_fast_len(grid.ncols + 2 * pad + 2 * reach, real=True))
    # Bin straight into the zero-padded float32 FFT input: no float64 grid, no padding copy.
    buffer = np.zeros(fft_shape, dtype=np.float32)
    _linear_bin_into(buffer, x, y, w, grid, pad, progress)
    spectrum = _kernel_spectrum(params, grid.cell, reach, fft_shape)
    if progress is not None and progress(0.6) is False:
        raise KdeCancelled()
    data_spectrum = sp_fft.rfft2(buffer, workers=-1)
    buffer = None
    data_spectrum *= spectrum
    full = sp_fft.irfft2(data_spectrum, s=fft_shape, workers=-1)
    data_spectrum = None
    if progress is not None and progress(0.9) is False:
        raise KdeCancelled()
    top = pad + reach
    surface = full[top:top + grid.nrows, top:top + grid.ncols]  # a view: no copy
    # FFT round-off leaves noise of ~1e-7 of the peak where the density is exactly zero.
    np.maximum(surface, 0.0, out=surface)
    tiny = FFT_NOISE * (surface.max() if surface.size else 0.0)
    surface[surface < tiny] = 0.0
    return surface


# -- exact mode --------------------------------------------------------------------------------

def merge_duplicate_locations(x: np.ndarray, y: np.ndarray, w: np.ndarray | None
                              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (x, y) with their summed weights: the same density, fewer kernel sums."""
    xy = np.column_stack([x, y])
    unique, inverse = np.unique(xy, axis=0, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=w, minlength=len(unique))
    return unique[:, 0].copy(), unique[:, 1].copy(), summed


def _exact_cost(n_points: int, grid: GridSpec, params: KdeParams) -> int:
    reach = int(math.ceil(params.support / grid.cell)) + 1
    return n_points * (2 * reach + 1) ** 2


def _kde_exact(x: np.ndarray, y: np.ndarray, w: np.ndarray | None, grid: GridSpec,
               params: KdeParams, progress: ProgressCallback | None) -> np.ndarray:
    """Direct sum: every cell centre within the support of every point."""
    reach = int(math.ceil(params.support / grid.cell)) + 1
    out = np.zeros(grid.nrows * grid.ncols, dtype=np.float64)
    offsets = np.arange(-reach, reach + 1)
    n = x.size
    chunk = max(1, POINT_CHUNK // 8)
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        px, py = x[start:stop], y[start:stop]
        wt = w[start:stop] if w is not None else None
        col0 = np.floor((px - grid.x0) / grid.cell).astype(np.int64)
        row0 = np.floor((grid.y_top - py) / grid.cell).astype(np.int64)
        for di in offsets:
            rows = row0 + di
            cy = grid.y_top - (rows + 0.5) * grid.cell
            dy = cy - py
            row_ok = (rows >= 0) & (rows < grid.nrows) & (np.abs(dy) <= params.support)
            if not row_ok.any():
                continue
            for dj in offsets:
                cols = col0 + dj
                cx = grid.x0 + (cols + 0.5) * grid.cell
                dist = np.hypot(cx - px, dy)
                ok = row_ok & (cols >= 0) & (cols < grid.ncols) & (dist <= params.support)
                if not ok.any():
                    continue
                vals = params.value(dist[ok])
                if wt is not None:
                    vals = vals * wt[ok]
                out += np.bincount(rows[ok] * grid.ncols + cols[ok], weights=vals,
                                   minlength=out.size)
        if progress is not None and progress(stop / max(n, 1)) is False:
            raise KdeCancelled()
    return out.reshape(grid.shape)


# -- public entry point ------------------------------------------------------------------------

def kde(x: np.ndarray, y: np.ndarray, grid: GridSpec, params: KdeParams,
        weights: np.ndarray | None = None, mode: str = "fast",
        progress: ProgressCallback | None = None,
        memory_limit_bytes: int | None = None) -> np.ndarray:
    """Density surface (rows top-down) of the points on ``grid``: float32 in fast mode,
    float64 in exact mode.

    Scaled output is in points (or weight units) per map unit squared; multiply by 1e6 for
    per km^2 in metre CRSs, or by ``grid.cell ** 2`` for per cell. Empty cells are 0.
    """
    params.validate()
    x, y, weights = _clean_inputs(x, y, weights)
    if grid.cell <= 0 or grid.nrows < 1 or grid.ncols < 1:
        raise KdeError("the grid must have a positive cell size and at least one cell")
    if mode not in ("fast", "exact"):
        raise KdeError(f"mode must be 'fast' or 'exact' (got {mode!r})")
    if memory_limit_bytes is not None:
        need = estimate_memory_bytes(grid, params, mode)
        if need > memory_limit_bytes:
            raise KdeError(
                f"the grid ({grid.ncols} x {grid.nrows} cells) needs about {need / 2**30:.1f} GiB, "
                f"more than the {memory_limit_bytes / 2**30:.1f} GiB allowed: use a larger cell "
                "size or a smaller extent")
    if x.size == 0:
        return np.zeros(grid.shape, dtype=np.float64)
    if mode == "exact":
        ux, uy, uw = merge_duplicate_locations(x, y, weights)
        return _kde_exact(ux, uy, uw, grid, params, progress)
    if not _is_smooth(params):
        ux, uy, uw = merge_duplicate_locations(x, y, weights)
        if _exact_cost(ux.size, grid, params) <= EXACT_BUDGET:
            return _kde_exact(ux, uy, uw, grid, params, progress)
    factor = refinement_factor(grid.cell, params)
    if factor == 1:
        return _kde_fast(x, y, weights, grid, params, progress)
    fine = _kde_fast(x, y, weights, grid.refined(factor), params, progress)
    half = factor // 2
    return np.ascontiguousarray(fine[half::factor, half::factor])


# -- defaults a crime analyst expects ----------------------------------------------------------

def default_cell_size(extent: tuple[float, float, float, float]) -> float:
    """ArcGIS Pro's rule: the shorter side of the extent divided by 250."""
    xmin, ymin, xmax, ymax = extent
    shorter = min(xmax - xmin, ymax - ymin)
    if shorter <= 0:
        shorter = max(xmax - xmin, ymax - ymin)
    return shorter / 250.0 if shorter > 0 else 1.0


def default_bandwidth(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> float:
    """ArcGIS Pro's spatial variant of Silverman's rule:
    0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2, where SD is the standard distance and Dm the
    median distance to the (weighted) mean centre, n the number (or total weight) of points."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size == 0:
        raise KdeError("no points to derive a bandwidth from")
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=np.float64)
    total = w.sum()
    if total <= 0:
        raise KdeError("the weights sum to zero: nothing to estimate")
    mx, my = np.average(x, weights=w), np.average(y, weights=w)
    d2 = (x - mx) ** 2 + (y - my) ** 2
    sd = math.sqrt(np.average(d2, weights=w))
    dm = float(np.median(np.sqrt(d2)))
    spread = min(sd, math.sqrt(1.0 / math.log(2.0)) * dm)
    if spread <= 0:
        spread = max(sd, dm)
    if spread <= 0:
        raise KdeError("all points are identical: set the bandwidth yourself")
    return float(0.9 * spread * total ** -0.2)


def typical_location_spacing(x: np.ndarray, y: np.ndarray, sample: int = 20_000,
                             seed: int = 0) -> float:
    """Median distance from each distinct location to its nearest other distinct location.

    police.uk snaps every incident to an anonymous map point; a bandwidth below this spacing
    maps the anonymisation grid, not crime."""
    from scipy.spatial import cKDTree

    pts = np.unique(np.column_stack([x, y]), axis=0)
    if len(pts) < 2:
        return 0.0
    tree = cKDTree(pts)
    if len(pts) > sample:
        pts = pts[np.random.default_rng(seed).choice(len(pts), sample, replace=False)]
    dist, _ = tree.query(pts, k=2)
    return float(np.median(dist[:, 1]))


def hotspot_mask(surface: np.ndarray, method: str = "percentile", threshold: float = 95.0
                 ) -> np.ndarray:
    """Cells that are hot: above the given percentile of the non-zero cells, or above
    mean + k standard deviations of the non-zero cells (method 'stdev', threshold = k)."""
    values = surface[surface > 0]
    if values.size == 0:
        return np.zeros(surface.shape, dtype=bool)
    if method == "percentile":
        if not 0 < threshold < 100:
            raise KdeError("the percentile must be between 0 and 100")
        cut = float(np.percentile(values, threshold))
    elif method == "stdev":
        cut = float(values.mean() + threshold * values.std())
    else:
        raise KdeError(f"unknown hotspot method {method!r}")
    return surface > cut
