"""Write analysis grids as GeoTIFF (atomically: a cancelled or failed run leaves no file) and
give them SCRIBE's shipped hotspot colour ramp (a .qml beside the file, which QGIS loads as
the raster's default style)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from osgeo import gdal

from ..core.analysis.kde import GridSpec

NODATA = -9999.0
WRITE_ROWS = 256
# Shipped hotspot ramp: transparent where there is nothing, then pale yellow to dark red.
HOTSPOT_COLOURS = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"]


def array_strips(surface: np.ndarray, rows: int = WRITE_ROWS
                 ) -> Iterator[tuple[int, np.ndarray]]:
    """A whole grid as (first row, rows) strips, for ``write_geotiff_strips``."""
    for first in range(0, surface.shape[0], rows):
        yield first, surface[first:first + rows]


def write_geotiff(path: str, surface: np.ndarray, grid: GridSpec, crs_wkt: str,
                  nodata: float | None = None, description: str = "") -> str:
    """Write ``surface`` (rows top-down) to ``path`` as a Float32 GeoTIFF."""
    return write_geotiff_strips(path, array_strips(surface), grid, crs_wkt, nodata,
                                description)


def write_geotiff_strips(path: str, strips: Iterable[tuple[int, np.ndarray]], grid: GridSpec,
                         crs_wkt: str, nodata: float | None = None, description: str = "",
                         tile_rows: int = WRITE_ROWS) -> str:
    """Write a grid that arrives as (first row, rows) strips, top down, to ``path`` as a
    Float32 GeoTIFF, never holding more than a strip. ``tile_rows`` (a multiple of 16) is the
    height of the file's tiles: strips that many rows tall complete a row of tiles each, which
    is compressed and written at once. If the strips stop with an error (a cancel included),
    no file is left behind."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".tif", dir=str(target.parent))
    os.close(fd)
    dataset = band = None
    try:
        driver = gdal.GetDriverByName("GTiff")
        dataset = driver.Create(tmp, grid.ncols, grid.nrows, 1, gdal.GDT_Float32,
                                # DEFLATE level 1 with the floating-point predictor:
                                # readable everywhere (libtiff), about as small as level 6
                                # on KDE surfaces and 10x faster to write; the predictor
                                # makes a 2000^2 surface 26% smaller (14.4 -> 10.6 MB) and
                                # its write 20% faster. One thread: GDAL's worker threads
                                # gained nothing measurable here.
                                options=["COMPRESS=DEFLATE", "ZLEVEL=1", "PREDICTOR=3",
                                         "TILED=YES", "BLOCKXSIZE=256",
                                         f"BLOCKYSIZE={tile_rows}", "BIGTIFF=IF_SAFER"])
        if dataset is None:
            raise OSError(f"GDAL could not create {target}")
        dataset.SetGeoTransform(grid.geotransform)
        dataset.SetProjection(crs_wkt)
        band = dataset.GetRasterBand(1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        if description:
            band.SetDescription(description)
        # Each strip completes a row of tiles, compressed and written out at once (or GDAL's
        # block cache would hold the whole raster) on a worker thread, while the next strip
        # is made: GDAL lets go of the GIL there. One thread at a time uses the dataset.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="scribe-geotiff") as writer:
            flushing = None
            for first, rows in strips:
                if flushing is not None:
                    flushing.result()
                band.WriteArray(np.ascontiguousarray(rows, dtype=np.float32), 0, first)
                flushing = writer.submit(dataset.FlushCache)
            if flushing is not None:
                flushing.result()
        dataset.FlushCache()
        dataset = band = None
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, target)
    finally:
        dataset = band = None  # closed before removing, when an error left it open
        if os.path.exists(tmp):
            os.remove(tmp)
    return str(target)


class SurfaceSummary:
    """What the hotspot style needs of a surface seen strip by strip: its largest value and a
    systematic sample (every k-th) of its positive cells for the quantile breaks, at most
    ``2 * size`` values (k doubles as the sample fills). ``size=0``: the largest value only."""

    CHUNK = 1 << 16  # cells sampled at a time: the temporaries stay small beside a strip

    def __init__(self, size: int = 100_000):
        self.size = size
        self.top = 0.0
        self.step = 1
        self._skip = 0  # positives to pass over before the next one kept
        self._parts: list[np.ndarray] = []
        self._kept = 0

    @classmethod
    def of(cls, surface: np.ndarray) -> SurfaceSummary:
        summary = cls()
        for _, rows in array_strips(surface):
            summary.add(rows)
        return summary

    def add(self, values: np.ndarray) -> None:
        """Values of the next strip; only positive values count, so a negative NoData
        passes unseen."""
        if values.size == 0:
            return
        self.top = max(self.top, float(values.max()))
        if self.size:
            flat = values.reshape(-1)
            for start in range(0, flat.size, self.CHUNK):
                self._sample(flat[start:start + self.CHUNK])

    def _sample(self, values: np.ndarray) -> None:
        positive = values[values > 0]
        if positive.size == 0:
            return
        kept = positive[self._skip::self.step]
        self._skip = (self._skip - positive.size) % self.step
        self._parts.append(kept.astype(np.float32))
        self._kept += kept.size
        if self._kept > 2 * self.size:
            # kept values sit at positives 0, k, 2k, ...: every other one leaves 0, 2k, ...
            sample = self.sample()
            phase = sample.size % 2  # 1: the next positive due under k is not due under 2k
            self._parts = [sample[::2].copy()]
            self._kept = self._parts[0].size
            self._skip += self.step * phase
            self.step *= 2

    def sample(self) -> np.ndarray:
        return np.concatenate(self._parts) if self._parts else np.empty(0, np.float32)


