"""scribe:kde_hotspots: kernel density hotspots (a thin wrapper around core.analysis.kde)."""

from __future__ import annotations

import math
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
)

from ... import compat
from ...core.analysis import hotspots
from ...core.analysis.kde import (
    KERNEL_ORDER,
    BinnedGrid,
    GridSpec,
    KdeCancelled,
    KdeError,
    KdeParams,
    Kernel,
    SpacingSample,
    batch_binner,
    can_bin_in_batches,
    default_bandwidth,
    default_cell_size,
    hotspot_mask,
    kde,
    refinement_factor,
    typical_location_spacing,
)
from ..heap import release_free_heap
from ..point_arrays import (
    PointStream,
    UnsupportedBulkRead,
    bulk_read_allowed,
    read_points,
    stream_points,
)
from ..raster_output import (
    NODATA,
    WRITE_ROWS,
    MaskRasterizer,
    SurfaceSummary,
    array_strips,
    hotspot_style_qml,
    polygonize_labels,
    write_geotiff_strips,
)
from .base import ScribeAlgorithm

UNITS = ["per km2", "per cell", "per map unit2"]
MEMORY_SHARE = 0.6  # of the memory available now, the most one surface may take
SPACING_SAMPLE = 20_000  # points sampled to measure the spacing of distinct locations
TRIM_BATCHES = 16  # batches read between returns of freed heap memory to the system


@dataclass
class PointCounts:
    """What is kept of points once they are binned."""

    count: int
    null_geometries: int


def available_memory_bytes() -> int:
    try:
        return int(MEMORY_SHARE * _sysconf_available())
    except (ValueError, OSError, AttributeError):
        return 4 * 2**30


def _progress_between(feedback, start: float, end: float):
    """A core progress callback (fraction done -> False to cancel) shown as start..end %."""
    def progress(fraction: float) -> bool:
        feedback.setProgress(start + (end - start) * fraction)
        return not feedback.isCanceled()
    return progress


def _sysconf_available() -> int:
    import os

    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_AVPHYS_PAGES")


