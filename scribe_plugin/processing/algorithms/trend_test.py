"""scribe:trend_test: Mann-Kendall trend and Sen's slope per area or grid cell."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.analysis import temporal, trends
from ..styles import TREND_CLASSES, categorized_renderer, style_output_on_load
from .incident_inputs import IncidentAlgorithm

PERIOD_CHOICES = ("week", "month", "quarter")
SEASON_LENGTH = {"week": 52, "month": 12, "quarter": 4}
METHODS = ("original", "hamed_rao", "seasonal")
TREND_NAMES = {1: "increasing", 0: "no trend", -1: "decreasing"}


class TrendTestAlgorithm(IncidentAlgorithm):
    NAME = "trend_test"
    PERIOD = "PERIOD"
    METHOD = "METHOD"
    ALPHA = "ALPHA"
    LAGS = "LAGS"
    MIN_INCIDENTS = "MIN_INCIDENTS"
    OUTPUT = "OUTPUT"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Trend test (Mann-Kendall and Sen's slope)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Is crime going up or down, and where? Counts incidents per week, month or "
            "quarter in each area (or grid cell) and tests each series for a monotonic trend "
            "with the Mann-Kendall test, which needs no assumption about the counts' "
            "distribution. Output: the areas as polygons with the trend direction, p-value "
            "and slope, styled red (increasing) / blue (decreasing).</p>"
            "<h3>Methods</h3><ul>"
            "<li><b>Original</b>: Mann-Kendall with the tie correction of Var(S) (counts tie "
            "a lot); z with continuity correction, two-sided normal p.</li>"
            "<li><b>Hamed-Rao</b>: Var(S) multiplied by n/n*s of Hamed &amp; Rao (1998) for "
            "autocorrelated series: autocorrelations of the ranks of the Sen-detrended "
            "series, significant ones only, signed as in the paper. 'Lags' limits them to the "
            "first few (0 = all).</li>"
            "<li><b>Seasonal</b>: Hirsch-Slack seasonal Mann-Kendall: each month of the year "
            "(quarter, week) is tested against itself across years and the scores summed, so "
            "a summer peak is not mistaken for a trend. Needs two full years.</li></ul>"
            "<p><b>slope</b> is Sen's slope in incidents per period (seasonal: per year), "
            "<b>intercept</b> Conover's, <b>tau</b> Kendall's tau. Every period from the first "
            "to the last incident counts, zeros included. Areas (or cells) with fewer "
            "incidents than the minimum are left out: a trend in three burglaries is noise.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.add_area_parameters(cell_default=500.0)
        self.addParameter(QgsProcessingParameterEnum(
            self.PERIOD, self.tr("Period"),
            options=[self.tr("Week"), self.tr("Month"), self.tr("Quarter")], defaultValue=1))
        self.addParameter(QgsProcessingParameterEnum(
            self.METHOD, self.tr("Method"),
            options=[self.tr("Original (tie-corrected)"),
                     self.tr("Hamed-Rao autocorrelation correction"),
                     self.tr("Seasonal (Hirsch-Slack)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            self.ALPHA, self.tr("Significance level"), type=compat.NUMBER_DOUBLE,
            defaultValue=0.05, minValue=0.0001, maxValue=0.5))
        lags = QgsProcessingParameterNumber(
            self.LAGS, self.tr("Hamed-Rao: autocorrelation lags (0 = all)"),
            type=compat.NUMBER_INTEGER, defaultValue=0, minValue=0)
        lags.setFlags(lags.flags() | compat.FLAG_ADVANCED)
        self.addParameter(lags)
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_INCIDENTS, self.tr("Minimum incidents per area"),
            type=compat.NUMBER_INTEGER, defaultValue=10, minValue=1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Trends"), compat.SOURCE_POLYGON))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        period = PERIOD_CHOICES[self.parameterAsEnum(parameters, self.PERIOD, context)]
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        alpha = self.parameterAsDouble(parameters, self.ALPHA, context)
        lags = self.parameterAsInt(parameters, self.LAGS, context) or None
        minimum = self.parameterAsInt(parameters, self.MIN_INCIDENTS, context)
        events, source = self.read_incidents(parameters, context, feedback)
        crs = source.sourceCrs()
        units, unit_of = self.spatial_units(parameters, context, feedback, events, crs)
        result = temporal.count_by_period(events.start_ms, period, unit_of, units.count)
        n_periods = result.counts.shape[1]
        if n_periods < 3:
            raise QgsProcessingException(self.tr(
                "The incidents cover only {} {}(s) ({} to {}); a trend needs at least 3.")
                .format(n_periods, period, result.labels[0], result.labels[-1]))
        if method == "seasonal" and n_periods < 2 * SEASON_LENGTH[period]:
            raise QgsProcessingException(self.tr(
                "The seasonal test needs two full years of {}s; the incidents cover {}.")
                .format(period, n_periods))
        totals = result.counts.sum(axis=1)
        tested = np.flatnonzero(totals >= minimum)
        if tested.size == 0:
            raise QgsProcessingException(self.tr(
                "No area has at least {} incidents; lower the minimum or use larger areas.")
                .format(minimum))
        feedback.pushInfo(self.tr("Testing {} areas over {} {}s ({} to {}).").format(
            tested.size, n_periods, period, result.labels[0], result.labels[-1]))
        series = result.counts[tested]
        if method == "original":
            mk = trends.mann_kendall(series, alpha=alpha)
        elif method == "hamed_rao":
            mk = trends.hamed_rao_test(series, alpha=alpha, lags=lags)
        else:
            mk = trends.seasonal_test(series, period=SEASON_LENGTH[period], alpha=alpha)
        feedback.setProgress(70)
        sink, dest, fields = self.polygon_sink(parameters, self.OUTPUT, context, [
            ("area", "string"), ("incidents", "int"), ("periods", "int"),
            ("first_period", "string"), ("last_period", "string"), ("trend", "string"),
            ("p", "double"), ("z", "double"), ("s", "longlong"), ("var_s", "double"),
            ("tau", "double"), ("slope", "double"), ("intercept", "double"),
            ("method", "string")], crs)
        for row, unit in enumerate(tested):
            self.add_row(sink, fields, [
                units.label(unit), int(totals[unit]), n_periods, result.labels[0],
                result.labels[-1], TREND_NAMES[int(mk.trend[row])], float(mk.p[row]),
                float(mk.z[row]), int(mk.s[row]), float(mk.var_s[row]), float(mk.tau[row]),
                float(mk.slope[row]), float(mk.intercept[row]), method],
                units.geometry(unit))
            if row % 1000 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
        up, down = int((mk.trend == 1).sum()), int((mk.trend == -1).sum())
        feedback.pushInfo(self.tr("{} increasing, {} decreasing, {} without a significant "
                                  "trend.").format(up, down, tested.size - up - down))
        style_output_on_load(context, dest, lambda: categorized_renderer("trend", TREND_CLASSES))
        return {self.OUTPUT: dest}