def hotspot_style_qml(path: str, summary: SurfaceSummary) -> str:
    """Style the raster at ``path`` with the hotspot ramp and save it as ``<name>.qml``."""
    from qgis.core import (
        QgsColorRampShader,
        QgsRasterLayer,
        QgsRasterShader,
        QgsSingleBandPseudoColorRenderer,
    )
    from qgis.PyQt.QtGui import QColor

    from ..compat import interpolated_ramp_type

    layer = QgsRasterLayer(path, "density")
    positive = summary.sample()
    top = summary.top if positive.size else 1.0
    # Breaks at quantiles of the occupied cells, so a few extreme cells do not wash out the map.
    qs = np.quantile(positive, [0.5, 0.75, 0.9, 0.95, 0.99]) if positive.size else \
        np.linspace(0.2, 1.0, 5)
    breaks = [0.0, *sorted(float(q) for q in qs), top]
    items = [QgsColorRampShader.ColorRampItem(0.0, QColor(255, 255, 255, 0), "0")]
    for value, colour in zip(breaks[1:], HOTSPOT_COLOURS):
        items.append(QgsColorRampShader.ColorRampItem(value, QColor(colour), f"{value:.4g}"))
    ramp = QgsColorRampShader(0.0, top)
    ramp.setColorRampType(interpolated_ramp_type())
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    renderer.setClassificationMin(0.0)
    renderer.setClassificationMax(top)
    layer.setRenderer(renderer)
    qml = str(Path(path).with_suffix(".qml"))
    layer.saveNamedStyle(qml)
    return qml


def _memory_raster(grid: GridSpec, crs_wkt: str, gdal_type: int):
    dataset = gdal.GetDriverByName("MEM").Create("", grid.ncols, grid.nrows, 1, gdal_type)
    dataset.SetGeoTransform(grid.geotransform)
    dataset.SetProjection(crs_wkt)
    return dataset


class MaskRasterizer:
    """Polygons burnt onto any rows of a grid: True for cells whose centre lies inside one."""

    def __init__(self, polygons_wkb: list[bytes], crs_wkt: str):
        from osgeo import ogr, osr

        self.crs_wkt = crs_wkt
        self._source = ogr.GetDriverByName("Memory").CreateDataSource("mask")
        srs = osr.SpatialReference()
        srs.ImportFromWkt(crs_wkt)
        self._layer = self._source.CreateLayer("mask", srs, ogr.wkbUnknown)
        for wkb in polygons_wkb:
            feature = ogr.Feature(self._layer.GetLayerDefn())
            feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(wkb)))
            self._layer.CreateFeature(feature)

    def rows(self, grid: GridSpec, first: int, count: int) -> np.ndarray:
        """The mask of rows [first, first + count) of ``grid``."""
        strip = GridSpec(grid.x0, grid.y_top - first * grid.cell, grid.cell, grid.ncols, count)
        dataset = _memory_raster(strip, self.crs_wkt, gdal.GDT_Byte)
        gdal.RasterizeLayer(dataset, [1], self._layer, burn_values=[1])
        return dataset.GetRasterBand(1).ReadAsArray().astype(bool)


def polygonize_labels(labels: np.ndarray, grid: GridSpec, crs_wkt: str
                      ) -> list[tuple[int, bytes]]:
    """One (region id, WKB multipolygon) per labelled region, its cells dissolved."""
    from osgeo import ogr, osr

    if labels.max(initial=0) == 0:
        return []
    dataset = _memory_raster(grid, crs_wkt, gdal.GDT_Int32)
    band = dataset.GetRasterBand(1)
    band.WriteArray(labels)
    mask = _memory_raster(grid, crs_wkt, gdal.GDT_Byte)
    mask.GetRasterBand(1).WriteArray((labels > 0).astype(np.uint8))
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    source = ogr.GetDriverByName("Memory").CreateDataSource("regions")
    layer = source.CreateLayer("regions", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("region", ogr.OFTInteger))
    gdal.Polygonize(band, mask.GetRasterBand(1), layer, 0, ["8CONNECTED=8"])
    merged: dict[int, ogr.Geometry] = {}
    for feature in layer:
        region = feature.GetField(0)
        geometry = feature.GetGeometryRef().Clone()
        merged[region] = merged[region].Union(geometry) if region in merged else geometry
    return [(region, bytes(geometry.ExportToWkb())) for region, geometry in sorted(merged.items())]
