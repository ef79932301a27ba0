"""Kernel density estimation on a regular grid: fast (binned + FFT) and exact (direct sum).

Pure numpy, no QGIS. Conventions:

* Grids are north-up; row 0 is the top. Cell (row i, col j) has its centre at
  ``(x0 + (j + 0.5) * cell, y_top - (i + 0.5) * cell)`` and the density is evaluated there.
* ``bandwidth`` is the kernel radius (support) for the compact kernels, as in QGIS's Heatmap;
  for the normal kernel it is the standard deviation and the kernel is truncated at 4 sigma
  (and renormalised, so it still integrates to 1).
* Scaled output: each kernel integrates to exactly 1 over the plane (unlike QGIS 3.22's quartic,
  which integrates to 7.25), so the surface is a density in points per map unit squared; the
  callers convert that to counts per km^2 or per cell. Raw output: the kernel's shape only,
  peaking at 1 for each point (QGIS's "raw").
* Fast mode: linear binning of the points onto the cell centres, then an FFT convolution with
  the kernel sampled on the grid, strip by strip (``BinnedGrid``: memory bounded by a strip,
  not the grid or the points); cost ~ N + G log G. The binning error is at most about
  2*(cell/bandwidth)^2 of the peak, so below ``MIN_BANDWIDTH_CELLS`` cells per bandwidth the
  grid is refined internally by an odd factor and sampled back at the requested centres.
* Exact mode: the direct sum of every point's kernel at every cell centre within reach.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

import numpy as np

MIN_BANDWIDTH_CELLS = 9.0
# Kernels with a jump (uniform; triangular with decay > 0) or a kink (epanechnikov, triangular)
# at the rim bin less accurately: they need more cells per bandwidth for fast mode to stay
# within 1% of exact mode's peak (measured on clustered synthetic and police.uk points).
_MIN_CELLS_KINK = 10.0
_MIN_CELLS_JUMP = 24.0
NORMAL_TRUNCATION = 4.0  # normal kernel support, in standard deviations
POINT_CHUNK = 1_000_000  # points processed per chunk, to bound memory
# relative to a transform's largest value: below this, fast-mode cells are set to exactly 0
# (double-precision round-off is ~1e-15 there)
FFT_NOISE = 1e-12
BIN_CHUNK = 32_768  # points binned per pass: bounds the temporaries to about 2 MB
SPACING_CHUNK = 1_024  # queries per pass when measuring the spacing of distinct locations
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
    if mode == "exact":
        return grid.nrows * grid.ncols * 8 * 2 + POINT_CHUNK * 8 * 8
    # the whole output grid, plus the strips' working memory
    return (grid.nrows * grid.ncols * 4
            + BinnedGrid.estimate_bytes(grid, params, refinement_factor(grid.cell, params)))


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

def fast_length(n: int) -> int:
    """The smallest 5-smooth number >= n: a transform length numpy's FFT handles quickly."""
    best = 1 << max(int(n - 1).bit_length(), 0)
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            value = power35
            while value < n:
                value *= 2
            best = min(best, value)
            power35 *= 3
        power5 *= 5
    return best


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
    return np.fft.rfft2(stencil, s=fft_shape)


# numpy >= 1.25 has a fast ufunc.at: scatter-add straight into the float32 grid with no
# grid-sized temporaries. Older numpy (some QGIS installs) is 10x slower there: use bincount.
_FAST_UFUNC_AT = tuple(int(p) for p in np.__version__.split(".")[:2]) >= (1, 25)


def _scatter_add(flat: np.ndarray, index: np.ndarray, values: np.ndarray) -> None:
    if _FAST_UFUNC_AT:
        np.add.at(flat, index, values.astype(flat.dtype, copy=False))
    else:
        flat += np.bincount(index, weights=values, minlength=flat.size).astype(flat.dtype)


