"""ScribePlugin: menu, toolbar, help, Processing provider; and the clean-up of all of it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from . import log
from .dependencies import install_hint, missing_packages
from .i18n import install_translator

PLUGIN_DIR = Path(__file__).resolve().parent
ICON_PATH = PLUGIN_DIR / "resources" / "icons" / "scribe.svg"
HELP_URL = "https://github.com/scribe-qgis/scribe#readme"
MENU_TITLE = "&SCRIBE"


def profile_folder() -> Path:
    """Where a data manager's saved import profiles live (in their QGIS profile)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "scribe" / "import_profiles"


class ScribePlugin:
    """Everything SCRIBE adds to QGIS; ``unload`` removes exactly that."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider = None
        self.menu: QMenu | None = None
        self.toolbar = None
        self.actions: list[QAction] = []
        self.help_action: QAction | None = None
        self.import_dialog = None
        self.translator = install_translator(iface.mainWindow() if iface else None)

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ScribePlugin", text)

    # -- Processing ------------------------------------------------------------------------
    def initProcessing(self) -> None:  # noqa: N802 (QGIS API name)
        """Called by QGIS (also headless: qgis_process) before ``initGui``."""
        if self.provider is not None:
            return
        from .processing.provider import ScribeProvider

        provider = ScribeProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider
        else:  # another copy of SCRIBE already registered "scribe"; QGIS discards this one
            log.warning("SCRIBE's Processing provider is already registered; is the plugin "
                        "installed twice?")

    # -- GUI -------------------------------------------------------------------------------
    def initGui(self) -> None:  # noqa: N802 (QGIS API name)
        self.initProcessing()
        icon = QIcon(str(ICON_PATH))
        main_window = self.iface.mainWindow()
        self.menu = QMenu(self.tr("SCRIBE"), main_window)
        self.menu.setObjectName("scribeMenu")
        self.menu.setIcon(icon)
        self.toolbar = self.iface.addToolBar(self.tr("SCRIBE"))
        self.toolbar.setObjectName("scribeToolbar")

        self._add_action(self.tr("Import a partner file…"), self.open_import, icon,
                         toolbar=True).setObjectName("scribeImportAction")
        self._add_action(self.tr("Analysis tools (Processing)…"), self.open_toolbox, icon,
                         toolbar=True)
        self._add_action(self.tr("Check Python dependencies"), self.report_dependencies)
        self._add_action(self.tr("About SCRIBE"), self.show_about)
        self.iface.pluginMenu().addMenu(self.menu)

        self.help_action = QAction(icon, self.tr("SCRIBE help"), main_window)
        self.help_action.triggered.connect(self.open_help)
        self.iface.pluginHelpMenu().addAction(self.help_action)

        missing = missing_packages()
        if missing:
            names = ", ".join(sorted({m.module for m in missing}))
            log.notify(self.iface, self.tr("SCRIBE is missing Python packages: {}. {}")
                       .format(names, install_hint()), Qgis.MessageLevel.Warning, duration=0)

    def _add_action(self, text: str, slot: Callable[[], None], icon: QIcon | None = None,
                    toolbar: bool = False) -> QAction:
        action = QAction(icon or QIcon(), text, self.iface.mainWindow())
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        for action in self.actions:
            action.triggered.disconnect()
            action.deleteLater()
        self.actions.clear()
        if self.help_action is not None:
            self.iface.pluginHelpMenu().removeAction(self.help_action)
            self.help_action.deleteLater()
            self.help_action = None
        if self.menu is not None:
            self.iface.pluginMenu().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.import_dialog is not None:
            self.import_dialog.close()
            self.import_dialog.deleteLater()
            self.import_dialog = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None

    # -- actions ---------------------------------------------------------------------------
    def open_toolbox(self) -> bool:
        """Show the Processing toolbox filtered to SCRIBE's algorithms."""
        action = self.iface.mainWindow().findChild(QAction, "toolboxAction")  # Processing's
        if action is None:
            log.notify(self.iface, self.tr("Enable the Processing plugin to use SCRIBE's "
                                           "analysis tools."), Qgis.MessageLevel.Warning)
            return False
        action.setChecked(True)
        try:
            from qgis.utils import plugins

            plugins["processing"].toolbox.searchBox.setText("scribe")
        except (KeyError, AttributeError):  # an older/newer toolbox: shown, just unfiltered
            pass
        return True

    def open_import(self) -> None:
        """The import dialog (one per session, so a running import is not lost)."""
        if self.import_dialog is None:
            from .gui.import_dialog import ImportDialog

            self.import_dialog = ImportDialog(self.iface, profile_folder=profile_folder(),
                                              parent=self.iface.mainWindow())
        self.import_dialog.show()
        self.import_dialog.raise_()

    def open_help(self) -> None:
        QDesktopServices.openUrl(QUrl(HELP_URL))

    def report_dependencies(self) -> None:
        missing = missing_packages()
        if not missing:
            log.notify(self.iface, self.tr("All SCRIBE Python dependencies are installed."),
                       Qgis.MessageLevel.Success)
            return
        lines = "\n".join(f"• {m.module}: {m.feature}" for m in missing)
        QMessageBox.warning(self.iface.mainWindow(), self.tr("SCRIBE dependencies"),
                            self.tr("Missing packages:\n{}\n\n{}").format(lines, install_hint()))

    def show_about(self) -> None:
        from .metadata import plugin_version

        QMessageBox.about(self.iface.mainWindow(), self.tr("About SCRIBE"),
                          self.tr("SCRIBE {}: shared crime, ASB and fire incident analysis for "
                                  "community safety partnerships.").format(plugin_version()))
