"""The SCRIBE Processing provider (id ``scribe``); also registered headless by qgis_process."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

ICON = Path(__file__).resolve().parents[1] / "resources" / "icons" / "scribe.svg"


def algorithm_classes() -> list[type]:
    """Every algorithm SCRIBE offers; imported lazily so a missing optional package only
    hides the algorithms that need it."""
    from .algorithms.anonymised_extract import AnonymisedExtractAlgorithm
    from .algorithms.assess_response import AssessResponseAlgorithm
    from .algorithms.counts_by_period import CountsByPeriodAlgorithm
    from .algorithms.dual_kde import DualKdeAlgorithm
    from .algorithms.emerging_hotspots import EmergingHotspotsAlgorithm
    from .algorithms.export_table import ExportTableAlgorithm
    from .algorithms.hotspot_accuracy import HotspotAccuracyAlgorithm
    from .algorithms.hotspots_gi import HotspotsGiAlgorithm
    from .algorithms.kde_hotspots import KdeHotspotsAlgorithm
    from .algorithms.near_repeat import NearRepeatAlgorithm
    from .algorithms.problem_profile import ProblemProfileAlgorithm
    from .algorithms.repeat_locations import RepeatLocationsAlgorithm
    from .algorithms.temporal_profile import TemporalProfileAlgorithm
    from .algorithms.trend_test import TrendTestAlgorithm

    return [KdeHotspotsAlgorithm, HotspotsGiAlgorithm, EmergingHotspotsAlgorithm,
            CountsByPeriodAlgorithm, TrendTestAlgorithm, TemporalProfileAlgorithm,
            NearRepeatAlgorithm, RepeatLocationsAlgorithm, DualKdeAlgorithm,
            AssessResponseAlgorithm, HotspotAccuracyAlgorithm, AnonymisedExtractAlgorithm,
            ExportTableAlgorithm, ProblemProfileAlgorithm]


class ScribeProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "scribe"

    def name(self) -> str:
        return "SCRIBE"

    def longName(self) -> str:  # noqa: N802
        return QCoreApplication.translate("ScribeProvider", "SCRIBE community safety analysis")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
