"""Render a hotspot map PNG headless with QGIS: ward boundaries, the density surface in its
shipped style, hotspot outlines, a title and the data's attribution.

    render_map.py DENSITY.tif HOTSPOTS.gpkg OUT.png "Title" "Attribution"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
WARDS = REPO.parent / "shared" / "data" / "boundaries" / "bedfordshire" / "merged" / \
    "bedfordshire_wards.gpkg"


def main(density: str, hotspots: str, out: str, title: str, attribution: str) -> int:
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsMapRendererCustomPainterJob,
        QgsMapSettings,
        QgsRasterLayer,
        QgsRectangle,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

    app = QgsApplication([], False)
    app.initQgis()
    layers = []
    hot = QgsVectorLayer(hotspots, "hotspots", "ogr")
    if hot.isValid():
        hot.setRenderer(hot.renderer().__class__(QgsFillSymbol.createSimple(
            {"color": "0,0,0,0", "outline_color": "#4a0014", "outline_width": "0.5"})))
        layers.append(hot)
    raster = QgsRasterLayer(density, "density")
    raster.loadDefaultStyle()
    layers.append(raster)
    wards = QgsVectorLayer(str(WARDS), "wards", "ogr")
    if wards.isValid():
        wards.setRenderer(wards.renderer().__class__(QgsFillSymbol.createSimple(
            {"color": "#f4f4f0", "outline_color": "#9a9a9a", "outline_width": "0.2"})))
        layers.append(wards)

    settings = QgsMapSettings()
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:27700"))
    settings.setLayers(layers)
    extent = QgsRectangle(raster.extent())
    extent.scale(1.02)
    settings.setExtent(extent)
    width = 1400
    height = int(width * extent.height() / extent.width())
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor("#dfe8ef"))

    image = QImage(QSize(width, height + 90), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(0, 60)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.translate(0, -60)
    painter.setPen(QColor("#1f3b57"))
    painter.setFont(QFont("DejaVu Sans", 18, QFont.Weight.Bold))
    painter.drawText(20, 40, title)
    painter.setFont(QFont("DejaVu Sans", 10))
    painter.setPen(QColor("#333333"))
    painter.drawText(20, height + 85, f"SCRIBE kernel density (quartic), hotspot areas outlined. "
                                      f"{attribution} Contains OS data © Crown copyright.")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.end()
    image.save(out, "PNG")
    # Layers must go before exitQgis(), or the interpreter's teardown crashes PyQGIS.
    settings.setLayers([])
    del job, settings, layers, hot, raster, wards
    app.exitQgis()
    return 0 if Path(out).exists() else 1


if __name__ == "__main__":
    if len(sys.argv) != 6:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
