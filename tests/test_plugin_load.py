"""The plugin loads into a real QGIS, adds its menu, toolbar, help and provider, and unload
removes every one of them."""

from __future__ import annotations

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QToolBar

from scribe_plugin import classFactory

from .qgis_helpers import flush_deletes


def _menu_titles(menu) -> list[str]:
    return [a.text() for a in menu.actions()]


def test_plugin_loads_and_unloads_cleanly(iface, no_scribe_provider):
    registry = QgsApplication.processingRegistry()
    flush_deletes()  # earlier tests' unloads
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert "SCRIBE" in _menu_titles(iface.pluginMenu())
        assert plugin.menu is not None and len(plugin.menu.actions()) >= 3
        toolbars = iface.mainWindow().findChildren(QToolBar, "scribeToolbar")
        assert len(toolbars) == 1 and toolbars[0].actions()
        assert "SCRIBE help" in _menu_titles(iface.pluginHelpMenu())
        provider = registry.providerById("scribe")
        assert provider is not None
        assert registry.algorithmById("scribe:kde_hotspots") is not None
        assert not plugin.menu.icon().isNull()
        # the import action opens the real dialog, once per session
        importer = next(a for a in plugin.actions if a.objectName() == "scribeImportAction")
        importer.trigger()
        dialog = plugin.import_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "SCRIBE: import a partner file"
        importer.trigger()
        assert plugin.import_dialog is dialog
    finally:
        plugin.unload()
    flush_deletes()
    assert "SCRIBE" not in _menu_titles(iface.pluginMenu())
    assert "SCRIBE help" not in _menu_titles(iface.pluginHelpMenu())
    assert iface.mainWindow().findChildren(QToolBar, "scribeToolbar") == []
    assert registry.providerById("scribe") is None
    assert plugin.actions == [] and plugin.provider is None
    assert plugin.import_dialog is None


def test_load_unload_twice_leaves_nothing_behind(iface, no_scribe_provider):
    registry = QgsApplication.processingRegistry()
    before = len(iface.pluginMenu().actions())
    for _ in range(2):
        plugin = classFactory(iface)
        plugin.initGui()
        plugin.unload()
        flush_deletes()
    assert len(iface.pluginMenu().actions()) == before
    assert registry.providerById("scribe") is None


def test_init_processing_alone_registers_provider_headless(no_scribe_provider):
    """qgis_process calls initProcessing() without initGui()."""
    plugin = classFactory(None)
    plugin.initProcessing()
    try:
        assert plugin.provider is not None
        assert QgsApplication.processingRegistry().providerById("scribe") is plugin.provider
    finally:
        plugin.unload()
    assert QgsApplication.processingRegistry().providerById("scribe") is None


def test_toolbox_action_opens_processing_toolbox(iface, no_scribe_provider):
    """Without the Processing plugin's toolbox action the user is told what to do; with it
    (an action named as Processing names it), the toolbox is shown."""
    from qgis.core import Qgis
    from qgis.PyQt.QtWidgets import QAction

    plugin = classFactory(iface)
    plugin.initGui()
    try:
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        before = len(warnings)
        assert plugin.open_toolbox() is False
        assert "Processing" in " ".join(warnings[before:])
        toolbox_action = QAction("Toolbox", iface.mainWindow())
        toolbox_action.setObjectName("toolboxAction")
        toolbox_action.setCheckable(True)
        assert plugin.open_toolbox() is True and toolbox_action.isChecked()
        toolbox_action.deleteLater()
    finally:
        plugin.unload()
        flush_deletes()


def test_share_results_menu_opens_each_sharing_algorithm(iface, no_scribe_provider):
    """SCRIBE > Share results: one entry per sharing tool, each opening that algorithm's
    real Processing dialog."""
    from qgis.PyQt.QtWidgets import QMenu

    flush_deletes()
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        sharing = plugin.menu.findChild(QMenu, "scribeSharingMenu")
        assert sharing is not None and len(sharing.actions()) == 5
        for action in sharing.actions():
            name = action.objectName().removeprefix("scribeShare_")
            dialog = plugin.open_algorithm(name)
            assert dialog is not None and dialog.isVisible()
            assert dialog.algorithm().id() == f"scribe:{name}"
            dialog.close()
            dialog.deleteLater()
    finally:
        plugin.unload()
    flush_deletes()
