"""scribe:counts_by_period: incidents per period, category and area, with change tests."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QDate

from ... import compat
from ...core.analysis import temporal
from .. import charts
from .incident_inputs import IncidentAlgorithm

# periods back to "the same period last year" (days: 364 keeps the weekday)
YEAR_LAG = {"day": 364, "week": 52, "month": 12, "quarter": 4, "year": 1}
CHART_LINES = 6  # categories drawn besides the total; more become unreadable


class CountsByPeriodAlgorithm(IncidentAlgorithm):
    NAME = "counts_by_period"
    PERIOD = "PERIOD"
    WINDOW = "WINDOW"
    OUTPUT = "OUTPUT"
    CHART = "CHART"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Counts by period")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Counts incidents per period (day, week, month, quarter or year) per category "
            "and per area, with every period between the first and last incident present "
            "(zeros included), as a table and a chart.</p>"
            "<h3>Columns</h3><ul>"
            "<li><b>count</b>, and <b>moving_avg</b>: the trailing mean over the chosen number "
            "of periods (empty until that many periods exist).</li>"
            "<li><b>prev_count</b>, <b>change_prev_pct</b> and <b>p_prev</b>: the previous "
            "period, the percent change (empty when the previous count is 0), and the p-value "
            "of the change.</li>"
            "<li><b>last_year_count</b>, <b>change_year_pct</b>, <b>p_year</b>: the same for the "
            "same period a year earlier (52 weeks, 364 days).</li></ul>"
            "<h3>Significance test</h3><p>The exact conditional test for two Poisson counts "
            "(Przyborowski &amp; Wilenski 1940): given the two counts' total n, the current "
            "count is Binomial(n, d1 / (d1 + d0)) when the daily rate has not changed, d1 and "
            "d0 being the periods' lengths in days (so February compares fairly with March). "
            "The two-sided p-value doubles the smaller tail. p &lt; 0.05 means a change that "
            "chance alone would rarely produce; it says nothing about why.</p>"
            "<p>Areas: incidents outside every area are left out (and counted in the log). "
            "Instead of areas, a grid cell size counts in square cells (named rNcM, row and "
            "column, edges on multiples of the size). Without either, all incidents form one "
            "area called 'All'. Times are read in the "
            "partnership's time zone (advanced parameter).</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters(category=True)
        self.addParameter(QgsProcessingParameterEnum(
            self.PERIOD, self.tr("Period"),
            options=[self.tr("Day"), self.tr("Week (Monday to Sunday)"), self.tr("Month"),
                     self.tr("Quarter"), self.tr("Year")], defaultValue=2))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.AREAS, self.tr("Areas to count in (optional: wards, LSOAs...)"),
            [compat.SOURCE_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_ID, self.tr("Area name or code field"),
            parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterDistance(
            self.CELL_SIZE, self.tr("Or count in grid cells of this size (0 = no grid)"),
            defaultValue=0.0, parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.WINDOW, self.tr("Moving average over (periods)"), type=compat.NUMBER_INTEGER,
            defaultValue=3, minValue=1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Counts by period"), compat.SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CHART, self.tr("Chart"), self.tr("PNG image (*.png);;SVG image (*.svg)"),
            optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        period = temporal.PERIODS[self.parameterAsEnum(parameters, self.PERIOD, context)]
        window = self.parameterAsInt(parameters, self.WINDOW, context)
        areas = self.parameterAsSource(parameters, self.AREAS, context)
        cell = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        by_place = areas is not None or cell > 0
        events, source = self.read_incidents(parameters, context, feedback,
                                             need_geometry=by_place)
        if by_place:
            units, area_of = self.spatial_units(parameters, context, feedback, events,
                                                source.sourceCrs())
            area_names = [units.label(k) for k in range(units.count)]
            outside = int((area_of < 0).sum())
            if outside:
                feedback.pushWarning(self.tr("{} incidents fall outside every area and are not "
                                             "counted.").format(outside))
        else:
            area_of = np.zeros(events.count, dtype=np.int64)
            area_names = [self.tr("All")]
        if events.categories:
            category_names = events.categories
            category_of = events.category
        else:
            category_names = [self.tr("All incidents")]
            category_of = np.zeros(events.count, dtype=np.int64)
        n_cat = len(category_names)
        groups = np.where(area_of >= 0, area_of * n_cat + category_of, -1)
        result = temporal.count_by_period(events.start_ms, period, groups,
                                          len(area_names) * n_cat)
        counts = result.counts
        n_periods = counts.shape[1]
        if n_periods < 2:
            feedback.pushWarning(self.tr(
                "All incidents fall in one {} ({}): there is no change to measure.")
                .format(period, result.labels[0]))
        feedback.pushInfo(self.tr("{} periods from {} to {}.").format(
            n_periods, result.labels[0], result.labels[-1]))
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled."))

        keys = result.keys
        days = temporal.period_days(keys, period)
        moving = temporal.moving_average(counts, window)
        previous = _shifted(counts, 1)
        year_lag = YEAR_LAG[period]
        last_year = _shifted(counts, year_lag)
        days_prev = temporal.period_days(keys - 1, period)
        days_year = temporal.period_days(keys - year_lag, period)
        p_prev = temporal.rate_change_p(counts, np.nan_to_num(previous), days, days_prev)
        p_year = temporal.rate_change_p(counts, np.nan_to_num(last_year), days, days_year)
        change_prev = temporal.percent_change(counts, previous)
        change_year = temporal.percent_change(counts, last_year)
        p_prev[:, 0] = np.nan
        p_year[:, :year_lag] = np.nan

        sink, dest, fields = self.table_sink(parameters, self.OUTPUT, context, [
            ("area", "string"), ("category", "string"), ("period", "string"),
            ("period_start", "date"), ("days", "int"), ("count", "int"),
            ("moving_avg", "double"), ("prev_count", "int"), ("change_prev_pct", "double"),
            ("p_prev", "double"), ("last_year_count", "int"), ("change_year_pct", "double"),
            ("p_year", "double")])
        starts = [QDate.fromString(str(d), "yyyy-MM-dd")
                  for d in temporal.period_start(keys, period)]
        labels = result.labels
        written = 0
        for g in range(counts.shape[0]):
            if counts[g].sum() == 0:
                continue  # a category never seen in that area
            area, category = area_names[g // n_cat], category_names[g % n_cat]
            for p in range(n_periods):
                self.add_row(sink, fields, [
                    area, category, labels[p], starts[p], int(days[p]), int(counts[g, p]),
                    _num(moving[g, p]), _int(previous[g, p]), _num(change_prev[g, p]),
                    _num(p_prev[g, p]), _int(last_year[g, p]), _num(change_year[g, p]),
                    _num(p_year[g, p])])
                written += 1
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled."))
            feedback.setProgress(50 + 45 * (g + 1) / counts.shape[0])
        outputs = {self.OUTPUT: dest}
        chart_path = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart_path:
            outputs[self.CHART] = self._chart(chart_path, counts, len(area_names), n_cat,
                                              category_names, labels, window, period)
        feedback.pushInfo(self.tr("{} rows written.").format(written))
        return outputs

    def _chart(self, path, counts, n_areas, n_cat, category_names, labels, window, period):
        by_category = counts.reshape(n_areas, n_cat, -1).sum(axis=0)
        series = {self.tr("All incidents"): by_category.sum(axis=0)}
        if n_cat > 1:
            top = np.argsort(-by_category.sum(axis=1), kind="stable")[:CHART_LINES]
            for c in top:
                series[category_names[c]] = by_category[c]
        moving = {name: temporal.moving_average(values[None, :], window)[0]
                  for name, values in series.items()}
        title = self.tr("Incidents per {}").format(period)
        return charts.period_chart(path, labels, series, moving, title, window)


def _shifted(counts: np.ndarray, lag: int) -> np.ndarray:
    """counts lagged by ``lag`` periods, NaN where the lag runs before the first period."""
    out = np.full(counts.shape, np.nan)
    if lag < counts.shape[1]:
        out[:, lag:] = counts[:, :-lag]
    return out


def _num(value: float):
    return None if not np.isfinite(value) else float(value)


def _int(value: float):
    return None if not np.isfinite(value) else int(value)
