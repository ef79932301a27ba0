"""Styles for SCRIBE's vector outputs, applied when Processing loads them into the project.

Processing calls a layer post-processor after it adds an output layer; it must outlive the
algorithm run, so each is kept in a module-level list (the usual PyQGIS pitfall: a collected
post-processor crashes QGIS or silently does nothing).
"""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
)

from .. import compat

# Gi* classes: ArcGIS-like diverging reds and blues, which analysts already read
GI_CLASSES = [
    (3, "Hot spot, 99% confidence", "#d62f27"), (2, "Hot spot, 95% confidence", "#ed7551"),
    (1, "Hot spot, 90% confidence", "#fab984"), (0, "Not significant", "#f7f7f2"),
    (-1, "Cold spot, 90% confidence", "#c0ccbe"), (-2, "Cold spot, 95% confidence", "#849eba"),
    (-3, "Cold spot, 99% confidence", "#4575b5"),
]
TREND_CLASSES = [
    ("increasing", "Increasing (significant)", "#d62f27"),
    ("no trend", "No significant trend", "#f0f0f0"),
    ("decreasing", "Decreasing (significant)", "#4575b5"),
]
EMERGING_COLOURS = {
    "new": ("#fdd0a2", "#c6dbef"), "consecutive": ("#fdae6b", "#9ecae1"),
    "intensifying": ("#a50f15", "#08306b"), "persistent": ("#de2d26", "#2171b5"),
    "diminishing": ("#fb6a4a", "#6baed6"), "sporadic": ("#fcbba1", "#deebf7"),
    "oscillating": ("#e7969c", "#a6bddb"), "historical": ("#bdbdbd", "#969696"),
}

_KEEP_ALIVE: list[QgsProcessingLayerPostProcessorInterface] = []


def categorized_renderer(field: str, classes) -> QgsCategorizedSymbolRenderer:
    """(value, label, colour) classes as filled polygons with a thin grey outline."""
    categories = []
    for value, label, colour in classes:
        symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": "#9a9a9a",
                                             "outline_width": "0.1"})
        categories.append(QgsRendererCategory(value, symbol, label))
    return QgsCategorizedSymbolRenderer(field, categories)


def emerging_classes(names_by_code: dict[int, str]):
    classes = []
    for code in sorted(names_by_code, key=lambda c: (c <= 0, abs(c))):
        name = names_by_code[code]
        if code == 0:
            classes.append((0, name, "#ffffff"))
            continue
        hot, cold = EMERGING_COLOURS[name.split(" ")[0]]
        classes.append((code, name, hot if code > 0 else cold))
    return classes


class RendererPostProcessor(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, renderer_factory):
        super().__init__()
        self._factory = renderer_factory

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS API)
        if layer is not None and layer.isValid():
            layer.setRenderer(self._factory())
            layer.triggerRepaint()


def style_output_on_load(context, destination: str, renderer_factory) -> None:
    """Apply ``renderer_factory()`` to the output layer when Processing loads it."""
    if not context.willLoadLayerOnCompletion(destination):
        return
    processor = RendererPostProcessor(renderer_factory)
    _KEEP_ALIVE.append(processor)
    context.layerToLoadOnCompletionDetails(destination).setPostProcessor(processor)


def count_symbol_renderer(field: str, maximum: float):
    """Points sized by ``field`` (an incident count), dark red, biggest on top: the repeat
    locations view. Symbol area grows with the count."""
    from qgis.core import (
        QgsFeatureRequest,
        QgsMarkerSymbol,
        QgsProperty,
        QgsSingleSymbolRenderer,
    )

    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "178,24,43,190",
                                           "outline_color": "255,255,255,200",
                                           "outline_width": "0.2"})
    top = max(float(maximum), 2.0)
    size = QgsProperty.fromExpression(
        f'1.6 + 6.4 * sqrt(("{field}" - 1) / {top - 1.0:.6g})')
    symbol.symbolLayer(0).setDataDefinedProperty(compat.symbol_size_property(), size)
    renderer = QgsSingleSymbolRenderer(symbol)
    order = renderer.orderBy()
    order.append(QgsFeatureRequest.OrderByClause(field, True))
    renderer.setOrderBy(order)
    renderer.setOrderByEnabled(True)
    return renderer
