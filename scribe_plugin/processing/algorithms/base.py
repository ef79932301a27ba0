"""What every SCRIBE Processing algorithm shares: naming, translation, groups, help links."""

from __future__ import annotations

import functools
from pathlib import Path

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ... import compat

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "scribe.svg"


class ScribeAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME and GROUP_ID and implement displayName() and group() with literal
    ``self.tr("...")`` strings (so pylupdate extracts them), plus the parameters."""

    NAME = ""
    GROUP_ID = ""
    INPUT = "INPUT"

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "processAlgorithm" in cls.__dict__:
            cls.processAlgorithm = _explain_missing_packages(cls.__dict__["processAlgorithm"])

    def store_output_metadata(self, parameters, context, title: str, rows: int) -> dict:
        """What leaves the store with an algorithm's output, for its audit record."""
        from ...core import exports

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        metadata = exports.export_metadata(
            title=f"{self.displayName()}: {title}",
            source=layer.publicSource() if layer else "",
            filter_text=layer.subsetString() if layer else "",
            purpose="(the purpose declared at sign-in)", note="")
        metadata["rows"] = str(rows)
        return metadata

    def audit_store_output(self, parameters, context, metadata: dict,
                           files: list[str]) -> None:
        """When the input is a SCRIBE store layer, record the output in the store's audit
        table as the signed-in user (also noted in ``metadata``) before anything is
        written: no record, no output."""
        from ...core import exports
        from .. import store_connection

        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        if not store_connection.is_store_layer(layer):
            return
        try:
            with store_connection.connect_for(layer) as conn:
                metadata["exported by"] = conn.info.user
                exports.audit_export(conn, metadata, files)
        except Exception as error:  # psycopg or authentication errors: refuse clearly
            raise QgsProcessingException(self.tr(
                "The output could not be recorded in the SCRIBE audit table, so nothing was "
                "written: {}").format(error)) from error

    def tr(self, text: str) -> str:
        """pylupdate files each ``self.tr`` string under the class whose code holds it, so a
        string written in a shared base class (IncidentAlgorithm, this one) is looked up
        there too: the running class first, then its SCRIBE bases."""
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text or cls is ScribeAlgorithm:
                return translated
        return text

    def createInstance(self):  # noqa: N802 (QGIS API)
        return self.__class__()

    def name(self) -> str:
        return self.NAME

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP_ID

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def helpUrl(self) -> str:  # noqa: N802
        return f"https://github.com/scribe-qgis/scribe/blob/main/docs/algorithms.md#{self.NAME}"

    def point_source(self, parameters, context):
        """The INPUT parameter's feature source, refused clearly unless it holds points."""
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        if not compat.is_point_layer_type(source.wkbType()):
            raise QgsProcessingException(self.tr(
                "The input must be a point layer; convert polygons or lines to points (e.g. "
                "'Centroids') first."))
        return source

    def projected_point_source(self, parameters, context):
        """``point_source``, refused clearly when its CRS is geographic: every distance,
        band and density SCRIBE computes is in the CRS's units."""
        source = self.point_source(parameters, context)
        crs = source.sourceCrs()
        if crs.isGeographic():
            raise QgsProcessingException(self.tr(
                "The input is in a geographic CRS ({}), where distances are degrees. Reproject "
                "it to a projected CRS in metres first (British National Grid, EPSG:27700, for "
                "UK data) with 'Reproject layer'.").format(crs.authid()))
        return source


def _explain_missing_packages(process):
    """A user's QGIS Python may lack scipy, shapely or geopandas: say which package the
    algorithm needs and how to install it, instead of a bare ModuleNotFoundError."""
    @functools.wraps(process)
    def wrapper(self, parameters, context, feedback):
        try:
            return process(self, parameters, context, feedback)
        except ModuleNotFoundError as error:
            from ...dependencies import install_hint

            raise QgsProcessingException(self.tr(
                "This algorithm needs the Python package '{}', which the Python running QGIS "
                "does not have. {}").format(error.name, install_hint())) from error
    return wrapper
