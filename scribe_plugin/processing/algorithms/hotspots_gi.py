"""scribe:hotspots_gi: Getis-Ord Gi* hot and cold spots on a grid or areas."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.analysis import hotspots_gi as gi
from ..styles import GI_CLASSES, categorized_renderer, style_output_on_load
from .incident_inputs import IncidentAlgorithm


class HotspotsGiAlgorithm(IncidentAlgorithm):
    NAME = "hotspots_gi"
    GROUP_ID = "hotspots"
    WEIGHTS = "WEIGHTS"
    DISTANCE = "DISTANCE"
    NEIGHBOURS = "NEIGHBOURS"
    FDR = "FDR"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Hotspots")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Hot and cold spots (Getis-Ord Gi*)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Where do incidents cluster more (hot spots) or less (cold spots) than chance "
            "would give? Counts incidents per grid cell or area and computes the Getis-Ord "
            "Gi* statistic of each with its neighbours (itself included): a z-score, high "
            "where high counts sit next to high counts.</p>"
            "<h3>Neighbours</h3><ul>"
            "<li><b>Distance band</b>: cells (area centres) within the distance. 0 = 1.5 cells "
            "on a grid (the 8 touching cells), or for areas the smallest distance that gives "
            "every area at least one neighbour. On a grid Gi* is computed as two "
            "convolutions, so large grids take seconds.</li>"
            "<li><b>k nearest</b>: each area's k nearest areas by centre.</li></ul>"
            "<h3>Classes</h3><p>Two-sided p-values from the z-scores, adjusted for the many "
            "tests with the Benjamini-Hochberg false discovery rate when ticked (recommended: "
            "without it, 1 in 10 cells could be a 90% 'hot spot' by chance). Cells are "
            "classed hot/cold at 99%, 95% and 90% confidence (gi_class 3..-3), styled red to "
            "blue. Every cell of the grid over the incidents counts, empty ones included; "
            "with areas, incidents outside every area are left out.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.add_area_parameters(cell_default=250.0)
        self.addParameter(QgsProcessingParameterEnum(
            self.WEIGHTS, self.tr("Neighbours"),
            options=[self.tr("Distance band"), self.tr("k nearest neighbours")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterDistance(
            self.DISTANCE, self.tr("Distance band (0 = automatic)"), defaultValue=0.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.NEIGHBOURS, self.tr("k (nearest neighbours)"), type=compat.NUMBER_INTEGER,
            defaultValue=8, minValue=1))
        self.addParameter(QgsProcessingParameterBoolean(
            self.FDR, self.tr("Correct for multiple tests (false discovery rate)"),
            defaultValue=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Gi* hot and cold spots"), compat.SOURCE_POLYGON))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        events, source = self.read_incidents(parameters, context, feedback)
        crs = source.sourceCrs()
        units, unit_of = self.spatial_units(parameters, context, feedback, events, crs)
        counts = np.bincount(unit_of[unit_of >= 0], minlength=units.count).astype(np.float64)
        use_knn = self.parameterAsEnum(parameters, self.WEIGHTS, context) == 1
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        k = self.parameterAsInt(parameters, self.NEIGHBOURS, context)
        fdr = self.parameterAsBool(parameters, self.FDR, context)
        try:
            if units.grid is not None and not use_knn:
                cell = units.grid.cell
                band = distance if distance > 0 else 1.5 * cell
                kernel = gi.disc_kernel(band, cell)
                feedback.pushInfo(self.tr("Distance band {:g} ({} cells per neighbourhood).")
                                  .format(band, int(kernel.sum())))
                z, neighbours = gi.gi_star_grid(counts.reshape(units.grid.shape), kernel)
                z, neighbours = z.ravel(), neighbours.ravel()
            elif use_knn:
                weights = gi.knn_weights(units.centroid_x, units.centroid_y, k)
                z, neighbours = gi.gi_star_weights(counts, weights)
            else:
                band = distance if distance > 0 else _smallest_connecting_band(units)
                feedback.pushInfo(self.tr("Distance band {:g}.").format(band))
                weights = gi.distance_band_weights(units.centroid_x, units.centroid_y, band)
                z, neighbours = gi.gi_star_weights(counts, weights)
        except gi.GiError as error:
            raise QgsProcessingException(str(error)) from error
        result = gi.gi_result(z, neighbours, fdr)
        feedback.setProgress(60)
        sink, dest, fields = self.polygon_sink(parameters, self.OUTPUT, context, [
            ("area", "string"), ("incidents", "int"), ("neighbours", "int"), ("gi_z", "double"),
            ("p", "double"), ("gi_class", "int"), ("gi_label", "string")], crs)
        for unit in range(units.count):
            cls = int(result.classes[unit])
            self.add_row(sink, fields, [
                units.label(unit), int(counts[unit]), int(neighbours[unit]),
                float(result.z[unit]), float(result.p[unit]), cls, gi.CLASS_LABELS[cls]],
                units.geometry(unit))
            if unit % 5000 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled."))
                feedback.setProgress(60 + 40 * unit / units.count)
        hot, cold = int((result.classes > 0).sum()), int((result.classes < 0).sum())
        feedback.pushInfo(self.tr("{} hot and {} cold cells or areas{}.").format(
            hot, cold, self.tr(" (false discovery rate corrected)") if fdr else ""))
        style_output_on_load(context, dest, lambda: categorized_renderer("gi_class", GI_CLASSES))
        return {self.OUTPUT: dest}


def _smallest_connecting_band(units) -> float:
    """The largest nearest-neighbour distance between area centres: every area then has at
    least one neighbour (ArcGIS's default for Gi*)."""
    from scipy.spatial import cKDTree

    points = np.column_stack([units.centroid_x, units.centroid_y])
    if len(points) < 2:
        raise QgsProcessingException("Gi* needs at least 3 areas.")
    distances, _ = cKDTree(points).query(points, k=2)
    return float(distances[:, 1].max()) * (1 + 1e-9)
