"""What every SCRIBE Processing algorithm shares: naming, translation, groups, help links."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

ICON = Path(__file__).resolve().parents[2] / "resources" / "icons" / "scribe.svg"


class ScribeAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME and GROUP_ID and implement displayName() and group() with literal
    ``self.tr("...")`` strings (so pylupdate extracts them), plus the parameters."""

    NAME = ""
    GROUP_ID = ""

    def tr(self, text: str) -> str:
        return QCoreApplication.translate(self.__class__.__name__, text)

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
