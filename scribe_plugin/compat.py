"""The one place where QGIS/Qt version differences live.

SCRIBE is tested on QGIS 3.22 (Qt5) and must run on QGIS 4 (Qt6). Anything that differs between
those is wrapped here so the rest of the code base never branches on versions.
"""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QT_VERSION_STR, QVariant

QT_MAJOR = int(QT_VERSION_STR.split(".")[0])
QGIS_VERSION_INT: int = Qgis.QGIS_VERSION_INT

# QgsField(name, QMetaType.Type) only exists from QGIS 3.38; QVariant.Type works up to 3.x and
# QGIS 4 accepts QMetaType. Map our own short names to whichever the running QGIS wants.
_FIELD_TYPE_NAMES = ("int", "double", "string", "datetime", "date", "longlong", "bool")


def _variant_type(kind: str) -> Any:
    if QGIS_VERSION_INT >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        return {
            "int": QMetaType.Type.Int,
            "double": QMetaType.Type.Double,
            "string": QMetaType.Type.QString,
            "datetime": QMetaType.Type.QDateTime,
            "date": QMetaType.Type.QDate,
            "longlong": QMetaType.Type.LongLong,
            "bool": QMetaType.Type.Bool,
        }[kind]
    return {
        "int": QVariant.Int,
        "double": QVariant.Double,
        "string": QVariant.String,
        "datetime": QVariant.DateTime,
        "date": QVariant.Date,
        "longlong": QVariant.LongLong,
        "bool": QVariant.Bool,
    }[kind]


def make_field(name: str, kind: str, length: int = 0, precision: int = 0) -> QgsField:
    """A QgsField of one of ``_FIELD_TYPE_NAMES`` that works on QGIS 3.22 and QGIS 4."""
    if kind not in _FIELD_TYPE_NAMES:
        raise ValueError(f"unknown field kind {kind!r}; use one of {_FIELD_TYPE_NAMES}")
    return QgsField(name, _variant_type(kind), len=length, prec=precision)


def point_geometry_type() -> Any:
    """The 'point' geometry type enum value (moved from QgsWkbTypes to Qgis in 3.30)."""
    if QGIS_VERSION_INT >= 33000:
        return Qgis.GeometryType.Point
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes.GeometryType.PointGeometry


def polygon_geometry_type() -> Any:
    """The 'polygon' geometry type enum value (moved to Qgis in 3.30)."""
    if QGIS_VERSION_INT >= 33000:
        return Qgis.GeometryType.Polygon
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes.GeometryType.PolygonGeometry


# Processing enums moved from QgsProcessing*/QgsWkbTypes to Qgis.* in 3.36 and lost their old
# spellings in QGIS 4; resolve them once here.
if QGIS_VERSION_INT >= 33600:
    SOURCE_POINT = Qgis.ProcessingSourceType.VectorPoint
    SOURCE_POLYGON = Qgis.ProcessingSourceType.VectorPolygon
    SOURCE_TABLE = Qgis.ProcessingSourceType.Vector  # any vector, a table included
    LAYER_ANY = Qgis.ProcessingSourceType.MapLayer
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
    FIELD_NUMERIC = Qgis.ProcessingFieldParameterDataType.Numeric
    FIELD_ANY = Qgis.ProcessingFieldParameterDataType.Any
    FLAG_ADVANCED = Qgis.ProcessingParameterFlag.Advanced
    WKB_POINT = Qgis.WkbType.Point
    WKB_POLYGON = Qgis.WkbType.Polygon
    WKB_MULTIPOLYGON = Qgis.WkbType.MultiPolygon
    WKB_NO_GEOMETRY = Qgis.WkbType.NoGeometry
    SKIP_GEOMETRY_CHECKS = Qgis.ProcessingFeatureSourceFlag.SkipGeometryValidityChecks
