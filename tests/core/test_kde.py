"""core.analysis.kde: the fast (binned FFT) surface against the exact direct sum, the kernels'
normalisation, grids, defaults and edge cases. Pure numpy: no QGIS needed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scribe_plugin.core.analysis import kde as kde_module
from scribe_plugin.core.analysis.kde import (
    BinnedGrid,
    GridSpec,
    KdeCancelled,
    KdeError,
    KdeParams,
    Kernel,
    SpacingSample,
    default_bandwidth,
    default_cell_size,
    estimate_memory_bytes,
    hotspot_mask,
    kde,
    kernel_normaliser,
    kernel_shape,
    typical_location_spacing,
)

from ..conftest import POLICE_STREET
from ..data_helpers import police_points_bng

SMOOTH_KERNELS = [Kernel.QUARTIC, Kernel.TRIWEIGHT, Kernel.EPANECHNIKOV, Kernel.NORMAL,
                  Kernel.TRIANGULAR]


def brute_force(x, y, grid: GridSpec, params: KdeParams, weights=None) -> np.ndarray:
    """The textbook definition, cell by cell: sum of k * K(|centre - point| / h)."""
    xs, ys = grid.cell_centres()
    cx, cy = np.meshgrid(xs, ys)
    w = np.ones_like(x) if weights is None else weights
    out = np.zeros(grid.shape)
    for px, py, pw in zip(x, y, w):
        out += pw * params.value(np.hypot(cx - px, cy - py))
    return out


@pytest.fixture(scope="module")
def police_xy(shared_data):
    x, y = police_points_bng(POLICE_STREET / "2022-06-bedfordshire-street.csv")
    # keep Bedfordshire itself (the files carry a few points from elsewhere in England)
    keep = (x > 480_000) & (x < 540_000) & (y > 200_000) & (y < 280_000)
    return x[keep], y[keep]


def clustered(n: int, seed: int, spread: float = 120.0, side: float = 8000.0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, side, (25, 2))
    pick = rng.integers(0, 25, n)
    return (centres[pick, 0] + rng.normal(0, spread, n),
            centres[pick, 1] + rng.normal(0, spread, n))


@pytest.mark.parametrize("kernel", SMOOTH_KERNELS)
@pytest.mark.parametrize("cells_per_bandwidth", [2, 5, 12])
def test_fast_within_one_percent_of_exact_on_police_points(police_xy, kernel,
                                                            cells_per_bandwidth):
    x, y = police_xy
    cell = 100.0
    params = KdeParams(bandwidth=cell * cells_per_bandwidth, kernel=kernel)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, cell)
    fast = kde(x, y, grid, params)
    exact = kde(x, y, grid, params, mode="exact")
    assert np.abs(fast - exact).max() <= 0.01 * exact.max()
    assert fast.sum() == pytest.approx(exact.sum(), rel=1e-3)


@pytest.mark.parametrize("kernel", SMOOTH_KERNELS)
@pytest.mark.parametrize("seed", [1, 2])
def test_fast_within_one_percent_of_exact_on_synthetic_clusters(kernel, seed):
    x, y = clustered(30_000, seed)
    cell = 25.0
    params = KdeParams(bandwidth=150.0, kernel=kernel)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, cell)
    fast = kde(x, y, grid, params)
    exact = kde(x, y, grid, params, mode="exact")
    assert np.abs(fast - exact).max() <= 0.01 * exact.max()


@pytest.mark.parametrize("kernel", list(Kernel))
def test_total_mass_is_preserved(kernel):
    """Scaled surfaces integrate to the number of points (all well inside the grid)."""
    x, y = clustered(5000, 7)
    params = KdeParams(bandwidth=200.0, kernel=kernel)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, 20.0)
    for mode in ("fast", "exact"):
        mass = kde(x, y, grid, params, mode=mode).sum() * grid.cell ** 2
        assert mass == pytest.approx(len(x), rel=1e-3), mode


def test_exact_mode_is_the_direct_sum():
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0, 1000, 40), rng.uniform(0, 1000, 40)
    w = rng.uniform(0.5, 2.0, 40)
    for kernel in Kernel:
        params = KdeParams(bandwidth=120.0, kernel=kernel, decay=0.25)
        grid = GridSpec.qgis_heatmap((0, 0, 1000, 1000), params.support, 17.0)
        np.testing.assert_allclose(kde(x, y, grid, params, weights=w, mode="exact"),
                                   brute_force(x, y, grid, params, w), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("kernel", list(Kernel))
def test_every_scaled_kernel_integrates_to_one(kernel):
    """Radial integral of k * K over the plane, numerically (independent of any grid)."""
    h = 3.0
    r = np.linspace(0.0, h * (4.0 if kernel == Kernel.NORMAL else 1.0), 200_001)
    values = kernel_normaliser(kernel, h, 0.3) * kernel_shape(kernel, r, h, 0.3)
    integral = np.trapz(values * 2 * math.pi * r, r)
    assert integral == pytest.approx(1.0, abs=1e-6)


def test_kernel_is_centred_on_its_point():
    """A point at a cell centre: the surface is symmetric about that cell (QGIS's is not)."""
    grid = GridSpec(0.0, 1000.0, 10.0, 100, 100)
    px, py = 505.0, 495.0  # centre of column 50, row 50
    surface = kde(np.array([px]), np.array([py]), grid, KdeParams(100.0))
    peak = np.unravel_index(surface.argmax(), surface.shape)
    assert peak == (50, 50)
    # fast mode computes in float32: symmetric to float32 precision
    np.testing.assert_allclose(surface[40:61, 50], surface[40:61, 50][::-1], rtol=1e-5,
                               atol=1e-6 * surface.max())
    np.testing.assert_allclose(surface[50, 40:61], surface[50, 40:61][::-1], rtol=1e-5,
                               atol=1e-6 * surface.max())


def test_single_point_identical_points_and_boundary_points():
    params = KdeParams(bandwidth=50.0)
    one = kde(np.array([100.0]), np.array([100.0]),
              GridSpec.qgis_heatmap((100, 100, 100, 100), 50.0, 5.0), params)
    assert one.sum() * 25.0 == pytest.approx(1.0, rel=1e-3)
    same = kde(np.full(7, 100.0), np.full(7, 100.0),
               GridSpec.qgis_heatmap((100, 100, 100, 100), 50.0, 5.0), params)
    np.testing.assert_allclose(same, 7 * one, rtol=1e-5, atol=1e-6 * same.max())
    # points exactly on the extent's edges and corners keep their full mass
    xs = np.array([0.0, 1000.0, 0.0, 1000.0, 500.0])
    ys = np.array([0.0, 0.0, 1000.0, 1000.0, 1000.0])
    grid = GridSpec.qgis_heatmap((0, 0, 1000, 1000), 50.0, 5.0)
    for mode in ("fast", "exact"):
        assert kde(xs, ys, grid, params, mode=mode).sum() * 25.0 == pytest.approx(5, rel=1e-3)


def test_points_outside_an_aligned_grid_still_contribute():
    grid = GridSpec.aligned((0, 0, 100, 100), 5.0)
    outside = kde(np.array([110.0]), np.array([50.0]), grid, KdeParams(40.0))
    assert outside[:, -1].max() > 0 and outside[:, 0].max() == 0


def test_aligned_grids_line_up_cell_for_cell():
    a = GridSpec.aligned((1003.0, 2007.0, 5030.0, 6011.0), 25.0, origin=(0.0, 0.0))
    b = GridSpec.aligned((990.0, 1999.0, 4990.0, 6020.0), 25.0, origin=(0.0, 0.0))
    for g in (a, b):
        assert g.x0 % 25.0 == 0 and g.y_top % 25.0 == 0
    assert (a.x0 - b.x0) % 25.0 == 0


@pytest.mark.parametrize("tile_side,window", [(16, 16), (64, 128), (384, 64), (1 << 14, 64)])
def test_strips_and_tiles_equal_one_transform_and_the_direct_sum(monkeypatch, tile_side,
                                                                  window):
    """Many small tiles, a few, or one; square or wide: the same surface, and the direct sum
    within 1%."""
    monkeypatch.setattr(BinnedGrid, "TILE_SIDE", tile_side)
    monkeypatch.setattr(BinnedGrid, "STRIP_WINDOW", window)
    x, y = clustered(3_000, 11, side=3000.0)
    params = KdeParams(150.0)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, 15.0)
    fast = kde(x, y, grid, params)
    exact = kde(x, y, grid, params, mode="exact")
    assert np.abs(fast - exact).max() < 0.01 * exact.max()
    monkeypatch.setattr(BinnedGrid, "TILE_SIDE", 1 << 14)
    monkeypatch.setattr(BinnedGrid, "STRIP_WINDOW", 1 << 14)
    assert np.allclose(fast, kde(x, y, grid, params), rtol=0, atol=1e-5 * exact.max())


