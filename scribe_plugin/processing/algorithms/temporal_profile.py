"""scribe:temporal_profile: hour of day x day of week, aoristic for time windows."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.analysis import temporal
from .. import charts
from .incident_inputs import IncidentAlgorithm


class TemporalProfileAlgorithm(IncidentAlgorithm):
    NAME = "temporal_profile"
    MAX_WINDOW = "MAX_WINDOW"
    OUTPUT = "OUTPUT"
    CHART = "CHART"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Temporal profile (hour x weekday)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>When in the week do incidents happen? A 7 x 24 table and heat grid of "
            "incidents by day of week (Monday first) and hour of day, in the partnership's "
            "time zone.</p>"
            "<p><b>Aoristic apportioning</b> (Ratcliffe 2002): a burglary discovered after a "
            "weekend only has a window (occurred_from to occurred_to). Each incident counts "
            "once in total, shared between the hours of its window in proportion to the time "
            "spent in each: 02:30-04:30 gives 30 minutes to 02:00, 60 to 03:00 and 30 to "
            "04:00, so 0.25, 0.5 and 0.25 of an incident. Incidents without an end time, or "
            "ending when they start, count fully in their hour. Windows longer than the "
            "maximum are left out (reported), since a fortnight's window says nothing about "
            "the hour.</p>"
            "<p>Note: police.uk data carries the month only; its profile is meaningless.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters(end_field=True)
        self.addParameter(QgsProcessingParameterNumber(
            self.MAX_WINDOW, self.tr("Longest time window to apportion, hours (0 = any)"),
            type=compat.NUMBER_DOUBLE, defaultValue=168.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Hour x weekday table"), compat.SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CHART, self.tr("Heat grid chart"), self.tr("PNG image (*.png);;SVG image (*.svg)"),
            optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        events, _ = self.read_incidents(parameters, context, feedback, need_geometry=False)
        max_window = self.parameterAsDouble(parameters, self.MAX_WINDOW, context)
        profile = temporal.week_profile(events.start_ms, events.end_ms, max_window)
        feedback.pushInfo(self.tr("{} incidents at a known time, {} apportioned over their "
                                  "time window.").format(profile.exact, profile.apportioned))
        if profile.too_long:
            feedback.pushWarning(self.tr("{} incidents with a window longer than {:g} hours "
                                         "were left out.").format(profile.too_long, max_window))
        at_midnight = int(np.count_nonzero(events.start_ms % temporal.MS_PER_DAY == 0))
        if at_midnight > 0.5 * events.count:
            feedback.pushWarning(self.tr(
                "{} of {} incidents are at exactly 00:00: the field probably holds dates "
                "without times, and the profile will show a false midnight peak.")
                .format(at_midnight, events.count))
        sink, dest, fields = self.table_sink(parameters, self.OUTPUT, context, [
            ("weekday_no", "int"), ("weekday", "string"), ("hour", "int"),
            ("incidents", "double"), ("share_pct", "double")])
        total = profile.matrix.sum()
        for day in range(7):
            for hour in range(24):
                value = float(profile.matrix[day, hour])
                self.add_row(sink, fields, [day + 1, temporal.WEEKDAYS[day], hour, value,
                                            100.0 * value / total if total else 0.0])
        outputs = {self.OUTPUT: dest}
        chart_path = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart_path:
            outputs[self.CHART] = charts.week_heatmap(
                chart_path, profile.matrix, temporal.WEEKDAYS,
                self.tr("Incidents by hour and day of week"))
        return outputs
