"""A problem profile as a QGIS print layout, exported to PDF: SARA's Scanning and Analysis
filled in from the data, Response and Assessment left for the problem-solving group.

Everything lives in a private QgsProject, so the user's open project is never touched."""

from __future__ import annotations

from qgis.core import (
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemShape,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
)

from .. import compat
from ..core.problem_profile import ProfileData

MM = compat.LAYOUT_MM
PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 15.0
ATTRIBUTION = ("Contains public sector information licensed under the Open Government "
               "Licence v3.0. Contains OS data © Crown copyright.")


class ProfileLayout:
    def __init__(self, project: QgsProject, title: str):
        self.layout = QgsPrintLayout(project)
        self.layout.initializeDefaults()  # one A4 page, landscape: make it portrait
        self.layout.pageCollection().page(0).setPageSize(
            "A4", QgsLayoutItemPage.Orientation.Portrait)
        self.layout.setName(title)
        self.page = 0

    # -- items ---------------------------------------------------------------------------------
    def _place(self, item, x: float, y: float, w: float, h: float) -> None:
        item.attemptMove(QgsLayoutPoint(x, y, MM), page=self.page)
        item.attemptResize(QgsLayoutSize(w, h, MM))
        self.layout.addLayoutItem(item)

    def new_page(self) -> None:
        page = QgsLayoutItemPage(self.layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Portrait)
        self.layout.pageCollection().addPage(page)
        self.page = self.layout.pageCollection().pageCount() - 1

    def text(self, body: str, y: float, h: float, size: int = 10, bold: bool = False,
             monospace: bool = False) -> None:
        label = QgsLayoutItemLabel(self.layout)
        label.setText(body)
        font = label.font()
        if monospace:
            font.setFamily("DejaVu Sans Mono")
        font.setPointSize(size)
        font.setBold(bold)
        label.setFont(font)
        self._place(label, MARGIN, y, PAGE_W - 2 * MARGIN, h)

    def picture(self, path: str, y: float, h: float) -> None:
        picture = QgsLayoutItemPicture(self.layout)
        picture.setPicturePath(path)
        picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        self._place(picture, MARGIN, y, PAGE_W - 2 * MARGIN, h)

    def box(self, y: float, h: float) -> None:
        shape = QgsLayoutItemShape(self.layout)
        shape.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
        self._place(shape, MARGIN, y, PAGE_W - 2 * MARGIN, h)

    def map(self, layers, extent: QgsRectangle, crs, y: float, h: float) -> None:
        item = QgsLayoutItemMap(self.layout)
        item.setCrs(crs)
        item.setLayers(layers)
        item.setKeepLayerSet(True)
        width = PAGE_W - 2 * MARGIN
        self._place(item, MARGIN, y, width, h)
        # the extent grown by 5 % and to the item's shape (zoomToExtent leaves an empty
        # extent on a map item that has never been drawn)
        grown = QgsRectangle(extent)
        grown.grow(max(extent.width(), extent.height()) * 0.05 + 1.0)
        cx, cy = grown.center().x(), grown.center().y()
        half_w = max(grown.width(), grown.height() * width / h) / 2
        half_h = half_w * h / width
        item.setExtent(QgsRectangle(cx - half_w, cy - half_h, cx + half_w, cy + half_h))

    def table(self, layer, fields: list[str], y: float) -> None:
        """The layer's rows in as many pages as they need."""
        table = QgsLayoutItemAttributeTable.create(self.layout)
        table.setVectorLayer(layer)
        table.setDisplayedFields(fields)
        table.setMaximumNumberOfFeatures(layer.featureCount())
        # equal, fixed column widths that fit the page, long values wrapped
        columns = table.columns()
        width = (PAGE_W - 2 * MARGIN) / max(len(columns), 1) - 2.5
        for column in columns:
            column.setWidth(width)
        table.setColumns(columns)
        table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
        compat.set_table_text_size(table, 7.0)
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)
        self.layout.addMultiFrame(table)
        frame = QgsLayoutFrame(self.layout, table)
        frame.attemptMove(QgsLayoutPoint(MARGIN, y, MM), page=self.page)
        frame.attemptResize(QgsLayoutSize(PAGE_W - 2 * MARGIN, PAGE_H - y - MARGIN, MM))
        table.addFrame(frame)

    def export_pdf(self, path: str) -> None:
        exporter = QgsLayoutExporter(self.layout)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = 150
        result = exporter.exportToPdf(path, settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise RuntimeError(f"the PDF could not be written ({exporter.errorMessage()})")


def text_table(header: list[str], rows: list[list]) -> str:
    """Rows as aligned plain text (set in a monospace font): no HTML engine needed to render
    the PDF headless."""
    cells = [[str(v) for v in header]] + [[str(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def build_layout(project: QgsProject, title: str, subtitle: str, data: ProfileData,
                 parts: dict[str, str], map_layers, extent: QgsRectangle, crs,
                 incidents_layer, table_fields: list[str]) -> ProfileLayout:
    doc = ProfileLayout(project, title)
    doc.text(title, 15, 12, size=18, bold=True)
    doc.text(subtitle, 28, 10, size=10)
    doc.text("Scanning: what, and how much", 42, 8, size=13, bold=True)
    if data.empty:
        doc.text("No incidents matched this area, period and categories: there is nothing to "
                 "profile. Check the period and categories, or widen the area.", 52, 20)
    else:
        shown = data.by_category[:12]
        doc.text(f"{data.total} incidents. {data.trend}", 52, 12)
        doc.text(text_table(["Category", "Incidents", "Share"],
                            [[c, n, f"{100.0 * n / data.total:.1f}%"] for c, n in shown]),
                 66, 66, size=9, monospace=True)
        if "trend" in parts:
            doc.picture(parts["trend"], 135, 95)
    doc.text(ATTRIBUTION, 280, 8, size=7)

    doc.new_page()
    doc.text("Analysis: where", 15, 8, size=13, bold=True)
    doc.map(map_layers, extent, crs, 25, 150)
    if not data.empty and data.places is not None:
        p = data.places
        rows = [[k + 1, p.count[k], f"{p.share_pct[k]:.1f}%", f"{p.x[k]:.0f}, {p.y[k]:.0f}"]
                for k in range(min(data.top, p.n_places))]
        doc.text("Most repeated locations", 180, 8, size=11, bold=True)
        doc.text(text_table(["Rank", "Incidents", "Share", "Easting, northing"], rows), 189,
                 80, size=9, monospace=True)
    doc.text(ATTRIBUTION, 280, 8, size=7)

    doc.new_page()
    doc.text("Analysis: when", 15, 8, size=13, bold=True)
    if data.repeat_victims is not None:
        victims = data.repeat_victims[:data.top]
        doc.text("Repeat victims" if victims else "Repeat victims: none (no victim has more "
                 "than one incident in the period)", 107, 8, size=11, bold=True)
        if victims:
            doc.text(text_table(["Victim", "Incidents"], [[v, n] for v, n in victims]), 116,
                     60, size=8, monospace=True)
    if "week" in parts:
        doc.picture(parts["week"], 25, 80)
    doc.new_page()
    doc.text("Response (for the problem-solving group): what will be done, by whom, by when",
             15, 12, size=12, bold=True)
    doc.box(30, 110)
    doc.text("Assessment: how and when success will be judged (SCRIBE's 'Assess a response' "
             "compares before and after with buffer and control areas)", 150, 12, size=12,
             bold=True)
    doc.box(165, 110)

    if not data.empty:
        doc.new_page()
        doc.text("The incidents (what this reader is cleared to see)", 15, 8, size=13,
                 bold=True)
        doc.table(incidents_layer, table_fields, 25)
    return doc
