"""A map tool to draw an area: click the corners, right-click to finish."""

from __future__ import annotations

from qgis.core import QgsGeometry, QgsPointXY
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

from .. import compat


class PolygonTool(QgsMapToolEmitPoint):
    finished = pyqtSignal(QgsGeometry)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.points: list[QgsPointXY] = []
        self.band = QgsRubberBand(canvas, compat.polygon_geometry_type())
        self.band.setColor(QColor(215, 48, 31, 60))
        self.band.setStrokeColor(QColor(215, 48, 31))
        self.band.setWidth(2)

    def canvasReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
            return
        self.add_point(self.toMapCoordinates(event.pos()))

    def add_point(self, point: QgsPointXY) -> None:
        self.points.append(QgsPointXY(point))
        self.band.addPoint(QgsPointXY(point), True)

    def finish(self) -> QgsGeometry | None:
        if len(self.points) < 3:
            return None
        geometry = QgsGeometry.fromPolygonXY([self.points + [self.points[0]]])
        self.band.reset(compat.polygon_geometry_type())
        self.points = []
        self.finished.emit(geometry)
        self.canvas().unsetMapTool(self)
        return geometry

    def deactivate(self) -> None:
        self.band.reset(compat.polygon_geometry_type())
        super().deactivate()
