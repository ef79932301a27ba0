"""Parameters the time-aware SCRIBE algorithms share: incident points with a date (and
optionally an end date and a category), the areas or grid to count in, and the time zone."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterDistance,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ... import compat
from ..event_reader import (
    DEFAULT_TIME_ZONE,
    SCRIBE_CATEGORY_FIELD,
    SCRIBE_END_FIELD,
    SCRIBE_TIME_FIELD,
    Events,
    read_events,
)
from ..spatial_units import SpatialUnits, area_units, grid_units
from .base import ScribeAlgorithm


class IncidentAlgorithm(ScribeAlgorithm):
    """Base for algorithms over incidents in time. Subclasses call the ``add_*`` helpers
    from ``initAlgorithm`` and ``read_incidents`` / ``spatial_units`` from
    ``processAlgorithm``."""

    GROUP_ID = "trends"
    TIME_FIELD = "TIME_FIELD"
    END_FIELD = "END_FIELD"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    TIME_ZONE = "TIME_ZONE"
    AREAS = "AREAS"
    AREA_ID = "AREA_ID"
    CELL_SIZE = "CELL_SIZE"
    EXTENT = "EXTENT"

    def group(self) -> str:
        return self.tr("Trends and change")

    # -- parameters ----------------------------------------------------------------------------
    def add_incident_parameters(self, end_field: bool = False, category: bool = False) -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Incident points"), [compat.SOURCE_POINT]))
        self.addParameter(QgsProcessingParameterField(
            self.TIME_FIELD, self.tr("Date/time field (default: occurred_from, else the first "
                                     "date field)"),
            parentLayerParameterName=self.INPUT, type=compat.FIELD_ANY, optional=True,
            defaultValue=SCRIBE_TIME_FIELD))
        if end_field:
            self.addParameter(QgsProcessingParameterField(
                self.END_FIELD, self.tr("End of the time window (optional, e.g. occurred_to)"),
                parentLayerParameterName=self.INPUT, type=compat.FIELD_ANY, optional=True,
                defaultValue=SCRIBE_END_FIELD))
        if category:
            self.addParameter(QgsProcessingParameterField(
                self.CATEGORY_FIELD, self.tr("Category field (optional)"),
                parentLayerParameterName=self.INPUT, optional=True,
                defaultValue=SCRIBE_CATEGORY_FIELD))
        zone = QgsProcessingParameterString(
            self.TIME_ZONE, self.tr("Time zone of the partnership (IANA name)"),
            defaultValue=DEFAULT_TIME_ZONE)
        zone.setFlags(zone.flags() | compat.FLAG_ADVANCED)
        self.addParameter(zone)

    def add_area_parameters(self, cell_default: float = 250.0, areas_label: str = "") -> None:
        self.addParameter(QgsProcessingParameterFeatureSource(
            self.AREAS, areas_label or self.tr("Areas (wards, LSOAs...; empty: a grid)"),
            [compat.SOURCE_POLYGON], optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_ID, self.tr("Area name or code field"),
            parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterDistance(
            self.CELL_SIZE, self.tr("Grid cell size (when no areas are given)"),
            defaultValue=cell_default, parentParameterName=self.INPUT, minValue=0.0))
        self.add_extent_parameter()

    def add_extent_parameter(self) -> None:
        self.addParameter(QgsProcessingParameterExtent(
            self.EXTENT, self.tr("Study area extent for the grid (default: all incidents)"),
            optional=True))

    def grid_extent(self, parameters, context, crs):
        """The extent parameter in the incidents' CRS, or None when not given."""
        if parameters.get(self.EXTENT) in (None, ""):
            return None
        rect = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
        if rect is None or rect.isNull() or rect.width() <= 0 or rect.height() <= 0:
            raise QgsProcessingException(self.tr("The study area extent is empty."))
        return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())

    # -- reading -------------------------------------------------------------------------------
    def _optional_field(self, parameters, name: str, context, source) -> str:
        """A field parameter's value, or '' when its default (an occurred_* name) is absent."""
        if name not in parameters or parameters[name] in (None, ""):
            value = self.parameterDefinition(name).defaultValue()
            return value if value in source.fields().names() else ""
        return self.parameterAsString(parameters, name, context)

    def read_incidents(self, parameters, context, feedback, need_geometry: bool = True,
                       keep_attributes: bool = False) -> tuple[Events, object]:
        source = self.point_source(parameters, context)
        time_field = self._optional_field(parameters, self.TIME_FIELD, context, source)
        end_field = category_field = ""
        if self.parameterDefinition(self.END_FIELD) is not None:
            end_field = self._optional_field(parameters, self.END_FIELD, context, source)
        if self.parameterDefinition(self.CATEGORY_FIELD) is not None:
            category_field = self._optional_field(parameters, self.CATEGORY_FIELD, context,
                                                  source)
        zone = self.parameterAsString(parameters, self.TIME_ZONE, context) or DEFAULT_TIME_ZONE
        events = read_events(source, time_field, end_field, category_field, zone, feedback,
                             need_geometry=need_geometry, keep_attributes=keep_attributes)
        feedback.pushInfo(self.tr("{} incidents read.").format(events.count))
        return events, source

    def spatial_units(self, parameters, context, feedback, events: Events,
                      crs) -> tuple[SpatialUnits, np.ndarray]:
        """The areas (or else the grid) to count in, and each incident's unit (-1: none)."""
        areas = self.parameterAsSource(parameters, self.AREAS, context)
        if areas is not None:
            id_field = self.parameterAsString(parameters, self.AREA_ID, context)
            units = area_units(areas, id_field, crs, context, feedback)
            return units, units.assign(events.x, events.y)
        if parameters.get(self.AREAS) not in (None, ""):
            raise QgsProcessingException(self.invalidSourceError(parameters, self.AREAS))
        return self.study_grid(parameters, context, feedback, events, crs)

    def study_grid(self, parameters, context, feedback, events: Events,
                   crs) -> tuple[SpatialUnits, np.ndarray]:
        """The CELL_SIZE grid over the EXTENT (or the incidents), and each incident's cell;
        incidents outside the extent get -1 and are reported."""
        cell = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        units = grid_units(events.x, events.y, cell, self.grid_extent(parameters, context, crs))
        cell_of = units.assign(events.x, events.y)
        outside = int((cell_of < 0).sum())
        if outside:
            feedback.pushWarning(self.tr("{} incidents lie outside the study area extent and "
                                         "are left out.").format(outside))
        return units, cell_of

    # -- writing -------------------------------------------------------------------------------
    def table_sink(self, parameters, name: str, context, columns) -> tuple[object, str, QgsFields]:
        return self._sink(parameters, name, context, columns, compat.WKB_NO_GEOMETRY)

    def polygon_sink(self, parameters, name: str, context, columns, crs
                     ) -> tuple[object, str, QgsFields]:
        return self._sink(parameters, name, context, columns, compat.WKB_MULTIPOLYGON, crs)

    def point_sink(self, parameters, name: str, context, columns, crs
                   ) -> tuple[object, str, QgsFields]:
        return self._sink(parameters, name, context, columns, compat.WKB_POINT, crs)

    def _sink(self, parameters, name: str, context, columns, wkb_type, crs=None
              ) -> tuple[object, str, QgsFields]:
        """The output sink ``name`` with (column, kind) fields; refused clearly if it
        cannot be created."""
        fields = QgsFields()
        for column, kind in columns:
            fields.append(compat.make_field(column, kind))
        sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb_type,
                                          crs if crs is not None
                                          else QgsCoordinateReferenceSystem())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest, fields

    @staticmethod
    def add_row(sink, fields: QgsFields, values, geometry=None) -> None:
        """A row, its geometry (if any) made multi-part, as the polygon sinks are."""
        if geometry is not None:
            geometry = type(geometry)(geometry)
            geometry.convertToMultiType()
        IncidentAlgorithm._add(sink, fields, values, geometry)

    @staticmethod
    def add_point(sink, fields: QgsFields, values, x: float, y: float) -> None:
        IncidentAlgorithm._add(sink, fields, values,
                               QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))

    @staticmethod
    def _add(sink, fields: QgsFields, values, geometry) -> None:
        feature = QgsFeature(fields)
        if geometry is not None:
            feature.setGeometry(geometry)
        # numpy scalars do not convert to QVariant (the write fails): make them Python's own
        feature.setAttributes([v.item() if isinstance(v, np.generic) else v for v in values])
        sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
