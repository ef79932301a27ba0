"""No password on disk: sign in (remembering the password, in the OS keyring), load layers,
save the project as .qgs and .qgz, then look for the password in every file SCRIBE or QGIS
wrote (the QGIS profile with its settings and authentication database, the projects, the CA
bundle) and in every log message. Signing out leaves no credential in QGIS either."""

from __future__ import annotations

import zipfile
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProject,
    QgsSettings,
)

from scribe_plugin.core import vetting
from scribe_plugin.gui.incident_dock import PERIOD_KEYS, IncidentDock
from scribe_plugin.gui.sign_in_dialog import SignInDialog
from scribe_plugin.processing import store_connection
from scribe_plugin.session import ScribeSession

from ..qgis_helpers import unlock_qgis_auth_database
from .conftest import FUTURE
from .test_dialogs_and_dock import fill_sign_in

SECRET = "Disk-check-unique-5f9c1e"  # noqa: S105 (a throwaway user's password)


def files_under(*roots: Path):
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            yield from (p for p in root.rglob("*") if p.is_file())


def test_the_password_reaches_no_file_setting_uri_or_log(layer_store, qgis_iface, os_keyring,
                                                        tmp_path):
    with layer_store.admin() as conn:
        vetting.request_access(conn, "disk_check", "police", "scribe_analyst", 3, FUTURE,
                               restricted_ok=True)
        vetting.approve_access(conn, "disk_check", SECRET)
    messages: list[str] = []
    QgsApplication.messageLog().messageReceived.connect(
        lambda message, tag, level: messages.append(f"{tag}: {message}"))
    unlock_qgis_auth_database()
    session = ScribeSession()
    dialog = SignInDialog(session, qgis_iface)
    fill_sign_in(dialog, layer_store, "disk_check", SECRET)
    dialog.remember_box.setChecked(True)
    dialog.sign_in()
    assert session.is_signed_in
    assert os_keyring.get_password("SCRIBE", "Test store/disk_check") == SECRET  # keyring only
    session.declare_purpose("Checking where credentials end up")
    dock = IncidentDock(session, qgis_iface)
    dock.period_combo.setCurrentIndex(PERIOD_KEYS.index("all"))
    dock.set_checked(partners=("police",))
    first = dock.load()
    dock.set_checked(partners=("fire",))
    second = dock.load()
    assert first.featureCount() > 0 and second.featureCount() > 0
    for layer in (first, second):
        uri = QgsDataSourceUri(layer.source())
        assert uri.authConfigId() == session.authcfg
        assert uri.password() == "" and uri.username() == ""
        assert SECRET not in layer.source() and "disk_check" not in layer.source()
    qgs, qgz = tmp_path / "project.qgs", tmp_path / "project.qgz"
    assert QgsProject.instance().write(str(qgs)) and QgsProject.instance().write(str(qgz))
    QgsSettings().sync()
    with zipfile.ZipFile(qgz) as archive:
        archive.extractall(tmp_path / "qgz_contents")
    profile = Path(QgsApplication.qgisSettingsDirPath())
    settings_file = Path(QgsSettings().fileName())
    written = list(files_under(profile, settings_file.parent, tmp_path,
                               Path(store_connection.ca_bundle_path())))
    assert qgs in written and any(p.name == "qgis-auth.db" for p in written)
    needle = SECRET.encode()
    holders = [p for p in written if needle in p.read_bytes()]
    assert holders == []
    assert "authcfg=" + session.authcfg in qgs.read_text()
    assert not [m for m in messages if SECRET in m]
    # signed out: the authcfg keeps its id (projects refer to it) but no password
    config_id = session.authcfg
    session.sign_out()
    config = QgsAuthMethodConfig()
    assert QgsApplication.authManager().loadAuthenticationConfig(config_id, config, True)
    assert config.config("username") == "disk_check" and config.config("password") == ""
    QgsProject.instance().removeAllMapLayers()
