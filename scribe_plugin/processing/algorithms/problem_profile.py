"""scribe:problem_profile: a SARA problem profile for an area, period and categories, as one
PDF and a folder of its parts (charts, tables, density surface)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)

from ... import compat
from ...core.analysis import temporal
from ...core.analysis.kde import GridSpec, KdeParams, kde
from ...core.problem_profile import build_profile
from .. import charts
from ..event_reader import time_zone, wall_clock_ms, wall_clock_text
from ..raster_output import SurfaceSummary, hotspot_style_qml, write_geotiff
from ..report_layout import build_layout
from ..spatial_units import area_units
from .incident_inputs import IncidentAlgorithm


class ProblemProfileAlgorithm(IncidentAlgorithm):
    NAME = "problem_profile"
    GROUP_ID = "sharing"
    AREA = "AREA"
    START = "START"
    END = "END"
    CATEGORIES = "CATEGORIES"
    TITLE = "TITLE"
    BANDWIDTH = "BANDWIDTH"
    CELL = "CELL"
    BASE = "BASE"
    VICTIM_FIELD = "VICTIM_FIELD"
    OUTPUT_PDF = "OUTPUT_PDF"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    TABLE_FIELDS = 4  # input fields shown in the PDF's table (all of them go to the CSV)

    def group(self) -> str:
        return self.tr("Sharing")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Problem profile (SARA, PDF)")

    def flags(self):
        return super().flags() | compat.no_threading_flag()  # layout export: main thread

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "<p>A problem profile for a problem-solving group, laid out along SARA: "
            "<b>Scanning</b> (how many incidents of which categories, the monthly trend and "
            "whether it is significant: Mann-Kendall with Sen's slope), <b>Analysis</b> (a "
            "map of the incidents over their kernel density surface and the area's "
            "boundary; the most repeated locations; the hour x weekday profile), then "
            "<b>Response</b> and <b>Assessment</b> boxes for the group to fill in, and the "
            "incidents with the input layer's fields: a SCRIBE layer carries exactly what the "
            "reader is cleared to see (the PDF shows the first few fields, incidents.csv in "
            "the folder all of them).</p>"
            "<p>With a victim (or property, vehicle) identifier field, the profile lists the "
            "repeat victims: those with more than one incident in the period.</p>"
            "<p>The folder receives the parts: charts (PNG), tables (CSV) and the density "
            "surface (GeoTIFF with its style). A period or area without incidents gives a "
            "profile that says so.</p>")

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_incident_parameters(category=True)
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.AREA, self.tr("Area (polygons, any CRS)"), [compat.SOURCE_POLYGON]))
        self.addParameter(QgsProcessingParameterDateTime(self.START, self.tr("From")))
        self.addParameter(QgsProcessingParameterDateTime(self.END, self.tr("Until (excluded)")))
        self.addParameter(QgsProcessingParameterString(
            self.CATEGORIES, self.tr("Categories (comma separated; empty: all)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.TITLE, self.tr("Title"), defaultValue="Problem profile"))
        self.addParameter(QgsProcessingParameterDistance(
            self.BANDWIDTH, self.tr("Density bandwidth"), defaultValue=300.0,
            parentParameterName=self.INPUT, minValue=1.0))
        self.addParameter(QgsProcessingParameterDistance(
            self.CELL, self.tr("Density cell size"), defaultValue=25.0,
            parentParameterName=self.INPUT, minValue=1.0))
        self.addParameter(QgsProcessingParameterField(
            self.VICTIM_FIELD, self.tr("Victim (or property) identifier field, for repeat "
                                       "victims (optional)"),
            parentLayerParameterName=self.INPUT, optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.BASE, self.tr("Base layers drawn under the incidents (optional: roads, "
                               "buildings...)"), compat.LAYER_ANY, optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PDF, self.tr("Profile (PDF)"), self.tr("PDF (*.pdf)")))
        self.addParameter(QgsProcessingParameterFolderDestination(
            self.OUTPUT_FOLDER, self.tr("Folder for the parts")))
        self.addOutput(QgsProcessingOutputNumber("INCIDENTS", self.tr("Incidents profiled")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        import shapely

        source = self.projected_point_source(parameters, context)
        crs = source.sourceCrs()
        area = area_units(self.parameterAsSource(parameters, self.AREA, context), "", crs,
                          context, feedback).union()
        zone = time_zone(self.parameterAsString(parameters, self.TIME_ZONE, context))
        start = wall_clock_ms(self.parameterAsDateTime(parameters, self.START, context), zone)
        end = wall_clock_ms(self.parameterAsDateTime(parameters, self.END, context), zone)
        if start is None or end is None or end <= start:
            raise QgsProcessingException(self.tr("Give a period: From before Until."))
        events, _ = self.read_incidents(parameters, context, feedback, keep_attributes=True)
        wanted = {c.strip() for c in (self.parameterAsString(
            parameters, self.CATEGORIES, context) or "").split(",") if c.strip()}
        names = [events.categories[c] if c >= 0 else "" for c in events.category]
        keep = shapely.contains_xy(area, events.x, events.y) & (events.start_ms >= start) & \
            (events.start_ms < end)
        if wanted:
            keep &= np.array([n in wanted for n in names], dtype=bool)
        idx = np.flatnonzero(keep)
        x, y = events.x[idx], events.y[idx]
        cats = [names[i] or "(none)" for i in idx]
        data = build_profile(x, y, events.start_ms[idx], events.end_ms[idx], cats, start, end)
        victim_field = self.parameterAsString(parameters, self.VICTIM_FIELD, context)
        if victim_field:
            column = source.fields().indexOf(victim_field)
            data.add_repeat_victims([_text(events.attributes[i][column]) for i in idx])
        folder = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        title = self.parameterAsString(parameters, self.TITLE, context) or "Problem profile"
        self.audit_store_output(
            parameters, context,
            self.store_output_metadata(parameters, context, title, data.total),
            [pdf, str(folder)])
        folder.mkdir(parents=True, exist_ok=True)
        parts = self._write_parts(folder, data, x, y, crs, parameters, context, area)
        project = QgsProject()  # private: the user's project is never touched
        project.setCrs(crs)
        base = self.parameterAsLayerList(parameters, self.BASE, context)
        layers = self._map_layers(project, area, crs, x, y, cats, events, idx, parts, base,
                                  source, folder)
        subtitle = (f"{wall_clock_text(start, '%Y-%m-%d')} to "
                    f"{wall_clock_text(end, '%Y-%m-%d')} (end excluded); "
                    f"categories: {', '.join(sorted(wanted)) if wanted else 'all'}")
        minx, miny, maxx, maxy = area.bounds
        doc = build_layout(project, title, subtitle, data, parts, layers["map"],
                           QgsRectangle(minx, miny, maxx, maxy), crs, layers["table"],
                           ["when", "category"] +
                           layers["extra_fields"][:self.TABLE_FIELDS])
        try:
            doc.export_pdf(pdf)
        except RuntimeError as error:
            raise QgsProcessingException(str(error)) from error
        feedback.pushInfo(self.tr("{} incidents profiled; {}").format(data.total, data.trend))
        return {self.OUTPUT_PDF: pdf, self.OUTPUT_FOLDER: str(folder),
                "INCIDENTS": data.total}

    def _write_parts(self, folder: Path, data, x, y, crs, parameters, context, area) -> dict:
        parts: dict[str, str] = {}
        with open(folder / "counts_by_category.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["category", "incidents"])
            writer.writerows(data.by_category)
        with open(folder / "counts_by_month.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["month", "incidents"])
            writer.writerows(zip(data.months, data.monthly.tolist()))
        if data.repeat_victims is not None:
            with open(folder / "repeat_victims.csv", "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(["victim", "incidents"])
                writer.writerows(data.repeat_victims)
        if data.empty:
            return parts
        parts["trend"] = charts.period_chart(
            str(folder / "trend.png"), data.months, {"Incidents": data.monthly},
            {"Incidents": temporal.moving_average(data.monthly[None, :], 3)[0]},
            "Incidents per month", 3)
        parts["week"] = charts.week_heatmap(str(folder / "week_profile.png"), data.week,
                                            temporal.WEEKDAYS, "When in the week")
        places = data.places
        with open(folder / "top_locations.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["rank", "incidents", "share_pct", "x", "y"])
            for k in range(min(data.top, places.n_places)):
                writer.writerow([k + 1, int(places.count[k]), round(places.share_pct[k], 2),
                                 places.x[k], places.y[k]])
        bandwidth = self.parameterAsDouble(parameters, self.BANDWIDTH, context)
        cell = self.parameterAsDouble(parameters, self.CELL, context)
        params = KdeParams(bandwidth=bandwidth)
        grid = GridSpec.qgis_heatmap(area.bounds, params.support, cell)
        surface = kde(x, y, grid, params) * 1e6
        density = str(folder / "density.tif")
        write_geotiff(density, surface, grid, crs.toWkt(),
                      description=f"incidents per km2, bandwidth {bandwidth:g}")
        hotspot_style_qml(density, SurfaceSummary.of(surface))
        parts["density"] = density
        return parts

    @staticmethod
    def _map_layers(project, area, crs, x, y, cats, events, idx, parts, base, source,
                    folder: Path) -> dict:
        boundary = QgsVectorLayer(f"Polygon?crs={crs.authid()}", "Area", "memory")
        feature = QgsFeature()
        geometry = QgsGeometry()
        geometry.fromWkb(area.wkb)
        feature.setGeometry(geometry)
        boundary.dataProvider().addFeatures([feature])
        boundary.renderer().symbol().symbolLayer(0).setBrushStyle(compat.no_brush())
        boundary.renderer().symbol().symbolLayer(0).setStrokeWidth(0.6)
        # the incidents with every field of the input (what its reader may see), as text
        extra = [f.name() for f in source.fields()]
        detail = [[_text(v) for v in events.attributes[i]] for i in idx]
        spec = "&".join(f"field={_field_name(n)}:string" for n in ["when", "category"] + extra)
        points = QgsVectorLayer(f"Point?crs={crs.authid()}&{spec}", "Incidents", "memory")
        features = []
        with open(folder / "incidents.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["when", "category", "x", "y"] + extra)
            for k, i in enumerate(idx):
                values = [wall_clock_text(events.start_ms[i]), cats[k]] + detail[k]
                writer.writerow(values[:2] + [round(float(x[k]), 1), round(float(y[k]), 1)] +
                                [_csv_safe(v) for v in values[2:]])
                feature = QgsFeature(points.fields())
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x[k]),
                                                                       float(y[k]))))
                feature.setAttributes(values)
                features.append(feature)
        points.dataProvider().addFeatures(features)
        points.renderer().symbol().setSize(1.2)
        layers = [points, boundary]
        if "density" in parts:
            raster = QgsRasterLayer(parts["density"], "Density")
            raster.loadNamedStyle(str(Path(parts["density"]).with_suffix(".qml")))
            layers.append(raster)
        layers += [layer.clone() for layer in base or []]  # the user's layers stay theirs
        for layer in layers:
            project.addMapLayer(layer)
        return {"map": layers, "table": points,
                "extra_fields": [_field_name(n) for n in extra]}


def _text(value) -> str:
    """A field value as the reader would see it in QGIS (dates in ISO form)."""
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, (QDateTime, QDate, QTime)):
        return value.toString(Qt.DateFormat.ISODate)
    return str(value)


def _field_name(name: str) -> str:
    """A memory-layer field name for an input field (its URI syntax reserves & = :)."""
    return "".join(c if c.isalnum() or c == "_" else "_" for c in name) or "field"


def _csv_safe(value: str) -> str:
    from ...core.exports import neutralise

    return neutralise(value)
