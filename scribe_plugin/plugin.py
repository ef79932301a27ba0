"""ScribePlugin: menu, toolbar, help, Processing provider; and the clean-up of all of it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from . import log
from .dependencies import geos_mismatch, install_hint, missing_packages
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
        self.session = None
        self.dock = None
        self.project_signal_connected = False
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

        try:
            from .session import ScribeSession, blank_all_scribe_credentials

            self.session = ScribeSession()
            blank_all_scribe_credentials()  # a crashed QGIS may have left a password behind
        except ImportError:  # psycopg or keyring missing: said below, with the install hint
            self.session = None
        self._add_action(self.tr("Sign in…"), self.open_sign_in, icon,
                         toolbar=True).setObjectName("scribeSignInAction")
        self._add_action(self.tr("Incident layers"), self.show_dock, icon,
                         toolbar=True).setObjectName("scribeDockAction")
        self._add_action(self.tr("Import a partner file…"), self.open_import, icon,
                         toolbar=True).setObjectName("scribeImportAction")
        self._add_action(self.tr("Analysis tools (Processing)…"), self.open_toolbox, icon,
                         toolbar=True)
        self._add_sharing_menu()
        self._add_action(self.tr("Change my password…"), self.open_change_password
                         ).setObjectName("scribeChangePasswordAction")
        self._add_action(self.tr("Sign out"), self.sign_out).setObjectName("scribeSignOutAction")
        self._add_action(self.tr("Check Python dependencies"), self.report_dependencies)
        self._add_action(self.tr("About SCRIBE"), self.show_about)
        self.iface.pluginMenu().addMenu(self.menu)
        QgsProject.instance().readProject.connect(self.project_opened)
        self.project_signal_connected = True

        self.help_action = QAction(icon, self.tr("SCRIBE help"), main_window)
        self.help_action.triggered.connect(self.open_help)
        self.iface.pluginHelpMenu().addAction(self.help_action)

        missing = missing_packages()
        if missing:
            names = ", ".join(sorted({m.module for m in missing}))
            log.notify(self.iface, self.tr("SCRIBE is missing Python packages: {}. {}")
                       .format(names, install_hint()), Qgis.MessageLevel.Warning, duration=0)
        mismatch = geos_mismatch()
        if mismatch:
            log.notify(self.iface, mismatch, Qgis.MessageLevel.Warning, duration=0)

    def _add_sharing_menu(self) -> None:
        """SCRIBE > Share results: the sharing algorithms' own Processing dialogs."""
        sharing = self.menu.addMenu(self.tr("Share results"))
        sharing.setObjectName("scribeSharingMenu")
        for name, text in (
                ("problem_profile", self.tr("Problem profile for a problem-solving group "
                                            "(SARA, PDF)…")),
                ("export_table", self.tr("Download a data table (CSV, Excel)…")),
                ("anonymised_extract", self.tr("Anonymised extract for the public…")),
                ("assess_response", self.tr("Assess a response (before/after, WDQ)…")),
                ("hotspot_accuracy", self.tr("Hotspot accuracy (PAI, RRI)…"))):
            action = self._add_action(text, lambda _=False, n=name: self.open_algorithm(n),
                                      menu=sharing)
            action.setObjectName(f"scribeShare_{name}")

    def open_algorithm(self, name: str):
        """Open a SCRIBE algorithm's Processing dialog (not modal); returns the dialog."""
        try:
            import processing
        except ImportError:
            log.notify(self.iface, self.tr("Enable the Processing plugin to use SCRIBE's "
                                           "analysis tools."), Qgis.MessageLevel.Warning)
            return None
        dialog = processing.createAlgorithmDialog(f"scribe:{name}")
        if dialog is not None:
            dialog.show()
        return dialog

    def _add_action(self, text: str, slot: Callable[[], None], icon: QIcon | None = None,
                    toolbar: bool = False, menu: QMenu | None = None) -> QAction:
        action = QAction(icon or QIcon(), text, self.iface.mainWindow())
        action.triggered.connect(slot)
        (menu or self.menu).addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def unload(self) -> None:
        if self.project_signal_connected:
            QgsProject.instance().readProject.disconnect(self.project_opened)
            self.project_signal_connected = False
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.session is not None:
            self.session.sign_out()
            self.session = None
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

    # -- signing in and the incident dock -----------------------------------------------------
    def open_sign_in(self) -> bool:
        """Sign in, state the purpose, and reconnect the project's SCRIBE layers."""
        if self.session is None:
            self.report_dependencies()
            return False
        from .gui.sign_in_dialog import SignInDialog

        dialog = SignInDialog(self.session, self.iface, self.iface.mainWindow())
        if not dialog.exec():
            return False
        account = self.session.account
        log.notify(self.iface, self.tr("Signed in as {} ({}).").format(
            account.username, account.partner_name), Qgis.MessageLevel.Success, duration=4)
        if self.session.needs_purpose():
            self.ask_purpose()
        self.reconnect_layers()
        return True

    def ask_purpose(self) -> bool:
        from .gui.sign_in_dialog import PurposeDialog

        return bool(PurposeDialog(self.session, self.iface.mainWindow()).exec())

    def sign_out(self) -> None:
        if self.session is not None and self.session.is_signed_in:
            self.session.sign_out()
            log.notify(self.iface, self.tr("Signed out of SCRIBE: your layers keep no "
                                           "credentials."), duration=4)

    def open_change_password(self) -> None:
        if self.session is None or (not self.session.is_signed_in
                                    and not self.open_sign_in()):
            return
        from .gui.sign_in_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.session, self.iface.mainWindow()).exec():
            log.notify(self.iface, self.tr("Your SCRIBE password was changed."),
                       Qgis.MessageLevel.Success)

    def show_dock(self) -> None:
        if self.session is None:
            self.report_dependencies()
            return
        if self.dock is None:
            from qgis.PyQt.QtCore import Qt

            from .gui.incident_dock import IncidentDock

            self.dock = IncidentDock(self.session, self.iface, self.ask_purpose,
                                     self.iface.mainWindow())
            self.dock.sign_in_requested.connect(self.open_sign_in)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.show()
        self.dock.raise_()

    def project_opened(self, *args) -> list:
        """A project with SCRIBE layers: reconnect them, or ask to sign in first."""
        layers = self.session.scribe_layers() if self.session else []
        if not layers:
            return []
        if self.session.is_signed_in:
            return self.reconnect_layers()
        self._sign_in_prompt(len(layers))
        return []

    def _sign_in_prompt(self, count: int) -> None:
        bar = self.iface.messageBar() if hasattr(self.iface, "messageBar") else None
        text = self.tr("This project has {} SCRIBE layer(s): sign in to show them.").format(
            count)
        if bar is None or not hasattr(bar, "createMessage"):  # e.g. a test's stub interface
            log.notify(self.iface, text, Qgis.MessageLevel.Warning)
            return
        log.log(text)
        from qgis.PyQt.QtWidgets import QPushButton

        item = bar.createMessage("SCRIBE", text)
        button = QPushButton(self.tr("Sign in…"))
        button.setObjectName("scribeProjectSignIn")
        button.clicked.connect(self.open_sign_in)
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Warning)

    def reconnect_layers(self) -> list:
        from .gui.incident_layer import reconnect

        opened = [layer for layer in self.session.scribe_layers()
                  if reconnect(layer, self.session)]
        for layer in opened:
            layer.triggerRepaint()
        return opened

    def open_import(self) -> None:
        """The import dialog (one per session, so a running import is not lost)."""
        if self.import_dialog is None:
            from .gui.import_dialog import ImportDialog

            connect = None
            if self.session is not None and self.session.is_signed_in:
                connect = self._signed_in_connection
            self.import_dialog = ImportDialog(self.iface, connect=connect,
                                              profile_folder=profile_folder(),
                                              parent=self.iface.mainWindow())
        self.import_dialog.show()
        self.import_dialog.raise_()

    def _signed_in_connection(self):
        """A new connection as the signed-in person (credentials read from the authcfg now)."""
        import psycopg

        return psycopg.connect(**self.session.connection_parameters())

    def open_help(self) -> None:
        QDesktopServices.openUrl(QUrl(HELP_URL))

    def report_dependencies(self) -> None:
        missing = missing_packages()
        mismatch = geos_mismatch()
        if mismatch:
            QMessageBox.warning(self.iface.mainWindow(), self.tr("SCRIBE dependencies"),
                                mismatch)
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
