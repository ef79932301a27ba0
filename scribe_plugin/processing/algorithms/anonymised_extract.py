"""scribe:anonymised_extract: a partner- or public-safe copy of incidents (see
core/anonymise.py for the rule)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.anonymise import anonymise
from ..event_reader import wall_clock_text
from .incident_inputs import IncidentAlgorithm

OUTPUT_FIELDS = (("month", "string"), ("category", "string"), ("location", "string"))


class AnonymisedExtractAlgorithm(IncidentAlgorithm):
    NAME = "anonymised_extract"
    GROUP_ID = "sharing"
    SNAP_POINTS = "SNAP_POINTS"
    SNAP_LABEL = "SNAP_LABEL"
    CELL_SIZE = "CELL_SIZE"
    MIN_INCIDENTS = "MIN_INCIDENTS"
    MIN_CATEGORY = "MIN_CATEGORY"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Sharing")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Anonymised extract")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>A copy of the incidents that a partner or the public can have: no real "
            "location, no exact date, no restricted detail.</p><ol>"
            "<li><b>Places</b>: each incident moves to the nearest anonymous map point: the "
            "snap points given (e.g. street mid-points, with a label field such as the "
            "street name), or else the centre of its grid cell. A point serving fewer than "
            "the minimum number of incidents is withdrawn and its incidents move to the "
            "nearest remaining point, until every point used serves at least that many. A "
            "snap point that falls exactly on a real incident location is moved 1 map unit, "
            "so no published point is a real location.</li>"
            "<li><b>Dates</b> become months (YYYY-MM).</li>"
            "<li><b>Fields</b>: only month, category and location label are written; every "
            "other field (free text, addresses, ids, outcomes) is dropped.</li>"
            "<li><b>Small numbers</b>: where fewer than the minimum share a point, month and "
            "category, the category is coarsened to its parent (Burglary to Crime), up to "
            "crime / ASB / fire; labels outside SCRIBE's taxonomy become “other”.</li></ol>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters(category=True)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.SNAP_POINTS, self.tr("Snap points (optional; else grid cell centres)"),
            [compat.SOURCE_POINT], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.SNAP_LABEL, self.tr("Snap point label field (e.g. street name)"),
            parentLayerParameterName=self.SNAP_POINTS, optional=True))
        self.addParameter(QgsProcessingParameterDistance(
            self.CELL_SIZE, self.tr("Grid cell size when no snap points are given"),
            defaultValue=250.0, parentParameterName=self.INPUT, minValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_INCIDENTS, self.tr("Minimum incidents per published point"),
            defaultValue=8, minValue=1))
        self.addParameter(QgsProcessingParameterNumber(
            self.MIN_CATEGORY, self.tr("Minimum incidents per point, month and category"),
            defaultValue=3, minValue=1))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Anonymised extract"), compat.SOURCE_POINT))
        for name, text in (("INCIDENTS", "Incidents written"), ("POINTS", "Snap points used"),
                           ("COARSENED", "Incidents with a coarsened category")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def _snap_points(self, parameters, context, crs):
        source = self.parameterAsSource(parameters, self.SNAP_POINTS, context)
        if source is None:
            return None
        label_field = self.parameterAsString(parameters, self.SNAP_LABEL, context)
        request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
        xs, ys, labels = [], [], []
        for feature in source.getFeatures(request):
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                continue
            point = geometry.asPoint()
            xs.append(point.x())
            ys.append(point.y())
            labels.append(str(feature[label_field]) if label_field else f"point {feature.id()}")
        if not xs:
            raise QgsProcessingException(self.tr("The snap point layer has no points."))
        return np.array(xs), np.array(ys), labels

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        crs = self.projected_point_source(parameters, context).sourceCrs()
        events, _ = self.read_incidents(parameters, context, feedback)
        categories = [events.categories[c] if c >= 0 else "" for c in events.category]
        try:
            extract = anonymise(
                events.x, events.y, [wall_clock_text(ms, "%Y-%m") for ms in events.start_ms],
                categories,
                snap=self._snap_points(parameters, context, crs),
                cell=self.parameterAsDouble(parameters, self.CELL_SIZE, context),
                min_incidents=self.parameterAsInt(parameters, self.MIN_INCIDENTS, context),
                min_category=self.parameterAsInt(parameters, self.MIN_CATEGORY, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        destination = parameters.get(self.OUTPUT)
        self.audit_store_output(
            parameters, context,
            self.store_output_metadata(parameters, context, "anonymised extract",
                                       len(extract.month)),
            [str(getattr(destination, "sink", destination))])
        sink, dest, fields = self.point_sink(parameters, self.OUTPUT, context, OUTPUT_FIELDS,
                                             crs)
        # shuffled by (month, place): the row order must not give away the input's order
        order = sorted(range(len(extract.month)),
                       key=lambda i: (extract.month[i], extract.point_label[i],
                                      extract.category[i]))
        for i in order:
            self.add_point(
                sink, fields, [extract.month[i], extract.category[i] or "other",
                               extract.point_label[i]], extract.x[i], extract.y[i])
        feedback.pushInfo(self.tr("{} incidents at {} anonymous points ({} snap points moved "
                                  "off real locations); {} categories coarsened.").format(
            len(order), extract.points_used, extract.points_moved, extract.coarsened))
        return {self.OUTPUT: dest, "INCIDENTS": len(order), "POINTS": extract.points_used,
                "COARSENED": extract.coarsened}