else:
    from qgis.core import (
        QgsProcessing,
        QgsProcessingFeatureSource,
        QgsProcessingParameterDefinition,
        QgsProcessingParameterField,
        QgsProcessingParameterNumber,
        QgsWkbTypes,
    )

    SOURCE_POINT = QgsProcessing.SourceType.TypeVectorPoint
    SOURCE_POLYGON = QgsProcessing.SourceType.TypeVectorPolygon
    SOURCE_TABLE = QgsProcessing.SourceType.TypeVector
    LAYER_ANY = QgsProcessing.SourceType.TypeMapLayer
    NUMBER_DOUBLE = QgsProcessingParameterNumber.Type.Double
    NUMBER_INTEGER = QgsProcessingParameterNumber.Type.Integer
    FIELD_NUMERIC = QgsProcessingParameterField.DataType.Numeric
    FIELD_ANY = QgsProcessingParameterField.DataType.Any
    FLAG_ADVANCED = QgsProcessingParameterDefinition.Flag.FlagAdvanced
    WKB_POINT = QgsWkbTypes.Type.Point
    WKB_POLYGON = QgsWkbTypes.Type.Polygon
    WKB_MULTIPOLYGON = QgsWkbTypes.Type.MultiPolygon
    WKB_NO_GEOMETRY = QgsWkbTypes.Type.NoGeometry
    SKIP_GEOMETRY_CHECKS = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks


def is_point_layer_type(wkb_type: Any) -> bool:
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes.geometryType(wkb_type) == point_geometry_type()


def interpolated_ramp_type() -> Any:
    from qgis.core import QgsColorRampShader

    if QGIS_VERSION_INT >= 33800:
        return Qgis.ShaderInterpolationMethod.Linear
    return QgsColorRampShader.Type.Interpolated


def symbol_size_property() -> Any:
    """A symbol layer's data-defined size key (QgsSymbolLayer.PropertySize before 3.30,
    QgsSymbolLayer.Property.Size from 3.30 and in QGIS 4)."""
    from qgis.core import QgsSymbolLayer

    scoped = QgsSymbolLayer.Property
    return scoped.Size if hasattr(scoped, "Size") else scoped.PropertySize


# Layout units moved from QgsUnitTypes to Qgis.LayoutUnit in 3.30 (the old name is gone in 4)
if QGIS_VERSION_INT >= 33000:
    LAYOUT_MM = Qgis.LayoutUnit.Millimeters
else:
    from qgis.core import QgsUnitTypes

    LAYOUT_MM = QgsUnitTypes.LayoutUnit.LayoutMillimeters


def no_threading_flag() -> Any:
    """The Processing flag that runs an algorithm on the main thread (layout exports)."""
    if QGIS_VERSION_INT >= 33600:
        return Qgis.ProcessingAlgorithmFlag.NoThreading
    from qgis.core import QgsProcessingAlgorithm

    return QgsProcessingAlgorithm.Flag.FlagNoThreading


def no_brush() -> Any:
    """Qt's 'no fill' brush style, spelt the Qt6 way where it exists."""
    from qgis.PyQt.QtCore import Qt

    return Qt.BrushStyle.NoBrush


def set_table_text_size(table, points: float) -> None:
    """A layout table's cell text size (fonts became QgsTextFormat in 3.30; the font setter
    is deprecated there and gone in QGIS 4)."""
    if hasattr(table, "setContentTextFormat"):
        text_format = table.contentTextFormat()
        text_format.setSize(points)
        table.setContentTextFormat(text_format)
    else:
        font = table.contentFont()
        font.setPointSizeF(points)
        table.setContentFont(font)


def temporal_instant_from_field() -> Any:
    """Vector temporal mode 'each feature at the instant in one field' (Qgis enum from 3.30)."""
    if QGIS_VERSION_INT >= 33000:
        return Qgis.VectorTemporalMode.FeatureDateTimeInstantFromField
    from qgis.core import QgsVectorLayerTemporalProperties

    return QgsVectorLayerTemporalProperties.TemporalMode.FeatureDateTimeInstantFromField


def drag_and_drop_form_layout() -> Any:
    """The attribute form's designed layout (Qgis.AttributeFormLayout from 3.32)."""
    if QGIS_VERSION_INT >= 33200:
        return Qgis.AttributeFormLayout.DragAndDrop
    from qgis.core import QgsEditFormConfig

    return QgsEditFormConfig.EditorLayout.TabLayout