class BinnedGrid:
    """Fast mode in bounded memory: points are binned batch by batch as they are read, and the
    surface comes out strip by strip, so neither the points nor the whole grid is ever held.

    ``add`` works out each point's four nearest cell centres (linear binning) on the grid plus
    a margin of ``pad`` cells, so points just outside still reach the edge cells, and appends
    that record (cell, fractions, weight: 12 bytes, 16 weighted) to a temporary file, grouped
    by the band of rows it lands in. ``strips`` then walks down the grid: it bins the records
    of the rows the next strip needs into a rolling buffer one strip and two kernel reaches
    tall, convolves the buffer with the kernel in tiles (overlap-save FFTs of a fixed size,
    which stay in cache) and yields the strip. Peak memory is the buffer, one tile's
    transforms and one strip, whatever the number of points or the height of the grid.

    The transforms run in numpy's FFT (double precision, so no round-off to clean up beyond
    1e-12 of the peak): scipy.fft is faster, but its libraries alone would cost 9 MiB, the
    whole of SCRIBE's margin under QGIS's own Heatmap (see scripts/bench_kde.py)."""

    # Transforms 128 cells tall (a strip and its two reaches) by 384 wide: about as fast as
    # square ones of 256 (fewer, wider tiles per strip), and the strip's buffers take half the
    # memory (5 MiB less peak for a 2000-cell-wide grid)
    TILE_SIDE = 384  # target transform width (cells); larger kernels get larger tiles
    STRIP_WINDOW = 128  # target transform height
    SPILL_DTYPE = np.dtype([("cell", "<u4"), ("fx", "<f4"), ("fy", "<f4")])
    SPILL_DTYPE_WEIGHTED = np.dtype([("cell", "<u4"), ("fx", "<f4"), ("fy", "<f4"),
                                     ("w", "<f4")])

    def __init__(self, grid: GridSpec, params: KdeParams, refine: int = 1):
        params.validate()
        # refine > 1 (odd): bin and convolve on a grid refine x finer, sample back at the
        # requested centres (see refinement_factor)
        self.refine = refine
        self.output_grid = grid
        self.params = params
        self.grid, self.reach, self.strip, self.tile_cols, self.fft_shape, self.held_rows = (
            self._layout(grid, params, refine))
        self.pad = self.reach + 1
        self.rows = self.grid.nrows + 2 * self.pad
        self.cols = self.grid.ncols + 2 * self.pad
        if self.held_rows * self.cols >= 2**32:
            raise KdeError(f"the grid is too wide ({self.grid.ncols} cells) for the fast method: "
                           "use a larger cell size or a smaller extent")
        self.points = 0  # points added inside the binning margin
        self._weighted: bool | None = None
        self._spill = None  # temporary file of binned records, made on the first add
        self._segments: dict[int, list[tuple[int, int]]] = {}  # band -> [(offset, count)]
        self._spill_end = 0

    @classmethod
    def _layout(cls, grid: GridSpec, params: KdeParams, refine: int
                ) -> tuple[GridSpec, int, int, int, tuple[int, int], int]:
        """(grid binned on, kernel reach in its cells, strip rows, tile columns, transform
        shape, rows held).

        Strips are a whole number of output rows, and those a multiple of 16 (the GeoTIFF's
        tile height), no larger than the grid needs; tiles are as wide as ``TILE_SIDE``
        allows. A transform covers a tile and its margin of two reaches each way; the kernel
        is at most a third of it, so the margin never costs more than the tile. The rolling
        buffer holds the strip's window (strip + 2 * reach rows, starting one row down) and
        the row below it, where the points of the window's last row put their lower share."""
        fine = grid.refined(refine) if refine > 1 else grid
        reach = int(math.ceil(params.support / fine.cell))
        step = 16 * refine

        def useful(target: int, cells: int) -> int:
            span = max(target, 6 * reach) - 2 * reach
            return min(max(step, span // step * step), -(-cells // step) * step)

        strip, tile_cols = useful(cls.STRIP_WINDOW, fine.nrows), useful(cls.TILE_SIDE, fine.ncols)
        shape = (fast_length(strip + 2 * reach), fast_length(tile_cols + 2 * reach))
        return fine, reach, strip, tile_cols, shape, strip + 2 * reach + 2

    @classmethod
    def estimate_bytes(cls, grid: GridSpec, params: KdeParams, refine: int = 1) -> int:
        """Working memory of ``strips``, computed before anything is allocated: the rolling
        buffer, one tile's transforms (double precision, three at a time) and the kernel's
        spectrum, one output strip, and a chunk's binning temporaries."""
        fine, reach, strip, _, (height, width), held_rows = cls._layout(grid, params, refine)
        cols = fine.ncols + 2 * reach + 2
        transforms = 4 * height * (width // 2 + 1) * 16
        return (held_rows * cols * 4 + transforms + strip // refine * grid.ncols * 4
                + BIN_CHUNK * 64)

    def _band(self, i0: np.ndarray) -> np.ndarray:
        """The strip whose step bins a point whose upper-left cell is in binned row ``i0``:
        step t holds binned rows [t*strip, t*strip + held_rows) and adds the points of rows
        not yet binned, [t*strip + 2*reach + 1, (t+1)*strip + 2*reach + 1)."""
        return np.maximum((i0 - (2 * self.reach + 1)) // self.strip, 0)

    def add(self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None,
            progress: Callable[[int], bool] | None = None) -> None:
        """Bin points (finite coordinates, weights >= 0); ``progress(points done)`` may
        return False to cancel."""
        if self._weighted is None:
            self._weighted = w is not None
        elif self._weighted != (w is not None):
            raise KdeError("every batch must have weights, or none")
        grid, pad = self.grid, self.pad
        n = x.size
        for start in range(0, n, BIN_CHUNK):
            stop = min(start + BIN_CHUNK, n)
            gx = (x[start:stop] - grid.x0) / grid.cell - 0.5 + pad
            gy = (grid.y_top - y[start:stop]) / grid.cell - 0.5 + pad
            j0 = np.floor(gx)
            i0 = np.floor(gy)
            keep = (j0 >= 0) & (j0 <= self.cols - 2) & (i0 >= 0) & (i0 <= self.rows - 2)
            wt = w[start:stop] if w is not None else None
            if not keep.all():
                gx, gy, j0, i0 = gx[keep], gy[keep], j0[keep], i0[keep]
                wt = wt[keep] if wt is not None else None
            if i0.size:
                self._spill_records(gx, gy, j0.astype(np.int64), i0.astype(np.int64), wt)
            if progress is not None and progress(stop) is False:
                raise KdeCancelled()

    def _spill_records(self, gx: np.ndarray, gy: np.ndarray, j0: np.ndarray, i0: np.ndarray,
                       wt: np.ndarray | None) -> None:
        """Append the points' records to the temporary file, grouped by band."""
        import tempfile

        band = self._band(i0)
        order = np.argsort(band, kind="stable")
        band = band[order]
        records = np.empty(order.size, self.SPILL_DTYPE_WEIGHTED if wt is not None
                           else self.SPILL_DTYPE)
        i0, j0 = i0[order], j0[order]
        # the cell index within the rolling buffer at the band's step
        records["cell"] = (i0 - band * self.strip) * self.cols + j0
        records["fx"] = gx[order] - j0
        records["fy"] = gy[order] - i0
        if wt is not None:
            records["w"] = wt[order]
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="scribe-kde-")
        self._spill.write(records.data)
        bands, first = np.unique(band, return_index=True)
        counts = np.diff(np.append(first, band.size))
        for b, start, count in zip(bands.tolist(), first.tolist(), counts.tolist()):
            self._segments.setdefault(b, []).append(
                (self._spill_end + start * records.itemsize, count))
        self._spill_end += records.nbytes
        self.points += int(order.size)

    def _bin_band(self, band: int, flat: np.ndarray) -> None:
        """Add one band's records (read back from the file) into the rolling buffer. A band
        is written as many small segments (one per batch of points): they are gathered into
        chunks of BIN_CHUNK records, so the scatter runs on full chunks."""
        dtype = self.SPILL_DTYPE_WEIGHTED if self._weighted else self.SPILL_DTYPE
        segments = self._segments.pop(band, ())
        total = sum(count for _, count in segments)
        if not total:
            return
        chunk = np.empty(min(BIN_CHUNK, total), dtype)
        filled = 0
        for offset, count in segments:
            self._spill.seek(offset)
            while count:
                take = min(count, chunk.size - filled)
                self._spill.readinto(chunk[filled:filled + take].data)
                filled += take
                count -= take
                if filled == chunk.size:
                    self._scatter_records(chunk, flat)
                    filled = 0
        if filled:
            self._scatter_records(chunk[:filled], flat)

    def _scatter_records(self, records: np.ndarray, flat: np.ndarray) -> None:
        """Linear binning: each record's weight shared among its four cells."""
        stride = self.cols
        base = records["cell"].astype(np.int64)
        fx, fy = records["fx"], records["fy"]
        ofx, ofy = 1.0 - fx, 1.0 - fy
        for shift, share in ((0, ofx * ofy), (1, fx * ofy), (stride, ofx * fy),
                             (stride + 1, fx * fy)):
            if self._weighted:
                share *= records["w"]
            _scatter_add(flat, base + shift if shift else base, share)

    def strips(self, progress: ProgressCallback | None = None
               ) -> Iterator[tuple[int, np.ndarray]]:
        """The density, strip by strip from the top: (first row, rows) on the requested grid,
        float32, empty cells exactly 0. Each strip is valid until the next is asked for (its
        memory is reused). Call once, after the last ``add``."""
        grid, reach, strip, tile_cols = self.grid, self.reach, self.strip, self.tile_cols
        shape = self.fft_shape
        nrows, ncols, cols, f = grid.nrows, grid.ncols, self.cols, self.refine
        half = f // 2
        spectrum = _kernel_spectrum(self.params, grid.cell, reach, shape)
        held = np.zeros((self.held_rows, cols), dtype=np.float32)
        flat = held.reshape(-1)
        out = np.empty((strip // f, self.output_grid.ncols), dtype=np.float32)
        steps = -(-nrows // strip)
        try:
            if self._spill is not None:
                self._spill.flush()
            for step in range(steps):
                if step:  # roll: the rows below this strip's first become the top
                    keep = self.held_rows - strip
                    held[:keep] = held[strip:strip + keep]
                    held[keep:] = 0.0
                self._bin_band(step, flat)
                first = step * strip
                rows = min(strip, nrows - first)
                out_rows = -(-rows // f)  # the output rows among them (rows of the refined grid)
                for c0 in range(0, ncols, tile_cols):
                    width = min(tile_cols, ncols - c0)
                    # Overlap-save: the window starts one row and one column into the margin;
                    # output row i / column j of the tile is at index i + 2*reach /
                    # j + 2*reach of the circular convolution, free of wrap-around.
                    window = held[1:1 + strip + 2 * reach,
                                  c0 + 1:c0 + 1 + tile_cols + 2 * reach]
                    data = np.fft.rfft2(window, s=shape)
                    data *= spectrum
                    full = np.fft.irfft2(data, s=shape)
                    data = None
                    tile = full[2 * reach:2 * reach + rows, 2 * reach:2 * reach + width]
                    # round-off of the transforms: ~1e-15 of their largest value
                    tile[tile < FFT_NOISE * full.max()] = 0.0
                    out[:out_rows, c0 // f:-(-(c0 + width) // f)] = tile[half::f, half::f]
                    full = tile = None
                yield first // f, out[:out_rows]
                if progress is not None and progress((step + 1) / steps) is False:
                    raise KdeCancelled()
        finally:
            self.close()

    def surface(self, progress: ProgressCallback | None = None) -> np.ndarray:
        """The whole density grid (rows top-down), float32."""
        surface = np.empty(self.output_grid.shape, dtype=np.float32)
        for first, rows in self.strips(progress):
            surface[first:first + rows.shape[0]] = rows
        return surface

    def close(self) -> None:
        """Delete the temporary file (``strips`` does so when it ends)."""
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        self._segments = {}


def can_bin_in_batches(params: KdeParams, mode: str) -> bool:
    """True when the surface can be made from points binned batch by batch (``batch_binner``):
    fast mode with a smooth kernel. Exact mode, and fast mode for kernels with a rim (summed
    exactly over distinct locations when that is cheap), need all the points at once."""
    return mode == "fast" and _is_smooth(params)


def batch_binner(grid: GridSpec, params: KdeParams,
                 memory_limit_bytes: int | None = None) -> BinnedGrid:
    """An empty BinnedGrid for fast mode on ``grid`` (refined internally when the bandwidth
    spans too few cells), for a surface written strip by strip; refused before allocating
    when its working memory would not fit in the limit."""
    params.validate()
    refine = refinement_factor(grid.cell, params)
    if memory_limit_bytes is not None:
        _refuse_if_over(grid, BinnedGrid.estimate_bytes(grid, params, refine),
                        memory_limit_bytes)
    return BinnedGrid(grid, params, refine)


def _check_memory(grid: GridSpec, params: KdeParams, mode: str, limit: int | None) -> None:
    if limit is not None:
        _refuse_if_over(grid, estimate_memory_bytes(grid, params, mode), limit)


def _refuse_if_over(grid: GridSpec, need: int, limit: int) -> None:
    if need > limit:
        raise KdeError(
            f"the grid ({grid.ncols} x {grid.nrows} cells) needs about {need / 2**30:.1f} GiB, "
            f"more than the {limit / 2**30:.1f} GiB allowed: use a larger cell "
            "size or a smaller extent")


def _kde_fast(x: np.ndarray, y: np.ndarray, w: np.ndarray | None, grid: GridSpec,
              params: KdeParams, progress: ProgressCallback | None) -> np.ndarray:
    binned = batch_binner(grid, params)
    n = max(x.size, 1)
    try:
        binned.add(x, y, w, None if progress is None else lambda done: progress(0.5 * done / n))
        return binned.surface(None if progress is None else lambda f: progress(0.5 + 0.45 * f))
    finally:
        binned.close()


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
    _check_memory(grid, params, mode, memory_limit_bytes)
    if x.size == 0:
        return np.zeros(grid.shape, dtype=np.float64)
    if mode == "exact":
        ux, uy, uw = merge_duplicate_locations(x, y, weights)
        return _kde_exact(ux, uy, uw, grid, params, progress)
    if not _is_smooth(params):
        ux, uy, uw = merge_duplicate_locations(x, y, weights)
        if _exact_cost(ux.size, grid, params) <= EXACT_BUDGET:
            return _kde_exact(ux, uy, uw, grid, params, progress)
    return _kde_fast(x, y, weights, grid, params, progress)


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
    pts = np.unique(np.column_stack([x, y]), axis=0)
    if len(pts) < 2:
        return 0.0
    queries = np.arange(len(pts))
    if len(pts) > sample:
        queries = np.sort(np.random.default_rng(seed).choice(len(pts), sample, replace=False))
    return _median_nearest_distance(pts, queries)


def _median_nearest_distance(pts: np.ndarray, queries: np.ndarray) -> float:
    """Median over ``queries`` (indices into the distinct points ``pts``) of the distance to
    the nearest other point, exactly, in numpy alone (scipy.spatial would cost the KDE's
    memory budget ~8 MB of libraries for a warning).

    Points go into square buckets of side b: any point within b of a query lies in the 3 x 3
    buckets around it, so a nearest distance found <= b is exact and none found means it is
    > b. Once more than half the queries are exact the median is known; otherwise b doubles."""
    xmin, ymin = pts.min(axis=0)
    width, height = np.ptp(pts, axis=0)
    side = math.sqrt(width * height / len(pts)) if width > 0 and height > 0 else (
        max(width, height) / len(pts))
    n = queries.size
    while True:
        # bucket key = column * rows + row, with a ring of empty buckets around the points
        rows_per_col = int(height // side) + 3
        keys = ((np.floor((pts[:, 0] - xmin) / side).astype(np.int64) + 1) * rows_per_col
                + np.floor((pts[:, 1] - ymin) / side).astype(np.int64) + 1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        best = np.full(n, np.inf)
        for first in range(0, n, SPACING_CHUNK):  # bounds the candidate pairs held at once
            part = slice(first, min(first + SPACING_CHUNK, n))
            _nearest_in_buckets(pts, queries[part], keys, order, sorted_keys, rows_per_col,
                                best[part])
        best[best > side] = np.inf  # beyond the buckets searched: only a lower bound
        exact = int(np.isfinite(best).sum())
        if 2 * exact > n + 1:  # both middle values are exact
            return float(np.median(best))
        side *= 2.0


def _nearest_in_buckets(pts: np.ndarray, queries: np.ndarray, keys: np.ndarray,
                        order: np.ndarray, sorted_keys: np.ndarray, rows_per_col: int,
                        best: np.ndarray) -> None:
    """Lower ``best`` to each query's distance to the nearest other point in the 3 x 3
    buckets around it."""
    n = queries.size
    for dk in (-rows_per_col - 1, -rows_per_col, -rows_per_col + 1, -1, 0, 1,
               rows_per_col - 1, rows_per_col, rows_per_col + 1):
        target = keys[queries] + dk
        lo = np.searchsorted(sorted_keys, target, side="left")
        counts = np.searchsorted(sorted_keys, target, side="right") - lo
        total = int(counts.sum())
        if total == 0:
            continue
        owner = np.repeat(np.arange(n), counts)
        # positions lo[q], lo[q]+1, ..., hi[q]-1 for each query q, flattened
        starts = np.repeat(lo - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        other = order[starts + np.arange(total)]
        mine = queries[owner]
        d = np.hypot(pts[other, 0] - pts[mine, 0], pts[other, 1] - pts[mine, 1])
        d[other == mine] = np.inf  # not itself
        np.minimum.at(best, owner, d)


class SpacingSample:
    """Every k-th point of a stream, for ``typical_location_spacing`` without holding all the
    points: k from the expected count (about ``size`` points kept); when the count is unknown
    or exceeded, every other kept point is dropped and k doubled as the sample fills."""

    def __init__(self, expected: int, size: int = 20_000):
        self.size = size
        self.step = max(1, expected // size)
        self.seen = 0
        self.xs: list[np.ndarray] = []
        self.ys: list[np.ndarray] = []
        self.kept = 0

    def add(self, x: np.ndarray, y: np.ndarray) -> None:
        first = (-self.seen) % self.step  # index in this batch of the next k-th point
        self.xs.append(x[first::self.step].copy())
        self.ys.append(y[first::self.step].copy())
        self.kept += self.xs[-1].size
        self.seen += x.size
        if self.kept > 2 * self.size:
            x_all, y_all = self.arrays()
            # kept points sit at indices 0, k, 2k, ...: keeping every other one leaves
            # 0, 2k, 4k, ..., and the next batch continues at multiples of 2k
            self.xs, self.ys = [x_all[::2].copy()], [y_all[::2].copy()]
            self.kept = self.xs[0].size
            self.step *= 2

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.xs:
            return np.empty(0), np.empty(0)
        return np.concatenate(self.xs), np.concatenate(self.ys)


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
