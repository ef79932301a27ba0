"""scribe:kde_hotspots against QGIS's own Heatmap, run for real through processing.run.

QGIS 3.22's Heatmap has two known defects. ``qgis_reference`` below reproduces its arithmetic,
defects included (read from src/analysis/raster/qgskde.cpp), and the test shows QGIS's output
equals it; SCRIBE's output is the correct KDE, shown against a direct sum on the same grid."""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from scribe_plugin.core.analysis.kde import GridSpec, KdeParams, Kernel

QGIS_KERNELS = {0: Kernel.QUARTIC, 1: Kernel.TRIANGULAR, 2: Kernel.UNIFORM, 3: Kernel.TRIWEIGHT,
                4: Kernel.EPANECHNIKOV}
NODATA = -9999.0


def qgis_kernel(shape: int, d: float, h: float, scaled: bool, decay: float) -> float:
    """QGIS 3.22's kernel values, including the scaled quartic's wrong constant
    (116 / (5 pi h^2) * 15/16: each point integrates to 7.25, QGIS issue 60616)."""
    u = d / h
    if shape == 0:
        return (116.0 / (5 * math.pi * h * h) * 15 / 16 if scaled else 1.0) * (1 - u * u) ** 2
    if shape == 1:
        k = 3.0 / ((1 + 2 * decay) * math.pi * h * h) if scaled and decay >= 0 else 1.0
        return k * (1 - (1 - decay) * u)
    if shape == 2:
        return 2.0 / (math.pi * h) * (0.5 / h) if scaled else 1.0
    if shape == 3:
        return (128.0 / (35 * math.pi * h * h) * 35 / 32 if scaled else 1.0) * (1 - u * u) ** 3
    return (8.0 / (3 * math.pi * h * h) * 3 / 4 if scaled else 1.0) * (1 - u * u)


def qgis_reference(x, y, extent, radius, pixel, shape, scaled, decay=0.0):
    """QGIS 3.22 QgsKernelDensityEstimation, step by step, including its vertical placement
    error: kernel rows are computed counting from the bottom of the extent but written to
    rows counted from the top of the raster, so kernels shift by up to a cell."""
    xmin, ymin, xmax, ymax = (extent[0] - radius, extent[1] - radius, extent[2] + radius,
                              extent[3] + radius)
    rows = max(math.ceil((ymax - ymin) / pixel) + 1, 1)
    cols = max(math.ceil((xmax - xmin) / pixel) + 1, 1)
    raster = np.full((rows, cols), NODATA)
    buffer = int(radius / pixel)
    if radius - pixel * buffer > 0.5:
        buffer += 1
    block = 2 * buffer + 1
    for px, py in zip(x, y):
        x_pos = int((px - xmin) / pixel - buffer)
        y_pos = int((py - ymin) / pixel - buffer)
        y_pos_io = int((ymax - py) / pixel - buffer)
        for xp in range(block):
            for yp in range(block):
                cx = (x_pos + xp + 0.5) * pixel + xmin
                cy = (y_pos + yp + 0.5) * pixel + ymin
                d = math.hypot(cx - px, cy - py)
                if d > radius:
                    continue
                r, c = y_pos_io + yp, x_pos + xp
                if raster[r, c] == NODATA:
                    raster[r, c] = 0.0
                raster[r, c] += qgis_kernel(shape, d, radius, scaled, decay)
    return raster, GridSpec(xmin, ymax, pixel, cols, rows)


def write_points(path, x, y, epsg=27700):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("pts", srs, ogr.wkbPoint)
    for px, py in zip(x, y):
        f = ogr.Feature(layer.GetLayerDefn())
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(px), float(py))
        f.SetGeometry(g)
        layer.CreateFeature(f)
    ds = None
    return str(path)