class KdeHotspotsAlgorithm(ScribeAlgorithm):
    NAME = "kde_hotspots"
    GROUP_ID = "hotspots"

    INPUT = "INPUT"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    RADIUS = "RADIUS"
    PIXEL_SIZE = "PIXEL_SIZE"
    KERNEL = "KERNEL"
    DECAY = "DECAY"
    OUTPUT_VALUE = "OUTPUT_VALUE"
    UNITS = "UNITS"
    MODE = "MODE"
    EXTENT = "EXTENT"
    MASK = "MASK"
    HOTSPOT_METHOD = "HOTSPOT_METHOD"
    HOTSPOT_THRESHOLD = "HOTSPOT_THRESHOLD"
    OUTPUT = "OUTPUT"
    HOTSPOTS = "HOTSPOTS"
    STYLE = "STYLE"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Kernel density hotspots")

    def group(self) -> str:
        return self.tr("Hotspots")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Kernel density estimation (KDE) of incidents onto a grid, for hotspot maps. "
            "Works on any point layer in a projected CRS (British National Grid, EPSG:27700, "
            "for UK data); a SCRIBE incident layer keeps its filter.</p>"
            "<h3>Defaults</h3><ul>"
            "<li><b>Cell size</b> 0 = the shorter side of the points' extent / 250 (ArcGIS "
            "Pro's rule; results change little with cell size once the bandwidth spans 5 or "
            "more cells).</li>"
            "<li><b>Bandwidth</b> 0 = ArcGIS Pro's spatial Silverman rule: "
            "0.9 &times; min(SD, &radic;(1/ln 2) &times; Dm) &times; n<sup>-0.2</sup>, SD the "
            "standard distance, Dm the median distance to the mean centre, n the number of "
            "points (total weight). It adapts to the data's spread and count. A warning is "
            "given when the bandwidth is below the typical spacing between distinct incident "
            "locations: police.uk snaps incidents to anonymous map points, and a smaller "
            "bandwidth maps that anonymisation grid rather than crime.</li>"
            "<li><b>Output</b> scaled, in incidents per km&sup2; (or per cell, or per map unit"
            "&sup2;); raw gives the kernel shape only (peak 1 per point), as QGIS's "
            "Heatmap.</li></ul>"
            "<h3>Kernels</h3><p>Quartic (biweight, the crime-mapping default), triangular "
            "(with decay), uniform, triweight, Epanechnikov, as QGIS's Heatmap, with the "
            "bandwidth as the kernel radius; plus normal (Gaussian), with the bandwidth as "
            "the standard deviation, truncated at 4 SD and renormalised.</p>"
            "<h3>Fast and exact modes</h3><p>Fast (default): points are linearly binned onto "
            "the cell centres and convolved with the kernel by FFT; cost grows with "
            "points + cells &times; log(cells), not points &times; kernel area. Below 9 cells "
            "per bandwidth (10 for Epanechnikov and triangular, 24 for kernels with a jump at "
            "the rim) the grid is refined internally and sampled back. Smooth kernels stay "
            "within 1% of exact mode's peak; uniform and triangular-with-decay can differ by "
            "a few % at cells whose centre lies on a point's rim: use exact mode there. The "
            "total mass is exact in both modes. Exact: the direct sum, for validation and "
            "small inputs.</p>"
            "<h3>Differences from QGIS's Heatmap (3.22)</h3><ul>"
            "<li>Every scaled kernel integrates to 1 (QGIS's scaled quartic integrates to "
            "7.25: QGIS issue 60616).</li>"
            "<li>Each kernel is centred on its point (QGIS places rows counted from the "
            "bottom into rows written from the top, shifting kernels by up to a cell).</li>"
            "<li>Empty cells are 0, not NoData, so area sums and PAI work; cells outside a "
            "mask are NoData.</li>"
            "<li>The grid is QGIS's (points' extent grown by the radius, cell-aligned to its "
            "top-left) unless an extent is given: then cells align to the extent's top-left "
            "corner, so surfaces for different periods line up cell for cell, and points "
            "outside the extent still contribute to cells within reach.</li></ul>"
            "<h3>Hotspot polygons</h3><p>Optional: cells above the chosen percentile of "
            "occupied cells, or above mean + k standard deviations, dissolved into areas "
            "(8-connected), each with its incident count and share of all incidents.</p>"
            "<h3>Memory</h3><p>Fast mode with a smooth kernel (quartic, triweight, normal) "
            "makes the surface strip by strip and writes each strip as it comes, so memory "
            "stays at a few MB whatever the size of the grid; the binned points wait in a "
            "temporary file (12 bytes a point). When the bandwidth is given, a file layer "
            "(GeoPackage, shapefile, ...) without a filter is binned batch by batch as it is "
            "read; otherwise the coordinates are held while they are binned (16 bytes a "
            "point). Hotspot areas, exact mode and kernels with a rim need the whole grid "
            "(4 bytes a cell): a grid too large for the memory available, or a file too "
            "large for the disk, is refused before anything is allocated.</p>"
            "<p>NULL geometries are skipped and counted in the log; weights must not be "
            "negative.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Incident points"), [compat.SOURCE_POINT]))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_FIELD, self.tr("Weight field"), parentLayerParameterName=self.INPUT,
            type=compat.FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterDistance(
            self.RADIUS, self.tr("Bandwidth (radius; 0 = from the data)"), defaultValue=0.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterDistance(
            self.PIXEL_SIZE, self.tr("Cell size (0 = extent / 250)"), defaultValue=0.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            self.KERNEL, self.tr("Kernel"),
            options=[self.tr("Quartic"), self.tr("Triangular"), self.tr("Uniform"),
                     self.tr("Triweight"), self.tr("Epanechnikov"), self.tr("Normal (Gaussian)")],
            defaultValue=0))
        decay = QgsProcessingParameterNumber(
            self.DECAY, self.tr("Decay ratio (triangular kernel only)"),
            type=compat.NUMBER_DOUBLE, defaultValue=0.0, minValue=-100.0, maxValue=1.0)
        decay.setFlags(decay.flags() | compat.FLAG_ADVANCED)
        self.addParameter(decay)
        self.addParameter(QgsProcessingParameterEnum(
            self.OUTPUT_VALUE, self.tr("Output values"),
            options=[self.tr("Raw (kernel shape, as QGIS)"), self.tr("Scaled (density)")],
            defaultValue=1))
        self.addParameter(QgsProcessingParameterEnum(
            self.UNITS, self.tr("Density units (scaled output)"),
            options=[self.tr("Incidents per km²"), self.tr("Incidents per cell"),
                     self.tr("Incidents per map unit²")], defaultValue=0))
        mode = QgsProcessingParameterEnum(
            self.MODE, self.tr("Method"),
            options=[self.tr("Fast (binned FFT)"), self.tr("Exact (direct sum)")],
            defaultValue=0)
        mode.setFlags(mode.flags() | compat.FLAG_ADVANCED)
        self.addParameter(mode)
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, self.tr("Grid extent (cells align to its top-left corner)"),
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.MASK, self.tr("Mask polygons (cells outside become NoData)"),
            [compat.SOURCE_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.HOTSPOT_METHOD, self.tr("Hotspot rule"),
            options=[self.tr("Above a percentile of occupied cells"),
                     self.tr("Above mean + k standard deviations")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.HOTSPOT_THRESHOLD, self.tr("Hotspot threshold (percentile, or k)"),
            type=compat.NUMBER_DOUBLE, defaultValue=95.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.STYLE, self.tr("Write the hotspot colour ramp beside the raster (.qml)"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT, self.tr("Density surface")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.HOTSPOTS, self.tr("Hotspot areas"), compat.SOURCE_POLYGON, optional=True,
            createByDefault=False))
        for name, text in (("BANDWIDTH", "Bandwidth used"), ("CELL_SIZE", "Cell size used"),
                           ("POINT_COUNT", "Points used"), ("MAX_DENSITY", "Peak density"),
                           ("NULL_GEOMETRIES", "NULL geometries skipped")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        kernel = KERNEL_ORDER[self.parameterAsEnum(parameters, self.KERNEL, context)]
        decay = self.parameterAsDouble(parameters, self.DECAY, context)
        scaled = self.parameterAsEnum(parameters, self.OUTPUT_VALUE, context) == 1
        if kernel == Kernel.TRIANGULAR and scaled and decay <= -0.5:
            return False, self.tr("A scaled triangular kernel needs a decay above -0.5 "
                                  "(below that it has no positive total); use raw output.")
        method = self.parameterAsEnum(parameters, self.HOTSPOT_METHOD, context)
        threshold = self.parameterAsDouble(parameters, self.HOTSPOT_THRESHOLD, context)
        if method == 0 and not 0 < threshold < 100:
            return False, self.tr("The hotspot percentile must be between 0 and 100.")
        return super().checkParameterValues(parameters, context)

    # -- processing ----------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.projected_point_source(parameters, context)
        crs = source.sourceCrs()
        weight_field = self.parameterAsString(parameters, self.WEIGHT_FIELD, context)
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        mode = "exact" if self.parameterAsEnum(parameters, self.MODE, context) == 1 else "fast"
        params = self._params(parameters, context,
                              self.parameterAsDouble(parameters, self.RADIUS, context))
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        # Fast mode with a smooth kernel makes the surface strip by strip, written as it comes:
        # the grid is never held. The hotspot areas need the whole surface (and the points);
        # exact mode and kernels with a rim are computed whole too.
        in_strips = can_bin_in_batches(params, mode) and not parameters.get(self.HOTSPOTS)
        feedback.pushInfo(self.tr("Reading points…"))
        made = None
        # Binning batch by batch as the file is read needs the bandwidth beforehand.
        if in_strips and params.bandwidth > 0:
            stream = stream_points(layer, weight_field,
                                   bulk_read_allowed(parameters.get(self.INPUT)))
            if stream is not None:
                try:
                    made = self._binned_from_stream(stream, parameters, context, feedback,
                                                    params, output)
                except UnsupportedBulkRead as reason:
                    feedback.pushDebugInfo(f"bulk read not possible ({reason}); reading again")
        if made is None:
            made = self._from_points(source, layer, weight_field, parameters, context,
                                     feedback, params, mode, in_strips, output)
        if made is None:
            return {}
        surface, grid, params, points = made
        styled = self.parameterAsBoolean(parameters, self.STYLE, context)
        try:
            if feedback.isCanceled():
                return {}
            mask, summary = self._write_surface(parameters, context, feedback, surface, grid,
                                                params, crs, output, styled)
        except KdeCancelled:
            return {}
        finally:
            if isinstance(surface, BinnedGrid):
                surface.close()  # its temporary file, should the strips not have run
        if styled:
            hotspot_style_qml(output, summary)

        results = {self.OUTPUT: output, "BANDWIDTH": float(params.bandwidth),
                   "CELL_SIZE": float(grid.cell), "POINT_COUNT": int(points.count),
                   "MAX_DENSITY": float(summary.top),
                   "NULL_GEOMETRIES": int(points.null_geometries)}
        if parameters.get(self.HOTSPOTS):
            results[self.HOTSPOTS] = self._write_hotspots(
                parameters, context, feedback, surface, grid, points, crs,
                NODATA if mask is not None else None)
        feedback.setProgress(100)
        return results

    def _write_surface(self, parameters, context, feedback, surface, grid: GridSpec,
                       params: KdeParams, crs, output: str, styled: bool):
        """Write the surface (a BinnedGrid's strips, or a whole array) to ``output`` in its
        units, masked; returns (the mask or None, the surface's summary: its largest value,
        and when ``styled`` the sample the style's breaks need)."""
        factor = self._unit_factor(parameters, context, params, grid)
        mask = self._mask(parameters, context, crs)
        summary = SurfaceSummary() if styled else SurfaceSummary(size=0)

        def finished(strips):
            """Each strip in its units, cells outside the mask NoData, summarised for the
            style, on its way to the file."""
            for first, rows in strips:
                if factor != 1.0:
                    rows *= factor
                if mask is not None:
                    rows[~mask.rows(grid, first, rows.shape[0])] = NODATA
                # NODATA is negative: the summary, of positive values, passes over it
                summary.add(rows)
                yield first, rows
                # glibc keeps the strip's freed temporaries; give them back before the next
                release_free_heap()

        if isinstance(surface, BinnedGrid):
            strips = surface.strips(_progress_between(feedback, 60, 95))
            tile_rows = surface.strip // surface.refine
        else:
            strips, tile_rows = array_strips(surface), WRITE_ROWS
        release_free_heap()  # the batches' temporaries, before the strips' transforms
        write_geotiff_strips(
            output, finished(strips), grid, crs.toWkt(),
            nodata=NODATA if mask is not None else None, tile_rows=tile_rows,
            description=f"{params.kernel.value} KDE, bandwidth {params.bandwidth:g}")
        return mask, summary

    def _from_points(self, source, layer, weight_field, parameters, context, feedback,
                     params: KdeParams, mode: str, in_strips: bool, output: str):
        """Read every point, then compute: (a BinnedGrid ready to give its strips, or the
        whole surface; grid; params; points), or None if cancelled."""
        points = read_points(source, layer, weight_field, feedback,
                             allow_bulk=bulk_read_allowed(parameters.get(self.INPUT)))
        if feedback.isCanceled():
            return None
        self._report_skipped(feedback, points.null_geometries, points.null_weights, weight_field)
        if points.count == 0:
            raise self._no_points()
        if points.weights is not None:
            self._check_weights(points.weights, weight_field)
            if points.weights.sum() <= 0:
                raise self._zero_weights(weight_field)
        feedback.pushInfo(self.tr("{} points read ({}).").format(points.count, points.method))
        feedback.setProgress(30)
        if params.bandwidth <= 0:
            try:
                bandwidth = default_bandwidth(points.x, points.y, points.weights)
            except KdeError as error:
                raise QgsProcessingException(str(error)) from error
            feedback.pushInfo(self.tr("Bandwidth from the data (spatial Silverman rule): {:.1f}")
                              .format(bandwidth))
            params = replace(params, bandwidth=bandwidth)
        sample = slice(None, None, max(1, points.count // SPACING_SAMPLE))
        self._warn_below_spacing(feedback, params, points.x[sample], points.y[sample])
        points_extent = (float(points.x.min()), float(points.y.min()),
                         float(points.x.max()), float(points.y.max()))
        grid = self._grid(parameters, context, points_extent, params)
        self._report_grid(feedback, grid, params)
        self._warn_refined(feedback, grid, params, mode)
        self._check_output_fits(output, grid)
        if in_strips:
            binned = self._binner(grid, params)
            progress = _progress_between(feedback, 30, 60)
            try:
                binned.add(points.x, points.y, points.weights,
                           lambda done: progress(done / points.count))
            except KdeCancelled:
                binned.close()
                return None
            # only the counts are needed from here: let the coordinates go
            return binned, grid, params, PointCounts(points.count, points.null_geometries)
        try:
            surface = kde(points.x, points.y, grid, params, weights=points.weights, mode=mode,
                          progress=_progress_between(feedback, 30, 90),
                          memory_limit_bytes=available_memory_bytes())
        except KdeCancelled:
            return None
        except KdeError as error:
            raise QgsProcessingException(str(error)) from error
        return surface, grid, params, points

    def _binned_from_stream(self, stream: PointStream, parameters, context, feedback,
                            params: KdeParams, output: str):
        """Bin a file layer's points batch by batch as GDAL reads them, never holding them.
        The grid comes from the layer's extent (as QGIS's Heatmap); should the points' own
        extent differ (a stale extent in the file), the file is read once more onto the grid
        the points give, as the held path would."""
        extent = stream.extent
        binned = None
        try:
            for _ in range(2):
                grid = self._grid(parameters, context, extent, params)
                self._check_output_fits(output, grid)
                binned = self._binner(grid, params)
                sample = SpacingSample(stream.count_hint, SPACING_SAMPLE)
                total_weight = 0.0
                expected = max(stream.count_hint, 1)
                for batch, (x, y, w) in enumerate(stream, 1):
                    if batch % TRIM_BATCHES == 0:
                        release_free_heap()  # the last batches' freed temporaries
                    if w is not None:
                        self._check_weights(w, stream.weight_field)
                        total_weight += float(w.sum())
                    binned.add(x, y, w)
                    sample.add(x, y)
                    feedback.setProgress(min(60.0, 60.0 * stream.count / expected))
                    if feedback.isCanceled():
                        binned.close()
                        return None
                if stream.seen_extent is None or stream.seen_extent == extent \
                        or self._extent_given(parameters, context) is not None:
                    break
                feedback.pushInfo(self.tr("The file's stored extent differs from its points'; "
                                          "reading again on the points' extent."))
                binned.close()
                extent = stream.seen_extent
            self._report_skipped(feedback, stream.null_geometries, stream.null_weights,
                                 stream.weight_field)
            if stream.count == 0:
                raise self._no_points()
            if stream.weight_field and total_weight <= 0:
                raise self._zero_weights(stream.weight_field)
        except BaseException:
            if binned is not None:
                binned.close()  # its temporary file
            raise
        feedback.pushInfo(self.tr("{} points read ({}).").format(stream.count, stream.method))
        self._warn_below_spacing(feedback, params, *sample.arrays())
        self._report_grid(feedback, grid, params)
        self._warn_refined(feedback, grid, params, "fast")
        return binned, grid, params, stream

    def _binner(self, grid: GridSpec, params: KdeParams) -> BinnedGrid:
        try:
            return batch_binner(grid, params, available_memory_bytes())
        except KdeError as error:
            raise QgsProcessingException(str(error)) from error

    def _check_output_fits(self, output: str, grid: GridSpec) -> None:
        """Refuse, before any work, a grid whose file could fill the disk (memory is bounded
        by a strip, but the file holds every cell: 4 bytes each before compression)."""
        need = grid.nrows * grid.ncols * 4
        folder = Path(output).resolve().parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        free = shutil.disk_usage(folder).free
        if need > free:
            raise QgsProcessingException(self.tr(
                "The grid ({} x {} cells) would take up to {:.1f} GiB, more than the {:.1f} GiB "
                "free in {}: use a larger cell size or a smaller extent.").format(
                    grid.ncols, grid.nrows, need / 2**30, free / 2**30, folder))

    def _mask(self, parameters, context, crs) -> MaskRasterizer | None:
        mask_source = self.parameterAsSource(parameters, self.MASK, context)
        if mask_source is None:
            return None
        transform = QgsCoordinateTransform(mask_source.sourceCrs(), crs,
                                           context.transformContext())
        geometries = []
        for feature in mask_source.getFeatures():
            geometry = QgsGeometry(feature.geometry())
            if not geometry.isNull():
                geometry.transform(transform)
                geometries.append(geometry.asWkb().data())
        return MaskRasterizer(geometries, crs.toWkt())

    # -- checks and messages -------------------------------------------------------------------
    def _report_skipped(self, feedback, null_geometries: int, null_weights: int,
                        weight_field: str) -> None:
        if null_geometries:
            feedback.pushWarning(self.tr("{} features without a geometry were skipped.")
                                 .format(null_geometries))
        if null_weights:
            feedback.pushWarning(self.tr("{} features with a NULL weight were skipped.")
                                 .format(null_weights))

    def _no_points(self) -> QgsProcessingException:
        return QgsProcessingException(self.tr(
            "The input has no points to map (empty layer, filter or selection, or only "
            "NULL geometries)."))

    def _zero_weights(self, weight_field: str) -> QgsProcessingException:
        return QgsProcessingException(self.tr(
            "Every weight in '{}' is 0, so there is nothing to map.").format(weight_field))

    def _check_weights(self, weights: np.ndarray, weight_field: str) -> None:
        negative = int((weights < 0).sum())
        if negative:
            raise QgsProcessingException(self.tr(
                "{} features have a negative weight in '{}'; weights must be 0 or more.")
                .format(negative, weight_field))
        if not np.all(np.isfinite(weights)):
            raise QgsProcessingException(self.tr("Some weights are not finite numbers."))

    def _warn_below_spacing(self, feedback, params: KdeParams, sample_x: np.ndarray,
                            sample_y: np.ndarray) -> None:
        spacing = typical_location_spacing(sample_x, sample_y)
        if spacing > 0 and params.bandwidth < spacing:
            feedback.pushWarning(self.tr(
                "The bandwidth ({:.0f}) is below the typical spacing between distinct incident "
                "locations ({:.0f}); with police.uk data the surface would map the anonymous "
                "snap points rather than crime. Consider a bandwidth of at least {:.0f}.")
                .format(params.bandwidth, spacing, 2 * spacing))

    def _report_grid(self, feedback, grid: GridSpec, params: KdeParams) -> None:
        feedback.pushInfo(self.tr("Grid: {} x {} cells of {:g}; bandwidth {:g}; kernel {}.")
                          .format(grid.ncols, grid.nrows, grid.cell, params.bandwidth,
                                  params.kernel.value))

    def _warn_refined(self, feedback, grid: GridSpec, params: KdeParams, mode: str) -> None:
        factor = refinement_factor(grid.cell, params) if mode == "fast" else 1
        if factor > 1:
            feedback.pushWarning(self.tr(
                "The bandwidth spans only {:.1f} cells; the fast method refines its grid {}x "
                "internally to stay accurate.").format(params.bandwidth / grid.cell, factor))

    # -- grid and kernel -----------------------------------------------------------------------
    def _params(self, parameters, context, bandwidth: float) -> KdeParams:
        """The kernel as asked; a bandwidth of 0 is filled in from the data later."""
        kernel = KERNEL_ORDER[self.parameterAsEnum(parameters, self.KERNEL, context)]
        scaled = self.parameterAsEnum(parameters, self.OUTPUT_VALUE, context) == 1
        decay = self.parameterAsDouble(parameters, self.DECAY, context)
        return KdeParams(bandwidth=bandwidth, kernel=kernel, decay=decay, scaled=scaled)

    def _extent_given(self, parameters, context):
        crs = self.parameterAsSource(parameters, self.INPUT, context).sourceCrs()
        extent = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
        if extent is None or extent.isNull() or extent.width() <= 0 or extent.height() <= 0:
            return None
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())

    def _grid(self, parameters, context, points_extent, params: KdeParams) -> GridSpec:
        cell = self.parameterAsDouble(parameters, self.PIXEL_SIZE, context)
        bounds = self._extent_given(parameters, context)
        if bounds is not None:
            if cell <= 0:
                cell = default_cell_size(bounds)
            grid = GridSpec.aligned(bounds, cell) if math.isfinite(cell) and cell > 0 else None
        else:
            if cell <= 0:
                cell = default_cell_size(points_extent)
                if points_extent[2] == points_extent[0] and points_extent[3] == points_extent[1]:
                    cell = max(params.bandwidth / 10.0, 1e-6)
            grid = (GridSpec.qgis_heatmap(points_extent, params.support, cell)
                    if math.isfinite(cell) and cell > 0 else None)
        if grid is None:
            raise QgsProcessingException(self.tr("The cell size must be a positive number."))
        return grid

    def _unit_factor(self, parameters, context, params: KdeParams, grid: GridSpec) -> float:
        if not params.scaled:
            return 1.0
        unit = self.parameterAsEnum(parameters, self.UNITS, context)
        if unit == 0:
            return 1e6  # per m^2 -> per km^2 (projected CRSs in metres)
        if unit == 1:
            return grid.cell * grid.cell
        return 1.0

    def _write_hotspots(self, parameters, context, feedback, surface, grid, points, crs,
                        nodata) -> str:
        method = "percentile" if self.parameterAsEnum(
            parameters, self.HOTSPOT_METHOD, context) == 0 else "stdev"
        threshold = self.parameterAsDouble(parameters, self.HOTSPOT_THRESHOLD, context)
        values = np.where(surface == nodata, 0.0, surface) if nodata is not None else surface
        hot = hotspot_mask(values, method, threshold)
        labels, count = hotspots.label_regions(hot)
        stats = hotspots.region_statistics(labels, count, values, grid, points.x, points.y,
                                           points.weights)
        fields = QgsFields()
        for name, kind in (("hotspot_id", "int"), ("incidents", "double"),
                           ("share_pct", "double"), ("area_km2", "double"),
                           ("peak", "double"), ("mean", "double")):
            fields.append(compat.make_field(name, kind))
        sink, dest = self.parameterAsSink(parameters, self.HOTSPOTS, context, fields,
                                          compat.WKB_MULTIPOLYGON, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.HOTSPOTS))
        for region_id, wkb in polygonize_labels(labels, grid, crs.toWkt()):
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            geometry.convertToMultiType()
            s = stats[region_id]
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes([int(region_id), s.incidents, s.share_pct, s.area_km2,
                                   s.peak, s.mean])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(self.tr("{} hotspot areas.").format(count))
        return dest
