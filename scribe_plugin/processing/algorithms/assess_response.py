"""scribe:assess_response: before/after for a response area, its buffer and a control area:
changes with significance, the Weighted Displacement Quotient and the relative effect size."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
)

from ... import compat
from ...core.analysis import temporal
from ...core.analysis.evaluation import (
    ResponseCounts,
    relative_effect_size,
    weighted_displacement,
)
from .. import charts
from ..event_reader import _MS_PER_DAY, time_zone, wall_clock_ms
from ..spatial_units import area_units
from .incident_inputs import IncidentAlgorithm

AREAS = ("response", "buffer", "control")


class AssessResponseAlgorithm(IncidentAlgorithm):
    NAME = "assess_response"
    GROUP_ID = "evaluation"
    TARGET = "TARGET"
    BUFFER = "BUFFER"
    BUFFER_DISTANCE = "BUFFER_DISTANCE"
    CONTROL = "CONTROL"
    BEFORE_START = "BEFORE_START"
    BEFORE_END = "BEFORE_END"
    AFTER_START = "AFTER_START"
    AFTER_END = "AFTER_END"
    OUTPUT = "OUTPUT"
    CHART = "CHART"

    def group(self) -> str:
        return self.tr("Assessment")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Assess a response (WDQ, before/after)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>SARA's Assessment: did crime fall where the response was made, was it pushed "
            "next door, and would it have fallen anyway? Incidents are counted before and "
            "after in the <b>response area</b>, a <b>buffer</b> around it (given, or a ring "
            "of the buffer distance; the response area is never part of it) and a "
            "<b>control area</b> with similar crime and no response (it should not overlap "
            "the other two).</p>"
            "<p>Per area: counts, % change and the exact Poisson test of the change, per day "
            "of each period. Then the <b>Weighted Displacement Quotient</b> (Bowers &amp; "
            "Johnson 2003): SM = A1/C1 - A0/C0, BDM = B1/C1 - B0/C0, WDQ = BDM / SM, read "
            "only when SM &lt; 0 (WDQ &gt; 1 diffusion of benefits larger than the effect; "
            "0 to 1 diffusion; -1 to 0 displacement smaller than the benefit; below -1 "
            "displacement larger than it), the total net effect in incidents, and the "
            "relative effect size (A0 C1) / (A1 C0) with its 95% interval and p-value.</p>"
            "<p>Period ends are excluded; the periods need not be the same length (the "
            "Poisson tests allow for it; the WDQ compares areas within each period).</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.TARGET, self.tr("Response area"), [compat.SOURCE_POLYGON]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.BUFFER, self.tr("Buffer area (optional: else a ring around the response "
                                 "area)"), [compat.SOURCE_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterDistance(
            self.BUFFER_DISTANCE, self.tr("Ring width when no buffer area is given"),
            defaultValue=500.0, parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.CONTROL, self.tr("Control area"), [compat.SOURCE_POLYGON]))
        for name, label in ((self.BEFORE_START, self.tr("Before: from")),
                            (self.BEFORE_END, self.tr("Before: until (excluded)")),
                            (self.AFTER_START, self.tr("After: from")),
                            (self.AFTER_END, self.tr("After: until (excluded)"))):
            self.addParameter(QgsProcessingParameterDateTime(name, label))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Before/after table"), compat.SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CHART, self.tr("Chart"), self.tr("PNG image (*.png);;SVG image (*.svg)"),
            optional=True, createByDefault=False))
        for name, text in (("SM", "Success measure"), ("BDM", "Buffer displacement measure"),
                           ("WDQ", "Weighted displacement quotient"),
                           ("TOTAL_NET_EFFECT", "Total net effect (incidents prevented)"),
                           ("RES", "Relative effect size"), ("RES_P", "Effect size p-value")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))
        self.addOutput(QgsProcessingOutputString("INTERPRETATION", self.tr("Interpretation")))

    def _region(self, parameters, name: str, context, feedback, crs):

        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            return None
        region = area_units(source, "", crs, context, feedback).union()
        if region.is_empty:
            raise QgsProcessingException(self.tr("The {} area is empty.").format(name.lower()))
        return region

    def _when(self, parameters, name: str, context, zone) -> int:
        value = wall_clock_ms(self.parameterAsDateTime(parameters, name, context), zone)
        if value is None:
            raise QgsProcessingException(self.tr("Give every period date."))
        return value

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import shapely

        source = self.point_source(parameters, context)
        crs = source.sourceCrs()
        target = self._region(parameters, self.TARGET, context, feedback, crs)
        control = self._region(parameters, self.CONTROL, context, feedback, crs)
        buffer = self._region(parameters, self.BUFFER, context, feedback, crs)
        if buffer is None:
            if crs.isGeographic():
                raise QgsProcessingException(self.tr(
                    "A ring buffer needs a CRS in metres: reproject, or give a buffer area."))
            width = self.parameterAsDouble(parameters, self.BUFFER_DISTANCE, context)
            buffer = shapely.buffer(target, width)
        buffer = shapely.difference(buffer, target)
        if shapely.intersects(control, shapely.union(target, buffer)) and \
                shapely.area(shapely.intersection(control, shapely.union(target, buffer))) > 0:
            feedback.pushWarning(self.tr(
                "The control area overlaps the response area or its buffer: the comparison "
                "is weakened; choose a separate control area."))
        zone = time_zone(self.parameterAsString(parameters, self.TIME_ZONE, context))
        b0, b1 = (self._when(parameters, n, context, zone)
                  for n in (self.BEFORE_START, self.BEFORE_END))
        a0, a1 = (self._when(parameters, n, context, zone)
                  for n in (self.AFTER_START, self.AFTER_END))
        if not (b0 < b1 <= a0 < a1):
            raise QgsProcessingException(self.tr(
                "The periods must be in order: before from < before until <= after from < "
                "after until."))
        events, _ = self.read_incidents(parameters, context, feedback)
        before = (events.start_ms >= b0) & (events.start_ms < b1)
        after = (events.start_ms >= a0) & (events.start_ms < a1)
        counts = {}
        for label, region in zip(AREAS, (target, buffer, control)):
            shapely.prepare(region)
            inside = shapely.contains_xy(region, events.x, events.y)
            counts[label] = (int((inside & before).sum()), int((inside & after).sum()))
        days_before, days_after = (b1 - b0) / _MS_PER_DAY, (a1 - a0) / _MS_PER_DAY
        sink, dest, fields = self.table_sink(parameters, self.OUTPUT, context, [
            ("area", "string"), ("before", "int"), ("after", "int"), ("before_days", "double"),
            ("after_days", "double"), ("change_pct", "double"), ("p_value", "double")])
        for label in AREAS:
            c0, c1 = counts[label]
            change = float(temporal.percent_change(np.array([c1 / days_after]),
                                                   np.array([c0 / days_before]))[0])
            p = float(temporal.rate_change_p(np.array([c1]), np.array([c0]), days_after,
                                             days_before)[0])
            self.add_row(sink, fields, [label, c0, c1, days_before, days_after,
                                        None if change != change else change,
                                        None if p != p else p])
        response = ResponseCounts(*counts["response"], *counts["buffer"], *counts["control"])
        wdq = weighted_displacement(response)
        res = relative_effect_size(*counts["response"], *counts["control"])
        feedback.pushInfo(self.tr("WDQ {:.3f} (SM {:.4f}, BDM {:.4f}): {}. Total net effect "
                                  "{:.1f} incidents; relative effect size {:.2f} (95% {:.2f} "
                                  "to {:.2f}, p = {:.3f}).").format(
            wdq.wdq, wdq.success_measure, wdq.buffer_measure, wdq.interpretation,
            wdq.total_net_effect, res.res, res.low, res.high, res.p_value))
        outputs = {self.OUTPUT: dest, "SM": wdq.success_measure, "BDM": wdq.buffer_measure,
                   "WDQ": wdq.wdq, "TOTAL_NET_EFFECT": wdq.total_net_effect,
                   "RES": res.res, "RES_P": res.p_value, "INTERPRETATION": wdq.interpretation}
        chart_path = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart_path:
            outputs[self.CHART] = charts.before_after_chart(
                chart_path, list(AREAS), [counts[a] for a in AREAS],
                self.tr("Before and after the response"), wdq.interpretation)
        return outputs
