"""scribe:dual_kde: ratio or difference of two density surfaces on one grid."""

from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
)

from ... import compat
from ...core.analysis.dual_kde import OPERATIONS, dual_kde
from ...core.analysis.kde import (
    KERNEL_ORDER,
    GridSpec,
    KdeError,
    KdeParams,
    default_bandwidth,
    default_cell_size,
)
from ..point_arrays import bulk_read_allowed, read_points, transform_points
from ..raster_output import NODATA, write_geotiff
from .base import ScribeAlgorithm
from .kde_hotspots import available_memory_bytes


class DualKdeAlgorithm(ScribeAlgorithm):
    NAME = "dual_kde"
    GROUP_ID = "hotspots"
    INPUT_B = "INPUT_B"
    WEIGHT_A = "WEIGHT_A"
    WEIGHT_B = "WEIGHT_B"
    OPERATION = "OPERATION"
    RADIUS = "RADIUS"
    PIXEL_SIZE = "PIXEL_SIZE"
    KERNEL = "KERNEL"
    MIN_DENOMINATOR = "MIN_DENOMINATOR"
    EXTENT = "EXTENT"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Hotspots")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Dual KDE (ratio or difference of two densities)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Two kernel density surfaces on the same grid, with the same kernel and "
            "bandwidth, combined cell by cell:</p><ul>"
            "<li><b>Ratio</b> A / B: risk rather than volume, e.g. burglaries (A) per dwelling "
            "(B, address points). Cells where B's density is below the minimum denominator "
            "are NoData, so sparsely populated edges do not show absurd rates.</li>"
            "<li><b>Difference</b> A - B: change, e.g. this year's incidents (A) minus last "
            "year's (B): positive where it got worse.</li></ul>"
            "<p>Densities are in points per km² (weights if given). The grid covers both "
            "layers (grown by the bandwidth) unless an extent is given; the bandwidth "
            "defaults to the spatial Silverman rule on layer A, the cell to the extent's "
            "shorter side / 250.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Points A (numerator / this period)"), [compat.SOURCE_POINT]))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_A, self.tr("Weight field of A"), parentLayerParameterName=self.INPUT,
            type=compat.FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT_B, self.tr("Points B (denominator / earlier period)"),
            [compat.SOURCE_POINT]))
        self.addParameter(QgsProcessingParameterField(
            self.WEIGHT_B, self.tr("Weight field of B"), parentLayerParameterName=self.INPUT_B,
            type=compat.FIELD_NUMERIC, optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.OPERATION, self.tr("Combine as"),
            options=[self.tr("Ratio A / B"), self.tr("Difference A - B")], defaultValue=0))
        self.addParameter(QgsProcessingParameterDistance(
            self.RADIUS, self.tr("Bandwidth (radius; 0 = from layer A)"), defaultValue=0.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterDistance(
            self.PIXEL_SIZE, self.tr("Cell size (0 = extent / 250)"), defaultValue=0.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            self.KERNEL, self.tr("Kernel"),
            options=[self.tr("Quartic"), self.tr("Triangular"), self.tr("Uniform"),
                     self.tr("Triweight"), self.tr("Epanechnikov"), self.tr("Normal (Gaussian)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_DENOMINATOR, self.tr("Minimum density of B for a ratio (per km²)"),
            type=compat.NUMBER_DOUBLE, defaultValue=1.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, self.tr("Grid extent (default: both layers)"), optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination(
            self.OUTPUT, self.tr("Combined surface")))
        for name, text in (("BANDWIDTH", "Bandwidth used"), ("CELL_SIZE", "Cell size used"),
                           ("MASKED_CELLS", "Cells left out (denominator too low)")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def _points(self, parameters, name: str, weight: str, context, feedback, crs):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        if not compat.is_point_layer_type(source.wkbType()):
            raise QgsProcessingException(self.tr("Both inputs must be point layers."))
        layer = self.parameterAsVectorLayer(parameters, name, context)
        field = self.parameterAsString(parameters, weight, context)
        points = read_points(source, layer, field, feedback,
                             allow_bulk=bulk_read_allowed(parameters.get(name)))
        x, y = points.x, points.y
        if source.sourceCrs() != crs and points.count:
            transform = QgsCoordinateTransform(source.sourceCrs(), crs,
                                               context.transformContext())
            x, y = transform_points(x, y, transform)
        if points.weights is not None and (points.weights < 0).any():
            raise QgsProcessingException(self.tr("Weights must be 0 or more ('{}').")
                                         .format(field))
        return x, y, points.weights

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        crs = self.projected_point_source(parameters, context).sourceCrs()
        a = self._points(parameters, self.INPUT, self.WEIGHT_A, context, feedback, crs)
        b = self._points(parameters, self.INPUT_B, self.WEIGHT_B, context, feedback, crs)
        for label, (x, _, _) in (("A", a), ("B", b)):
            if x.size == 0:
                raise QgsProcessingException(self.tr("Layer {} has no points.").format(label))
        bandwidth = self.parameterAsDouble(parameters, self.RADIUS, context)
        try:
            if bandwidth <= 0:
                bandwidth = default_bandwidth(a[0], a[1], a[2])
            kernel = KERNEL_ORDER[self.parameterAsEnum(parameters, self.KERNEL, context)]
            params = KdeParams(bandwidth=bandwidth, kernel=kernel)
            grid = self._grid(parameters, context, crs, a, b, params)
            operation = OPERATIONS[self.parameterAsEnum(parameters, self.OPERATION, context)]
            minimum = self.parameterAsDouble(parameters, self.MIN_DENOMINATOR, context)
            combined, _, _ = dual_kde(a, b, grid, params, operation, minimum, scale=1e6,
                                      memory_limit_bytes=available_memory_bytes())
        except KdeError as error:
            raise QgsProcessingException(str(error)) from error
        masked = int(np.count_nonzero(np.isnan(combined)))
        if operation == "ratio" and masked == combined.size:
            raise QgsProcessingException(self.tr(
                "Layer B's density is below the minimum denominator ({:g} per km²) in every "
                "cell: lower it.").format(minimum))
        combined[np.isnan(combined)] = NODATA
        output = self.parameterAsOutputLayer(parameters, self.OUTPUT, context)
        write_geotiff(output, combined, grid, crs.toWkt(),
                      nodata=NODATA if operation == "ratio" else None,
                      description=f"{operation} of two {kernel.value} KDEs, bandwidth "
                                  f"{bandwidth:g}")
        feedback.pushInfo(self.tr("Grid {} x {} cells of {:g}, bandwidth {:g}; {} cells left "
                                  "out.").format(grid.ncols, grid.nrows, grid.cell, bandwidth,
                                                 masked))
        return {self.OUTPUT: output, "BANDWIDTH": float(bandwidth),
                "CELL_SIZE": float(grid.cell), "MASKED_CELLS": masked}

    def _grid(self, parameters, context, crs, a, b, params: KdeParams) -> GridSpec:
        cell = self.parameterAsDouble(parameters, self.PIXEL_SIZE, context)
        rect = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
        if parameters.get(self.EXTENT) not in (None, "") and rect is not None \
                and not rect.isNull() and rect.width() > 0 and rect.height() > 0:
            bounds = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
            return GridSpec.aligned(bounds, cell if cell > 0 else default_cell_size(bounds))
        xs = np.concatenate([a[0], b[0]])
        ys = np.concatenate([a[1], b[1]])
        bounds = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        if cell <= 0:
            cell = default_cell_size(bounds)
            if not math.isfinite(cell) or cell <= 0:
                cell = max(params.bandwidth / 10.0, 1e-6)
        return GridSpec.qgis_heatmap(bounds, params.support, cell)
