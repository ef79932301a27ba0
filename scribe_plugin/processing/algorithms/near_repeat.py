"""scribe:near_repeat: the Knox test for near repeats, as a table and a heat grid."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ... import compat
from ...core.analysis.near_repeat import KnoxBands, KnoxCancelled, KnoxError, knox_test
from .. import charts
from .incident_inputs import IncidentAlgorithm

PERMUTATION_CHOICES = (99, 999)
MS_PER_SECOND = 1000.0


class NearRepeatAlgorithm(IncidentAlgorithm):
    NAME = "near_repeat"
    GROUP_ID = "patterns"
    DISTANCE = "DISTANCE"
    DISTANCE_BANDS = "DISTANCE_BANDS"
    DAYS = "DAYS"
    TIME_BANDS = "TIME_BANDS"
    METRIC = "METRIC"
    PERMUTATIONS = "PERMUTATIONS"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    CHART = "CHART"

    def group(self) -> str:
        return self.tr("Repeats and near repeats")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Near repeats (Knox test)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Do incidents close in space also happen close in time more often than "
            "chance? (Burglary's near-repeat pattern: after one break-in, neighbours are at "
            "higher risk for a few weeks.) Every pair of incidents is placed in a distance "
            "band and a time band; the observed pair counts are compared with the counts when "
            "the dates are shuffled among the incidents (Monte Carlo permutations, seeded).</p>"
            "<p>Output per band pair: observed and expected pairs, the <b>Knox ratio</b> "
            "(observed / expected; above 1 means more near repeats than chance) and the "
            "p-value (k + 1) / (n + 1), k being the permutations that reached the observed "
            "count. Significant cells (p &le; 0.05) are starred in the chart.</p>"
            "<p><b>Band edges</b>: lower bound included, upper excluded: with 100 m and 7 day "
            "bands the first cell holds pairs 0 to 99.99 m and 0 to 6.99 days apart, the next "
            "100 to 199.99 m, and so on (some calculators label these off by one). Pairs "
            "farther apart than the last bands are not counted. Distances are Euclidean or "
            "Manhattan (along a street grid).</p>"
            "<p>Needs dates with times, or at least days: police.uk's months give no "
            "near-repeat information.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.addParameter(QgsProcessingParameterDistance(
            self.DISTANCE, self.tr("Distance band width"), defaultValue=100.0,
            parentParameterName=self.INPUT, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.DISTANCE_BANDS, self.tr("Number of distance bands"), defaultValue=10,
            minValue=1, maxValue=100))
        self.addParameter(QgsProcessingParameterNumber(
            self.DAYS, self.tr("Time band width (days)"), type=compat.NUMBER_DOUBLE,
            defaultValue=7.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            self.TIME_BANDS, self.tr("Number of time bands"), defaultValue=10, minValue=1,
            maxValue=100))
        self.addParameter(QgsProcessingParameterEnum(
            self.METRIC, self.tr("Distance"), options=[self.tr("Euclidean (straight line)"),
                                                        self.tr("Manhattan (street grid)")],
            defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum(
            self.PERMUTATIONS, self.tr("Monte Carlo permutations"),
            options=[str(n) for n in PERMUTATION_CHOICES], defaultValue=0))
        seed = QgsProcessingParameterNumber(self.SEED, self.tr("Random seed"), defaultValue=1,
                                            minValue=0)
        seed.setFlags(seed.flags() | compat.FLAG_ADVANCED)
        self.addParameter(seed)
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Knox table"), compat.SOURCE_TABLE))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.CHART, self.tr("Heat grid chart"), self.tr("PNG image (*.png);;SVG image (*.svg)"),
            optional=True, createByDefault=False))
        for name, text in (("INCIDENTS", "Incidents used"),
                           ("CLOSE_PAIRS", "Pairs within the largest distance band")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.projected_point_source(parameters, context)
        events, _ = self.read_incidents(parameters, context, feedback)
        bands = KnoxBands(
            self.parameterAsDouble(parameters, self.DISTANCE, context),
            self.parameterAsInt(parameters, self.DISTANCE_BANDS, context),
            self.parameterAsDouble(parameters, self.DAYS, context),
            self.parameterAsInt(parameters, self.TIME_BANDS, context),
            ("euclidean", "manhattan")[self.parameterAsEnum(parameters, self.METRIC, context)])
        permutations = PERMUTATION_CHOICES[
            self.parameterAsEnum(parameters, self.PERMUTATIONS, context)]
        seed = self.parameterAsInt(parameters, self.SEED, context)

        def progress(fraction: float) -> bool:
            feedback.setProgress(100.0 * fraction)
            return not feedback.isCanceled()

        try:
            result = knox_test(events.x, events.y, events.start_ms / MS_PER_SECOND, bands,
                               permutations, seed, progress)
        except KnoxCancelled:
            return {}
        except KnoxError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("{} incidents, {} pairs within {:g}; {} permutations, seed "
                                  "{}.").format(result.incidents, result.close_pairs,
                                                bands.max_distance, permutations, seed))
        sink, dest, fields = self.table_sink(parameters, self.OUTPUT, context, [
            ("distance_from", "double"), ("distance_to", "double"), ("days_from", "double"),
            ("days_to", "double"), ("distance_band", "string"), ("time_band", "string"),
            ("observed", "longlong"), ("expected", "double"), ("knox_ratio", "double"),
            ("p_value", "double"), ("significant", "bool")])
        d_edges, t_edges = bands.distance_edges(), bands.time_edges()
        d_labels, t_labels = bands.distance_labels(), bands.time_labels()
        for i in range(bands.distance_bands):
            for j in range(bands.time_bands):
                ratio = result.ratio[i, j]
                self.add_row(sink, fields, [
                    d_edges[i], d_edges[i + 1], t_edges[j], t_edges[j + 1], d_labels[i],
                    t_labels[j], int(result.observed[i, j]), float(result.expected[i, j]),
                    None if ratio != ratio else float(ratio), float(result.p_value[i, j]),
                    bool(result.p_value[i, j] <= 0.05 and ratio > 1)])
        outputs = {self.OUTPUT: dest, "INCIDENTS": result.incidents,
                   "CLOSE_PAIRS": result.close_pairs}
        chart_path = self.parameterAsFileOutput(parameters, self.CHART, context)
        if chart_path:
            outputs[self.CHART] = charts.knox_heatmap(
                chart_path, result.ratio, result.p_value, d_labels, t_labels,
                self.tr("Near repeats: Knox ratios ({} permutations)").format(permutations))
        return outputs
