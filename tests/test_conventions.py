"""Project conventions checked in the test command: Qt6-clean code, translations in sync,
metadata as the single version source."""

from __future__ import annotations

import subprocess
import sys

from .qgis_helpers import REPO


def test_no_qt5_only_idioms():
    import check_qt6

    assert check_qt6.check_paths([REPO / "scribe_plugin"]) == []


def test_qt6_checker_catches_qt5_idioms():
    import check_qt6

    bad = ("from PyQt5.QtCore import Qt\nx = Qt.AlignLeft\nd.exec_()\n"
           "b = QMessageBox.Yes\nimport resources_rc\nf = QVariant.Int\n")
    flagged_lines = {int(p.split(":")[1]) for p in check_qt6.check_text(bad, "x.py")}
    assert flagged_lines == {1, 2, 3, 4, 5, 6}
    good = ("from qgis.PyQt.QtCore import Qt\nx = Qt.AlignmentFlag.AlignLeft\nd.exec()\n"
            "b = QMessageBox.StandardButton.Yes\nQMessageBox.warning(None, 'a', 'b')\n")
    assert check_qt6.check_text(good, "x.py") == []


def test_translations_in_sync_and_compiled_french_works(tmp_path, qgis_app):
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "i18n.py"), "check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    import i18n

    qm = i18n.compile_all(tmp_path)
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(tmp_path / "scribe_fr.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("ScribePlugin", "About SCRIBE") == "À propos de SCRIBE"
        assert QCoreApplication.translate("KdeHotspotsAlgorithm", "Kernel density hotspots") \
            == "Points chauds par densité de noyau"
        # strings written in a shared base class translate in every algorithm built on it
        from scribe_plugin.processing.algorithms.kde_hotspots import KdeHotspotsAlgorithm
        from scribe_plugin.processing.algorithms.trend_test import TrendTestAlgorithm

        assert TrendTestAlgorithm().tr("Incident points") == "Points d'incidents"
        assert TrendTestAlgorithm().tr("Trends") == "Tendances"
        assert KdeHotspotsAlgorithm().tr(
            "The input must be a point layer; convert polygons or lines to points (e.g. "
            "'Centroids') first.").startswith("L'entrée doit être une couche de points")
    finally:
        QCoreApplication.removeTranslator(translator)
    assert qm


def test_version_comes_from_metadata_only():
    from scribe_plugin.metadata import plugin_version, read_metadata

    meta = read_metadata()
    assert plugin_version() == meta["version"]
    assert meta["qgisMinimumVersion"] == "3.22" and meta["qgisMaximumVersion"] == "4.99"
    import re

    assert not re.search(r"^version\s*=", (REPO / "pyproject.toml").read_text(), re.MULTILINE)