def test_points_added_in_many_small_batches_bin_as_one(monkeypatch):
    """A streamed layer spills each band as many small segments, gathered back into chunks
    that straddle segments: the same surface as one batch, weighted or not."""
    x, y = clustered(5_000, 3, side=4000.0)
    w = np.random.default_rng(3).uniform(0.5, 2.0, x.size)
    params = KdeParams(200.0)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, 20.0)
    for weights in (None, w):
        whole = BinnedGrid(grid, params)
        whole.add(x, y, weights)
        expected = whole.surface()
        monkeypatch.setattr(kde_module, "BIN_CHUNK", 100)  # chunks end inside segments
        batched = BinnedGrid(grid, params)
        for start in range(0, x.size, 37):
            part = slice(start, start + 37)
            batched.add(x[part], y[part], None if weights is None else weights[part])
        assert np.allclose(batched.surface(), expected, rtol=0, atol=1e-6 * expected.max())
        monkeypatch.undo()


def test_strips_come_top_down_in_bounded_memory():
    """A grid many strips tall, refined internally: strips cover every row once, in order,
    each a whole number of GeoTIFF tiles tall, and the rolling buffer holds only a strip and
    its margin, never the grid."""
    x, y = clustered(4_000, 5, side=6000.0)
    params = KdeParams(60.0)  # 4 cells of 15: refined 3x internally
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, 15.0)
    binned = BinnedGrid(grid, params, refine=3)
    binned.add(x, y)
    assert binned.held_rows * binned.cols < grid.nrows * grid.ncols * 9 / 4
    starts, pieces = [], []
    for first, rows in binned.strips():
        starts.append(first)
        pieces.append(rows.copy())
    assert starts == list(range(0, grid.nrows, binned.strip // 3))
    assert all(p.shape[0] % 16 == 0 for p in pieces[:-1]) and len(pieces) > 3
    whole = np.concatenate(pieces)
    assert whole.shape == grid.shape
    expected = kde(x, y, grid, params)
    assert np.allclose(whole, expected, rtol=0, atol=1e-6 * expected.max())
    exact = kde(x, y, grid, params, mode="exact")
    assert np.abs(whole - exact).max() < 0.01 * exact.max()


def test_batches_must_agree_on_weights():
    grid = GridSpec(0, 100, 1, 100, 100)
    binned = BinnedGrid(grid, KdeParams(10.0))
    binned.add(np.array([5.0]), np.array([5.0]), np.array([1.0]))
    with pytest.raises(KdeError, match="weights"):
        binned.add(np.array([5.0]), np.array([5.0]))
    binned.close()


def test_points_binned_batch_by_batch_equal_all_at_once():
    x, y = clustered(5_000, 12)
    w = np.random.default_rng(3).uniform(0, 2, x.size)
    params = KdeParams(200.0)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), params.support, 20.0)
    binned = BinnedGrid(grid, params)
    for start in range(0, x.size, 777):
        binned.add(x[start:start + 777], y[start:start + 777], w[start:start + 777])
    assert binned.points == x.size
    whole = kde(x, y, grid, params, weights=w)
    # float32 sums in another order: equal to round-off
    assert np.allclose(binned.surface(), whole, rtol=0, atol=1e-5 * whole.max())


