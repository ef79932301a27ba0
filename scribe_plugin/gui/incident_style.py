"""SCRIBE's shipped incident palette: one colour per category, one marker shape per domain
(crime circles, ASB triangles, fire squares), so every partner's map reads the same.

Crime types follow a qualitative palette readable by most colour-blind viewers; ASB is
purple; fire groups are reds (primary), oranges (secondary), brown (chimney), greys (false
alarms) and blues (special services), with sub-types as lighter shades of their group.
"""

from __future__ import annotations

from qgis.core import QgsCategorizedSymbolRenderer, QgsMarkerSymbol, QgsRendererCategory
from qgis.PyQt.QtGui import QColor

from ..core import taxonomy

COLOURS = {
    "crime": "#4d4d4d",
    "crime.violence_sexual": "#e41a1c", "crime.burglary": "#377eb8",
    "crime.robbery": "#984ea3", "crime.vehicle": "#ff7f00", "crime.theft_from_person": "#a65628",
    "crime.bicycle_theft": "#f781bf", "crime.shoplifting": "#66c2a5",
    "crime.other_theft": "#8da0cb", "crime.criminal_damage_arson": "#b2182b",
    "crime.drugs": "#4daf4a", "crime.weapons": "#000000", "crime.public_order": "#ffd92f",
    "crime.other": "#999999",
    "asb": "#7b3294", "asb.personal": "#5e3c99", "asb.nuisance": "#9970ab",
    "asb.environmental": "#c2a5cf",
    "fire": "#d7301f", "fire.primary": "#b30000", "fire.secondary": "#fd8d3c",
    "fire.chimney": "#8c510a", "fire.false_alarm": "#737373",
    "fire.special_service": "#2171b5",
}
SHAPES = {"crime": "circle", "asb": "triangle", "fire": "square"}


def colour(code: str) -> QColor:
    """The category's colour; a sub-type is a lighter shade of its group's."""
    if code in COLOURS:
        return QColor(COLOURS[code])
    parent = taxonomy.category(code).parent
    siblings = sorted(c.code for c in taxonomy.CATEGORIES if c.parent == parent)
    return colour(parent).lighter(110 + 15 * siblings.index(code))


def marker(code: str) -> QgsMarkerSymbol:
    return QgsMarkerSymbol.createSimple({
        "name": SHAPES[code.split(".")[0]], "color": colour(code).name(), "size": "2.2",
        "outline_color": "255,255,255,220", "outline_width": "0.2"})


def category_renderer(codes=None) -> QgsCategorizedSymbolRenderer:
    """A class per category in taxonomy order (``codes``: only these), legend in words."""
    wanted = set(codes) if codes else None
    categories = [QgsRendererCategory(c.code, marker(c.code), c.label)
                  for c in taxonomy.CATEGORIES if wanted is None or c.code in wanted]
    return QgsCategorizedSymbolRenderer("category_code", categories)
