"""scribe:emerging_hotspots: space-time cube, Gi* per time step, Mann-Kendall per cell."""

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
from ...core.analysis import emerging, hotspots_gi, temporal
from ..styles import categorized_renderer, emerging_classes, style_output_on_load
from .incident_inputs import IncidentAlgorithm

STEPS = ("week", "month", "quarter")
CONFIDENCES = (0.90, 0.95, 0.99)


class EmergingHotspotsAlgorithm(IncidentAlgorithm):
    NAME = "emerging_hotspots"
    GROUP_ID = "hotspots"
    TIME_STEP = "TIME_STEP"
    DISTANCE = "DISTANCE"
    CONFIDENCE = "CONFIDENCE"
    TREND_ALPHA = "TREND_ALPHA"
    FDR = "FDR"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Hotspots")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Emerging hot spots")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Which places are becoming, staying or ceasing to be hot spots? Incidents are "
            "counted in a space-time cube (grid cells x time steps, every step from the first "
            "incident to the last). In each time step every cell gets a Getis-Ord Gi* z-score "
            "with its neighbours within the distance band (0 = the 8 touching cells); it is "
            "<i>hot</i> (<i>cold</i>) in that step when Gi* is significantly high (low) at the "
            "chosen confidence. Each cell's series of z-scores then gets a Mann-Kendall trend "
            "test at the trend significance level. With T steps, '90% of the steps' means at "
            "least ceil(0.9 T).</p>"
            "<h3>Categories</h3><ul>"
            "<li><b>New</b>: hot in the final step, never hot (nor cold) before.</li>"
            "<li><b>Consecutive</b>: hot in one unbroken run of at least two steps ending with "
            "the final step, never hot before the run, never cold, hot in fewer than 90% of "
            "the steps.</li>"
            "<li><b>Intensifying</b>: hot in at least 90% of the steps including the final one, "
            "with a significant upward trend in the z-scores.</li>"
            "<li><b>Persistent</b>: hot in at least 90% of the steps including the final one, "
            "with no significant trend.</li>"
            "<li><b>Diminishing</b>: hot in at least 90% of the steps including the final one, "
            "with a significant downward trend.</li>"
            "<li><b>Sporadic</b>: hot in the final step and in earlier steps with gaps between "
            "(not one final run), hot in fewer than 90% of the steps, never cold.</li>"
            "<li><b>Oscillating</b>: hot in the final step, cold in at least one earlier step, "
            "hot in fewer than 90% of the steps (takes precedence over new, consecutive and "
            "sporadic).</li>"
            "<li><b>Historical</b>: not hot in the final step, but hot in at least 90% of the "
            "steps.</li>"
            "<li>The <b>cold</b> categories mirror these with cold spots and the trend "
            "reversed (intensifying cold: z-scores falling).</li>"
            "<li><b>No pattern</b>: none of the above.</li></ul>"
            "<p>Output: the cells that had at least one incident, with the category, its code "
            "(1..8 hot, -1..-8 cold, 0 none), the hot and cold step counts and the trend "
            "z and p, styled by category. Gi* uses all cells of the grid.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.addParameter(QgsProcessingParameterDistance(
            self.CELL_SIZE, self.tr("Cell size"), defaultValue=250.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.add_extent_parameter()
        self.addParameter(QgsProcessingParameterEnum(
            self.TIME_STEP, self.tr("Time step"),
            options=[self.tr("Week"), self.tr("Month"), self.tr("Quarter")], defaultValue=1))
        self.addParameter(QgsProcessingParameterDistance(
            self.DISTANCE, self.tr("Neighbourhood distance (0 = the 8 touching cells)"),
            defaultValue=0.0, parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterEnum(
            self.CONFIDENCE, self.tr("Hot/cold spot confidence"),
            options=["90%", "95%", "99%"], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.TREND_ALPHA, self.tr("Trend significance level"), type=compat.NUMBER_DOUBLE,
            defaultValue=0.05, minValue=0.0001, maxValue=0.5))
        self.addParameter(QgsProcessingParameterBoolean(
            self.FDR, self.tr("False discovery rate correction in each time step"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Emerging hot spots"), compat.SOURCE_POLYGON))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        step = STEPS[self.parameterAsEnum(parameters, self.TIME_STEP, context)]
        distance = self.parameterAsDouble(parameters, self.DISTANCE, context)
        confidence = CONFIDENCES[self.parameterAsEnum(parameters, self.CONFIDENCE, context)]
        trend_alpha = self.parameterAsDouble(parameters, self.TREND_ALPHA, context)
        fdr = self.parameterAsBool(parameters, self.FDR, context)
        events, source = self.read_incidents(parameters, context, feedback)
        crs = source.sourceCrs()
        units, cell_of = self.study_grid(parameters, context, feedback, events, crs)
        grid = units.grid
        inside = cell_of >= 0
        if not inside.any():
            raise QgsProcessingException(self.tr("No incident lies inside the study area."))
        cell_of = cell_of[inside]
        keys = temporal.period_keys(events.start_ms[inside], step)
        first = int(keys.min())
        n_steps = int(keys.max()) - first + 1
        if n_steps < 3:
            raise QgsProcessingException(self.tr(
                "The incidents cover only {} {}(s); emerging hot spots need at least 3 time "
                "steps (10 or more for the 90% categories to mean much).").format(n_steps, step))
        if n_steps < 10:
            feedback.pushWarning(self.tr(
                "Only {} time steps: with fewer than 10, 'at least 90% of the steps' means "
                "every step.").format(n_steps))
        cube = np.bincount((keys - first) * grid.ncols * grid.nrows + cell_of,
                           minlength=n_steps * grid.ncols * grid.nrows)
        cube = cube.reshape(n_steps, grid.nrows, grid.ncols)
        feedback.pushInfo(self.tr("Space-time cube: {} x {} cells x {} {}s.").format(
            grid.ncols, grid.nrows, n_steps, step))
        cell = grid.cell
        kernel = hotspots_gi.disc_kernel(distance if distance > 0 else 1.5 * cell, cell)

        def progress(fraction: float) -> bool:
            feedback.setProgress(40 + 50 * fraction)
            return feedback.isCanceled()

        result = emerging.emerging_hotspots(cube, kernel, confidence, trend_alpha, fdr,
                                            progress)
        if result is None:
            raise QgsProcessingException(self.tr("Cancelled."))
        sink, dest, fields = self.polygon_sink(parameters, self.OUTPUT, context, [
            ("cell", "string"), ("category", "string"), ("code", "int"),
            ("incidents", "int"), ("hot_steps", "int"), ("cold_steps", "int"),
            ("trend_z", "double"), ("trend_p", "double"), ("final_z", "double")], crs)
        occupied = np.flatnonzero(cube.sum(axis=0).ravel() > 0)
        category = result.category.ravel()
        totals = cube.sum(axis=0).ravel()
        final_z = result.z[-1].ravel()
        for n, unit in enumerate(occupied):
            code = int(category[unit])
            self.add_row(sink, fields, [
                units.label(unit), emerging.CATEGORY_NAMES[code], code, int(totals[unit]),
                int(result.hot_steps.ravel()[unit]), int(result.cold_steps.ravel()[unit]),
                float(result.trend_z.ravel()[unit]), float(result.trend_p.ravel()[unit]),
                float(final_z[unit])], units.geometry(unit))
            if n % 5000 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
        names, found = np.unique(category[occupied], return_counts=True)
        for code, count in zip(names, found):
            feedback.pushInfo(f"{emerging.CATEGORY_NAMES[int(code)]}: {count}")
        style_output_on_load(context, dest, lambda: categorized_renderer(
            "code", emerging_classes(emerging.CATEGORY_NAMES)))
        return {self.OUTPUT: dest}