@pytest.mark.parametrize("bad, message", [
    (dict(weights=np.array([1.0, -1.0])), "not negative"),
    (dict(weights=np.array([1.0, np.nan])), "finite"),
    (dict(x=np.array([np.nan, 1.0])), "finite"),
])
def test_bad_inputs_raise_clear_errors(bad, message):
    args = dict(x=np.array([1.0, 2.0]), y=np.array([1.0, 2.0]), weights=None)
    args.update(bad)
    grid = GridSpec(0, 10, 1, 10, 10)
    with pytest.raises(KdeError, match=message):
        kde(args["x"], args["y"], grid, KdeParams(5.0), weights=args["weights"])


def test_bad_parameters_and_too_large_grids():
    grid = GridSpec(0, 10, 1, 10, 10)
    with pytest.raises(KdeError, match="bandwidth"):
        kde(np.array([1.0]), np.array([1.0]), grid, KdeParams(0.0))
    with pytest.raises(KdeError, match="decay"):
        kernel_normaliser(Kernel.TRIANGULAR, 1.0, -0.6)
    huge = GridSpec(0, 1e6, 1.0, 200_000, 200_000)
    assert estimate_memory_bytes(huge, KdeParams(10.0)) > 4 * 200_000 * 200_000  # float32 grid
    with pytest.raises(KdeError, match="GiB"):
        kde(np.array([1.0]), np.array([1.0]), huge, KdeParams(10.0), memory_limit_bytes=2**30)


