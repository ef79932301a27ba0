"""scribe:hotspot_accuracy: PAI and RRI of KDE hotspots fitted on one period, tested on the
next, for a set of bandwidths, cell sizes and hotspot coverages."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ... import compat
from ...core.analysis.evaluation import pai, rri, top_cells
from ...core.analysis.kde import GridSpec, KdeError, KdeParams, kde
from ..event_reader import time_zone, wall_clock_ms
from ..spatial_units import area_units
from .incident_inputs import IncidentAlgorithm


def parse_numbers(text: str, name: str) -> list[float]:
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise QgsProcessingException(f"{name}: give numbers separated by commas "
                                     f"(got {text!r})") from None
    if not values or any(v <= 0 for v in values):
        raise QgsProcessingException(f"{name}: give one or more positive numbers")
    return values


class HotspotAccuracyAlgorithm(IncidentAlgorithm):
    NAME = "hotspot_accuracy"
    GROUP_ID = "evaluation"
    SPLIT = "SPLIT"
    TEST_END = "TEST_END"
    BANDWIDTHS = "BANDWIDTHS"
    CELL_SIZES = "CELL_SIZES"
    COVERAGES = "COVERAGES"
    STUDY_AREA = "STUDY_AREA"
    OUTPUT = "OUTPUT"

    def group(self) -> str:
        return self.tr("Assessment")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Hotspot accuracy (PAI, RRI)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>How well do hotspots drawn from one period predict the next? Kernel density "
            "hotspots are fitted on the incidents before the split date and tested on those "
            "from it (until the optional end), for every combination of the bandwidths, cell "
            "sizes and hotspot coverages given, so bandwidth and cell size can be chosen by "
            "evidence.</p>"
            "<p>Hotspots are the highest-density cells covering the given percentage of the "
            "study area (the grid cells whose centre lies in its polygons, or else the grid "
            "around all incidents); cells where the fitted density is zero are never "
            "hotspots, so where little is mapped the hotspots can cover less than asked (the "
            "table gives the area actually covered). "
            "<b>PAI</b> (Chainey, Tompson &amp; Uhlig 2008) = hit rate / area share: the "
            "share of the test period's incidents inside the hotspots over the share of the "
            "study area they cover (higher is better; 1 is no better than chance). "
            "<b>RRI</b> (Levine 2008) = (test hits / fitting hits) / (test total / fitting "
            "total): whether the hotspots keep their share over time (1 = stable).</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters()
        self.addParameter(QgsProcessingParameterDateTime(
            self.SPLIT, self.tr("Test period starts (fitting period: everything before)")))
        self.addParameter(QgsProcessingParameterDateTime(
            self.TEST_END, self.tr("Test period ends (optional, excluded)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.BANDWIDTHS, self.tr("Bandwidths to compare (comma separated)"),
            defaultValue="250, 500, 750"))
        self.addParameter(QgsProcessingParameterString(
            self.CELL_SIZES, self.tr("Cell sizes to compare (comma separated)"),
            defaultValue="50, 100"))
        self.addParameter(QgsProcessingParameterString(
            self.COVERAGES, self.tr("Hotspot coverages, % of the study area"),
            defaultValue="1, 2.5, 5, 10"))
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.STUDY_AREA, self.tr("Study area polygons (optional)"), [compat.SOURCE_POLYGON],
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.OUTPUT, self.tr("Accuracy table"), compat.SOURCE_TABLE))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        crs = self.projected_point_source(parameters, context).sourceCrs()
        events, _ = self.read_incidents(parameters, context, feedback)
        zone = time_zone(self.parameterAsString(parameters, self.TIME_ZONE, context))
        split = wall_clock_ms(self.parameterAsDateTime(parameters, self.SPLIT, context), zone)
        if split is None:
            raise QgsProcessingException(self.tr("Give the date the test period starts."))
        fit = events.start_ms < split
        test = events.start_ms >= split
        if parameters.get(self.TEST_END) not in (None, ""):
            end = wall_clock_ms(self.parameterAsDateTime(parameters, self.TEST_END, context),
                                zone)
            test &= events.start_ms < end
        if fit.sum() == 0 or test.sum() == 0:
            raise QgsProcessingException(self.tr(
                "Both periods need incidents: {} before the split, {} in the test period.")
                .format(int(fit.sum()), int(test.sum())))
        bandwidths = parse_numbers(
            self.parameterAsString(parameters, self.BANDWIDTHS, context), "Bandwidths")
        cells = parse_numbers(self.parameterAsString(parameters, self.CELL_SIZES, context),
                              "Cell sizes")
        coverages = parse_numbers(self.parameterAsString(parameters, self.COVERAGES, context),
                                  "Coverages")
        study_source = self.parameterAsSource(parameters, self.STUDY_AREA, context)
        study_polygons = None
        if study_source is not None:
            import shapely

            study_polygons = area_units(study_source, "", crs, context, feedback).union()
            shapely.prepare(study_polygons)
        sink, dest, fields = self.table_sink(parameters, self.OUTPUT, context, [
            ("bandwidth", "double"), ("cell_size", "double"), ("coverage_pct", "double"),
            ("hotspot_km2", "double"), ("study_km2", "double"), ("fit_hits", "int"),
            ("fit_total", "int"), ("test_hits", "int"), ("test_total", "int"),
            ("hit_rate_pct", "double"), ("pai", "double"), ("rri", "double")])
        extent = (float(events.x.min()), float(events.y.min()), float(events.x.max()),
                  float(events.y.max()))
        best = (-1.0, None)
        runs = len(bandwidths) * len(cells)
        done = 0
        for bandwidth in bandwidths:
            for cell in cells:
                if feedback.isCanceled():
                    return {}
                params = KdeParams(bandwidth=bandwidth)
                grid = GridSpec.qgis_heatmap(extent, params.support, cell)
                try:
                    surface = kde(events.x[fit], events.y[fit], grid, params)
                except KdeError as error:
                    raise QgsProcessingException(str(error)) from error
                study = self._study_cells(grid, study_polygons)
                fit_cell = self._cells(grid, events.x[fit], events.y[fit], study)
                test_cell = self._cells(grid, events.x[test], events.y[test], study)
                fit_total, test_total = int((fit_cell >= 0).sum()), int((test_cell >= 0).sum())
                study_km2 = study.sum() * cell * cell / 1e6
                for coverage in coverages:
                    mask = top_cells(surface, coverage, study).ravel()
                    fit_hits = int(mask[fit_cell[fit_cell >= 0]].sum())
                    test_hits = int(mask[test_cell[test_cell >= 0]].sum())
                    area_km2 = mask.sum() * cell * cell / 1e6
                    value = pai(test_hits, test_total, area_km2, study_km2)
                    self.add_row(sink, fields, [
                        bandwidth, cell, coverage, area_km2, study_km2, fit_hits, fit_total,
                        test_hits, test_total,
                        100.0 * test_hits / test_total if test_total else None,
                        None if value != value else value,
                        _or_none(rri(fit_hits, test_hits, fit_total, test_total))])
                    if value == value and value > best[0]:
                        best = (value, (bandwidth, cell, coverage))
                done += 1
                feedback.setProgress(100.0 * done / runs)
        if best[1] is not None:
            feedback.pushInfo(self.tr("Highest PAI {:.2f}: bandwidth {:g}, cell {:g}, {:g}% "
                                      "of the area.").format(best[0], *best[1]))
        return {self.OUTPUT: dest}

    @staticmethod
    def _study_cells(grid: GridSpec, polygons) -> np.ndarray:
        if polygons is None:
            return np.ones(grid.shape, dtype=bool)
        import shapely

        cx, cy = grid.cell_centres()
        xx, yy = np.meshgrid(cx, cy)
        return shapely.contains_xy(polygons, xx, yy)

    @staticmethod
    def _cells(grid: GridSpec, x: np.ndarray, y: np.ndarray, study: np.ndarray) -> np.ndarray:
        """Each point's flat cell index in the study area, -1 outside it."""
        col = np.floor((x - grid.x0) / grid.cell).astype(np.int64)
        row = np.floor((grid.y_top - y) / grid.cell).astype(np.int64)
        ok = (col >= 0) & (col < grid.ncols) & (row >= 0) & (row < grid.nrows)
        index = np.full(x.size, -1, dtype=np.int64)
        index[ok] = row[ok] * grid.ncols + col[ok]
        inside = np.zeros(x.size, dtype=bool)
        inside[ok] = study.ravel()[index[ok]]
        index[~inside] = -1
        return index


def _or_none(value: float):
    return None if value != value else value