def read_raster(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    return band.ReadAsArray().astype(np.float64), ds.GetGeoTransform(), band.GetNoDataValue()


@pytest.fixture(scope="module")
def small_points(tmp_path_factory):
    """A small irregular cluster (QGIS's per-point loop is slow; 60 points are plenty)."""
    rng = np.random.default_rng(11)
    x = 530_000 + np.concatenate([rng.normal(0, 150, 40), rng.uniform(-600, 600, 20)])
    y = 180_000 + np.concatenate([rng.normal(0, 150, 40), rng.uniform(-600, 600, 20)])
    x, y = np.round(x, 3), np.round(y, 3)
    path = write_points(tmp_path_factory.mktemp("pts") / "pts.gpkg", x, y)
    return x, y, path


RADIUS, PIXEL = 200.0, 20.0  # radius a whole number of cells: QGIS's buffer rounding is moot


@pytest.mark.parametrize("shape", sorted(QGIS_KERNELS))
@pytest.mark.parametrize("scaled", [False, True])
def test_qgis_heatmap_equals_reference_with_its_defects(processing_ready, small_points,
                                                       tmp_path, shape, scaled):
    import processing

    x, y, path = small_points
    decay = 0.3 if shape == 1 else 0.0
    out = tmp_path / "qgis.tif"
    processing.run("qgis:heatmapkerneldensityestimation", {
        "INPUT": path, "RADIUS": RADIUS, "PIXEL_SIZE": PIXEL, "KERNEL": shape, "DECAY": decay,
        "OUTPUT_VALUE": 1 if scaled else 0, "OUTPUT": str(out)})
    qgis_values, transform, nodata = read_raster(out)
    extent = (x.min(), y.min(), x.max(), y.max())
    reference, grid = qgis_reference(x, y, extent, RADIUS, PIXEL, shape, scaled, decay)
    assert qgis_values.shape == reference.shape
    assert transform == pytest.approx(grid.geotransform)
    assert nodata == NODATA
    np.testing.assert_array_equal(qgis_values == NODATA, reference == NODATA)
    valid = reference != NODATA
    peak = np.abs(reference[valid]).max()
    assert np.abs(qgis_values[valid] - reference[valid]).max() < 5e-4 * peak


@pytest.mark.parametrize("shape", sorted(QGIS_KERNELS))
def test_scribe_is_the_correct_kde_on_qgis_grid(processing_ready, small_points, tmp_path, shape):
    """SCRIBE on QGIS's grid: every cell equals the direct sum of correctly normalised kernels
    centred on the true points (scaled output per map unit^2), empty cells are 0."""
    import processing

    x, y, path = small_points
    decay = 0.3 if shape == 1 else 0.0
    out = tmp_path / "scribe.tif"
    result = processing.run("scribe:kde_hotspots", {
        "INPUT": path, "RADIUS": RADIUS, "PIXEL_SIZE": PIXEL, "KERNEL": shape, "DECAY": decay,
        "OUTPUT_VALUE": 1, "UNITS": 2, "MODE": 1, "STYLE": False, "OUTPUT": str(out)})
    values, transform, nodata = read_raster(out)
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), RADIUS, PIXEL)
    assert values.shape == grid.shape and transform == pytest.approx(grid.geotransform)
    assert nodata is None and values.min() == 0.0
    xs, ys = grid.cell_centres()
    cx, cy = np.meshgrid(xs, ys)
    params = KdeParams(RADIUS, QGIS_KERNELS[shape], decay, scaled=True)
    direct = sum(params.value(np.hypot(cx - px, cy - py)) for px, py in zip(x, y))
    np.testing.assert_allclose(values, direct, rtol=1e-5, atol=1e-6 * direct.max())
    assert values.sum() * PIXEL ** 2 == pytest.approx(len(x), rel=0.02)
    assert result["POINT_COUNT"] == len(x)


def test_scribe_and_qgis_agree_where_qgis_is_right(processing_ready, small_points, tmp_path):
    """Raw quartic (no normalising constant involved) on a single point: QGIS's row flip is
    symmetric about that point, so where its defects cannot show, the two match exactly."""
    import processing

    px, py = 530_010.0, 180_010.0
    path = write_points(tmp_path / "one.gpkg", [px], [py])
    for alg, extra, name in (("qgis:heatmapkerneldensityestimation", {}, "q.tif"),
                             ("scribe:kde_hotspots", {"MODE": 1, "STYLE": False}, "s.tif")):
        processing.run(alg, {"INPUT": path, "RADIUS": RADIUS, "PIXEL_SIZE": PIXEL, "KERNEL": 0,
                             "OUTPUT_VALUE": 0, "OUTPUT": str(tmp_path / name), **extra})
    q, _, _ = read_raster(tmp_path / "q.tif")
    s, _, _ = read_raster(tmp_path / "s.tif")
    q[q == NODATA] = 0.0
    assert np.abs(q - s).max() < 1e-6