def test_cancel_stops_without_a_result():
    x, y = clustered(10_000, 1)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), 200.0, 20.0)
    for mode in ("fast", "exact"):
        with pytest.raises(KdeCancelled):
            kde(x, y, grid, KdeParams(200.0), mode=mode, progress=lambda f: False)


def test_empty_input_gives_zero_surface():
    grid = GridSpec(0, 10, 1, 10, 10)
    assert not kde(np.empty(0), np.empty(0), grid, KdeParams(3.0)).any()


def test_default_cell_size_and_bandwidth_follow_documented_rules():
    assert default_cell_size((0, 0, 50_000, 20_000)) == pytest.approx(80.0)
    rng = np.random.default_rng(5)
    x, y = rng.normal(0, 1000, 4000), rng.normal(0, 500, 4000)
    mx, my = x.mean(), y.mean()
    d = np.hypot(x - mx, y - my)
    sd = math.sqrt(np.mean(d ** 2))
    expected = 0.9 * min(sd, math.sqrt(1 / math.log(2)) * np.median(d)) * 4000 ** -0.2
    assert default_bandwidth(x, y) == pytest.approx(expected, rel=1e-12)
    with pytest.raises(KdeError, match="identical"):
        default_bandwidth(np.ones(5), np.ones(5))


@pytest.mark.parametrize("expected", [0, 1_000, 100_000])
def test_spacing_sample_takes_every_kth_point_of_a_stream(expected):
    """Known, underestimated or unknown counts: evenly spaced points, never more than twice
    the sample size, the same as slicing the whole array when the count is right."""
    x = np.arange(100_000, dtype=np.float64)
    sample = SpacingSample(expected, size=1_000)
    for start in range(0, x.size, 6_553):
        sample.add(x[start:start + 6_553], -x[start:start + 6_553])
    sx, sy = sample.arrays()
    assert 1_000 <= sx.size <= 2_000
    assert np.array_equal(sy, -sx)
    assert np.all(sx % sample.step == 0) and np.all(np.diff(sx) == sample.step)
    if expected == 100_000:
        assert np.array_equal(sx, x[::100])


@pytest.mark.parametrize("layout", ["uniform", "snapped clusters", "a line", "two points"])
def test_spacing_equals_brute_force_nearest_neighbours(layout):
    rng = np.random.default_rng(len(layout))
    if layout == "uniform":
        pts = rng.uniform(0, 1000, (1500, 2))
    elif layout == "snapped clusters":  # many points on few snap points, dense and sparse
        pts = np.round(np.concatenate([rng.normal(0, 30, (1200, 2)),
                                       rng.uniform(-5000, 5000, (300, 2))])) * 7
    elif layout == "a line":
        pts = np.column_stack([rng.uniform(0, 100, 800), np.zeros(800)])
    else:
        pts = np.array([[0.0, 0.0], [3.0, 4.0], [3.0, 4.0]])
    distinct = np.unique(pts, axis=0)
    gaps = np.hypot(distinct[:, None, 0] - distinct[None, :, 0],
                    distinct[:, None, 1] - distinct[None, :, 1])
    np.fill_diagonal(gaps, np.inf)
    expected = float(np.median(gaps.min(axis=1)))
    assert typical_location_spacing(pts[:, 0], pts[:, 1]) == pytest.approx(expected, rel=1e-12)


def test_snap_point_spacing_is_measured_on_distinct_locations(police_xy):
    x, y = police_xy
    spacing = typical_location_spacing(x, y)
    assert 20 < spacing < 1000  # police.uk snap points are tens to hundreds of metres apart
    grid_x, grid_y = np.meshgrid(np.arange(10) * 100.0, np.arange(10) * 100.0)
    assert typical_location_spacing(np.repeat(grid_x.ravel(), 3),
                                    np.repeat(grid_y.ravel(), 3)) == pytest.approx(100.0)


def test_hotspot_mask_rules():
    surface = np.zeros((10, 10))
    surface[2, 2], surface[5, 5], surface[7, 7] = 10.0, 5.0, 1.0
    assert hotspot_mask(surface, "percentile", 60).sum() == 1
    assert hotspot_mask(surface, "stdev", 0.5).sum() == 1
    assert not hotspot_mask(np.zeros((3, 3))).any()
    with pytest.raises(KdeError):
        hotspot_mask(surface, "percentile", 100)
