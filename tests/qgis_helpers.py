"""Helpers shared by the tests and by subprocesses they start (no pytest imports here)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROCESSING_PLUGINS = "/usr/share/qgis/python/plugins"


def unlock_qgis_auth_database() -> None:
    """Tests unlock QGIS's authentication database themselves (no keyring, no prompt)."""
    from qgis.core import QgsApplication

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("Test-master-password-1", True)


def click(button) -> None:
    """A real mouse click on an enabled button."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest

    assert button.isEnabled(), button.objectName()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def ensure_paths() -> None:
    for path in (str(REPO), str(REPO / "scripts"), PROCESSING_PLUGINS):
        if path not in sys.path:
            sys.path.insert(0, path)


def complete_stub_iface(iface):
    """pytest-qgis 2.1's stub iface lacks the menu methods a real QGIS has; give it real
    QMenus so plugins are exercised the way QGIS drives them."""
    from qgis.PyQt.QtWidgets import QMenu, QToolBar

    parent = iface.mainWindow()
    if not hasattr(iface, "_scribe_menus"):
        iface._scribe_menus = {name: QMenu(name, parent)
                               for name in ("plugins", "help", "vector", "raster", "database")}

    def menu(name):
        return lambda self=None: iface._scribe_menus[name]

    def remove_plugin_menu(self, name, action):
        iface._scribe_menus["plugins"].removeAction(action)

    def add_toolbar(name):
        toolbar = QToolBar(name, parent)
        toolbar.setObjectName(name)
        return toolbar

    iface.pluginMenu = menu("plugins")
    iface.pluginHelpMenu = menu("help")
    iface.vectorMenu = menu("vector")
    iface.rasterMenu = menu("raster")
    iface.databaseMenu = menu("database")
    iface.removePluginMenu = types.MethodType(remove_plugin_menu, iface)
    iface.addToolBar = add_toolbar
    # docks go into the stub's real QMainWindow, as QGIS puts them into its own
    iface.addDockWidget = lambda area, dock: parent.addDockWidget(area, dock)
    iface.removeDockWidget = lambda dock: parent.removeDockWidget(dock)
    # Processing's algorithm dialogs ask the interface for QGIS's browser model
    from qgis.gui import QgsBrowserGuiModel

    iface._scribe_browser = QgsBrowserGuiModel(parent)
    iface.browserModel = lambda: iface._scribe_browser
    return iface


def flush_deletes() -> None:
    """Run pending deleteLater() calls so tests can check objects are really gone."""
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


class MinimalIface:
    """Just enough of QgisInterface, from real widgets, for loading a plugin outside pytest
    (a subprocess that must not import the repo's own copy of the plugin)."""

    def __init__(self):
        from qgis.gui import QgsMapCanvas, QgsMessageBar
        from qgis.PyQt.QtWidgets import QMainWindow

        self._window = QMainWindow()
        self._canvas = QgsMapCanvas(self._window)
        self._bar = QgsMessageBar(self._window)
        complete_stub_iface(self)

    def mainWindow(self):  # noqa: N802 (QGIS API)
        return self._window

    def mapCanvas(self):  # noqa: N802
        return self._canvas

    def messageBar(self):  # noqa: N802
        return self._bar
