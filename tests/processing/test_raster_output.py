"""processing.raster_output: GeoTIFFs written strip by strip, and the style's summary of a
surface seen strip by strip."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal

from scribe_plugin.core.analysis.kde import GridSpec
from scribe_plugin.processing.raster_output import (
    NODATA,
    SurfaceSummary,
    array_strips,
    write_geotiff_strips,
)


def _wkt_27700() -> str:
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    return srs.ExportToWkt()


WKT_27700 = _wkt_27700()


@pytest.mark.parametrize("strip_rows", [37, 300])
def test_summary_keeps_every_kth_positive_across_strips(strip_rows):
    """Strips that split the sample's stride, and strips sampled in several chunks."""
    rng = np.random.default_rng(4)
    surface = np.where(rng.random((900, 300)) < 0.6, rng.random((900, 300)), 0.0)
    summary = SurfaceSummary(size=5_000)
    for _, rows in array_strips(surface, rows=strip_rows):
        assert rows.size < SurfaceSummary.CHUNK or strip_rows == 300
        summary.add(rows)
    positives = surface[surface > 0].astype(np.float32)
    assert summary.step > 1
    np.testing.assert_array_equal(summary.sample(), positives[::summary.step])
    assert summary.top == pytest.approx(float(positives.max()))
    assert summary.sample().size <= 2 * summary.size


def test_summary_passes_over_nodata_and_can_keep_the_largest_value_only():
    surface = np.array([[0.0, 2.5, NODATA], [NODATA, 1.0, 0.5]])
    summary = SurfaceSummary.of(surface)
    assert summary.top == 2.5
    np.testing.assert_array_equal(summary.sample(), np.array([2.5, 1.0, 0.5], np.float32))
    largest = SurfaceSummary(size=0)
    largest.add(surface)
    assert largest.top == 2.5 and largest.sample().size == 0


def test_summary_of_an_empty_surface():
    summary = SurfaceSummary.of(np.zeros((10, 10)))
    assert summary.top == 0.0 and summary.sample().size == 0


def test_strips_are_written_where_they_belong(tmp_path):
    grid = GridSpec(500000.0, 200000.0, 10.0, 70, 50)
    surface = np.arange(50 * 70, dtype=np.float32).reshape(50, 70)
    out = tmp_path / "s.tif"
    write_geotiff_strips(str(out), array_strips(surface, rows=16), grid, WKT_27700,
                         tile_rows=16)
    dataset = gdal.Open(str(out))
    np.testing.assert_array_equal(dataset.GetRasterBand(1).ReadAsArray(), surface)
    assert dataset.GetGeoTransform() == grid.geotransform
    assert dataset.GetRasterBand(1).GetBlockSize() == [256, 16]


def test_strips_that_fail_part_way_leave_no_file_and_keep_an_old_one(tmp_path):
    grid = GridSpec(500000.0, 200000.0, 10.0, 40, 64)
    out = tmp_path / "s.tif"
    out.write_bytes(b"the previous result")

    def failing():
        yield 0, np.ones((16, 40), dtype=np.float32)
        raise RuntimeError("the computation stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        write_geotiff_strips(str(out), failing(), grid, WKT_27700, tile_rows=16)
    assert out.read_bytes() == b"the previous result"
    assert [p.name for p in tmp_path.iterdir()] == ["s.tif"]
