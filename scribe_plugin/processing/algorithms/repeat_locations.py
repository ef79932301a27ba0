"""scribe:repeat_locations: places with repeat incidents, ranked, with their share of all."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.analysis.repeats import rank_places
from .. import styles
from ..event_reader import _MS_PER_DAY, wall_clock_ms, wall_clock_text
from .incident_inputs import IncidentAlgorithm


class RepeatLocationsAlgorithm(IncidentAlgorithm):
    NAME = "repeat_locations"
    GROUP_ID = "patterns"
    TOLERANCE = "TOLERANCE"
    MIN_INCIDENTS = "MIN_INCIDENTS"
    START = "START"
    END = "END"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Repeats and near repeats")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Repeat locations")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Which places keep having incidents? Incidents at the same point (police.uk's "
            "snap points, an address) or within a tolerance of each other (chains of points "
            "each within the tolerance, so a place recorded with slightly different "
            "coordinates counts once) are grouped; places with at least the minimum number of "
            "incidents in the time window are ranked, most first.</p>"
            "<p>Each place gets its count, its share of all incidents in the window and the "
            "cumulative share down the ranking: the \"hot spots and hot streets\" view (how "
            "few places hold most of the crime). The log reports how many places hold half "
            "and 80% of the incidents. A place's point is its most used exact point.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.addParameter(QgsProcessingParameterDistance(
            self.TOLERANCE, self.tr("Same place within (0 = exactly the same point)"),
            defaultValue=0.0, parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_INCIDENTS, self.tr("Minimum incidents for a repeat location"),
            defaultValue=2, minValue=2))
        for name, label in ((self.START, self.tr("Window start (optional)")),
                            (self.END, self.tr("Window end (optional, excluded)"))):
            self.addParameter(QgsProcessingParameterDateTime(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Repeat locations"), compat.SOURCE_POINT))
        for name, text in (("INCIDENTS", "Incidents in the window"),
                           ("PLACES", "Places with incidents"),
                           ("REPEAT_PLACES", "Repeat locations"),
                           ("REPEAT_SHARE_PCT", "Share of incidents at repeat locations (%)"),
                           ("PLACES_FOR_HALF", "Places holding 50% of incidents"),
                           ("PLACES_FOR_80PCT", "Places holding 80% of incidents")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.point_source(parameters, context)
        events, _ = self.read_incidents(parameters, context, feedback)
        zone = self.parameterAsString(parameters, self.TIME_ZONE, context)
        keep = np.ones(events.count, dtype=bool)
        for name, compare in ((self.START, np.greater_equal), (self.END, np.less)):
            if parameters.get(name) not in (None, ""):
                from ..event_reader import time_zone

                bound = wall_clock_ms(self.parameterAsDateTime(parameters, name, context),
                                      time_zone(zone))
                if bound is None:
                    raise QgsProcessingException(self.tr("The window dates are not valid."))
                keep &= compare(events.start_ms, bound)
        x, y, when = events.x[keep], events.y[keep], events.start_ms[keep]
        if x.size == 0:
            raise QgsProcessingException(self.tr("No incidents in the time window."))
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)
        if tolerance > 0 and source.sourceCrs().isGeographic():
            raise QgsProcessingException(self.tr(
                "A tolerance needs a CRS in metres: reproject the layer first."))
        places = rank_places(x, y, tolerance)
        minimum = self.parameterAsInt(parameters, self.MIN_INCIDENTS, context)
        repeats = int(np.count_nonzero(places.count >= minimum))
        first = np.full(places.n_places, np.iinfo(np.int64).max, dtype=np.int64)
        last = np.full(places.n_places, np.iinfo(np.int64).min, dtype=np.int64)
        np.minimum.at(first, places.label, when)
        np.maximum.at(last, places.label, when)
        sink, dest, fields = self.point_sink(parameters, self.OUTPUT, context, [
            ("rank", "int"), ("incidents", "int"), ("share_pct", "double"),
            ("cumulative_pct", "double"), ("first_seen", "string"), ("last_seen", "string"),
            ("span_days", "double")], source.sourceCrs())
        for p in range(repeats):
            self.add_point(sink, fields, [
                p + 1, int(places.count[p]), float(places.share_pct[p]),
                float(places.cumulative_pct[p]), wall_clock_text(first[p]),
                wall_clock_text(last[p]), float((last[p] - first[p]) / _MS_PER_DAY)],
                places.x[p], places.y[p])
        share = float(places.count[:repeats].sum() * 100.0 / x.size)
        half, most = places.places_for_share(50.0), places.places_for_share(80.0)
        feedback.pushInfo(self.tr(
            "{} incidents at {} places; {} repeat locations ({:.1f}% of places) hold {:.1f}% "
            "of the incidents. {} places ({:.1f}%) hold half of them, {} ({:.1f}%) hold 80%.")
            .format(x.size, places.n_places, repeats, 100.0 * repeats / places.n_places, share,
                    half, 100.0 * half / places.n_places, most,
                    100.0 * most / places.n_places))
        if repeats:
            styles.style_output_on_load(
                context, dest, lambda top=int(places.count[0]): styles.count_symbol_renderer(
                    "incidents", top))
        return {self.OUTPUT: dest, "INCIDENTS": int(x.size), "PLACES": places.n_places,
                "REPEAT_PLACES": repeats, "REPEAT_SHARE_PCT": share,
                "PLACES_FOR_HALF": half, "PLACES_FOR_80PCT": most}
