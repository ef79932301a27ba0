"""The sign-in dialog, purpose dialog and incident dock driven through their real widgets
against the real store; saved projects that reopen signed out and come back on sign-in."""

from __future__ import annotations

import time

import pytest
from qgis.core import Qgis, QgsProject, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtTest import QTest

from scribe_plugin.gui.incident_dock import AREA_KEYS, PERIOD_KEYS, IncidentDock
from scribe_plugin.gui.sign_in_dialog import PurposeDialog, SignInDialog
from scribe_plugin.session import ScribeSession

from ..qgis_helpers import click, unlock_qgis_auth_database
from .conftest import PASSWORD

JANUARY_WHERE = ("occurred_from >= '2022-01-01 00:00 Europe/London' AND occurred_from < "
                 "'2022-02-01 00:00 Europe/London'")



def fill_sign_in(dialog: SignInDialog, store, user: str, password: str) -> None:
    profile = store.profile()
    dialog.profile_combo.setCurrentText(profile.name)
    dialog.host_edit.setText(profile.host)
    dialog.port_spin.setValue(profile.port)
    dialog.db_edit.setText(profile.dbname)
    dialog.ssl_combo.setCurrentText("verify-full")
    dialog.ca_widget.setFilePath(profile.sslrootcert)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)


@pytest.fixture()
def session(qgis_app):
    unlock_qgis_auth_database()
    session = ScribeSession()
    yield session
    session.sign_out()


def test_sign_in_dialog_messages_tls_warning_and_saved_profile(layer_store, session,
                                                              qgis_iface):
    dialog = SignInDialog(session, qgis_iface)
    dialog.show()
    fill_sign_in(dialog, layer_store, "police_analyst", "Wrong-password-here-1")
    assert dialog.tls_warning.isHidden()
    dialog.ssl_combo.setCurrentText("require")
    assert dialog.tls_warning.isVisible() and "Weakened security" in dialog.tls_warning.text()
    dialog.ssl_combo.setCurrentText("verify-full")
    dialog.sign_in()
    assert dialog.message.text() == "The user name or password is wrong."
    assert not session.is_signed_in and dialog.password_edit.text() == ""
    dialog.password_edit.setText(PASSWORD)
    dialog.sign_in()
    assert session.is_signed_in and session.account.username == "police_analyst"
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.password_edit.text() == ""
    settings = QgsSettings()
    keys = [k for k in settings.allKeys() if k.startswith("scribe/")]
    assert "scribe/servers/Test store/host" in keys
    assert not any(PASSWORD in str(settings.value(k)) for k in settings.allKeys())
    # the next time, the profile and user name come back (no password: none remembered)
    again = SignInDialog(session, qgis_iface)
    again.profile_combo.setCurrentText("Test store")
    assert again.user_edit.text() == "police_analyst" and again.password_edit.text() == ""
    assert again.port_spin.value() == layer_store.cluster.port


def test_purpose_dialog_offers_the_admins_list_and_records_the_choice(layer_store, session,
                                                                     qgis_iface):
    session.sign_in(layer_store.profile(), "council_viewer", PASSWORD)
    dialog = PurposeDialog(session)
    choices = [dialog.purpose_combo.itemText(i) for i in range(dialog.purpose_combo.count())]
    assert choices == ["Weekly tasking and coordination", "Problem profile (SARA)",
                       "Partnership strategic assessment"]
    dialog.purpose_combo.setCurrentText("abc")
    dialog.declare()
    assert "5 to 500" in dialog.message.text()
    dialog.purpose_combo.setCurrentIndex(2)
    dialog.declare()
    assert session.account.purpose == "Partnership strategic assessment"
    assert not session.needs_purpose()


def wait_count(dock: IncidentDock, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while "match" not in dock.message.text() and "failed" not in dock.message.text():
        assert time.monotonic() < deadline, "the count task did not finish"
        QTest.qWait(50)
    assert dock.last_count is not None, dock.message.text()
    return dock.last_count


def test_dock_counts_loads_and_refreshes_with_the_same_filter(layer_store, session,
                                                             qgis_iface):
    session.sign_in(layer_store.profile(), "police_analyst", PASSWORD)
    session.declare_purpose("Burglary problem profile for Luton")
    dock = IncidentDock(session, qgis_iface)
    assert dock.partner_list.count() == 3 and not dock.text_edit.isEnabled()  # not cleared
    dock.set_checked(partners=("police",), categories=("crime.burglary",))
    dock.period_combo.setCurrentIndex(PERIOD_KEYS.index("custom"))
    dock.from_date.setDate(QDate(2022, 1, 1))
    dock.to_date.setDate(QDate(2022, 1, 31))
    expected = layer_store.admin_count(f"p.code = 'police' AND sensitivity <= 2 AND "
                                       f"category_code = 'crime.burglary' AND {JANUARY_WHERE}")
    click(dock.count_button)
    assert wait_count(dock) == expected > 0
    click(dock.load_button)
    layers = session.scribe_layers()
    assert len(layers) == 1 and layers[0].featureCount() == expected
    assert "Burglary" in layers[0].name()
    # the current map extent as the area (a box around Luton, in British National Grid)
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(layers[0].crs())
    canvas.setExtent(QgsRectangle(505000, 218000, 512000, 226000))
    dock.area_combo.setCurrentIndex(AREA_KEYS.index("extent"))
    layer = dock.load()
    box = canvas.extent()  # the canvas widens the box to its own shape
    luton = layer_store.admin_count(
        f"p.code = 'police' AND sensitivity <= 2 AND category_code = 'crime.burglary' AND "
        f"{JANUARY_WHERE} AND ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 27700))",
        (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
    assert 0 < layer.featureCount() == luton < expected
    qgis_iface.setActiveLayer(layer)
    assert dock.refresh() == [layer] and layer.featureCount() == luton
    with layer_store.admin() as conn:
        loads = conn.execute("SELECT count(*) FROM scribe.audit_log WHERE actor = "
                             "'police_analyst' AND action = 'layer_load'").fetchone()[0]
    assert loads >= 2
    for each in session.scribe_layers():
        QgsProject.instance().removeMapLayer(each)


def test_hostile_dock_values_change_nothing(layer_store, session, qgis_iface):
    before = layer_store.state()
    session.sign_in(layer_store.profile(), "police_cleared", PASSWORD)
    session.declare_purpose("Checking the search of incident text")
    dock = IncidentDock(session, qgis_iface)
    assert dock.text_edit.isEnabled()
    dock.period_combo.setCurrentIndex(PERIOD_KEYS.index("all"))
    for text in ("x' OR '1'='1", "'); DELETE FROM scribe.incident; --", "%"):
        dock.text_edit.setText(text)
        click(dock.count_button)
        assert wait_count(dock) == 0
        dock.message.setText("")
    dock.text_edit.setText("z" * 101)
    click(dock.count_button)
    assert "limited to 100 characters" in dock.message.text()
    assert layer_store.state() == before


def test_saved_project_reopens_signed_out_and_returns_on_sign_in(layer_store, iface,
                                                                 no_scribe_provider,
                                                                 tmp_path):
    from scribe_plugin.plugin import ScribePlugin

    unlock_qgis_auth_database()
    plugin = ScribePlugin(iface)
    plugin.initGui()
    try:
        plugin.session.sign_in(layer_store.profile(), "fire_viewer", PASSWORD)
        plugin.session.declare_purpose("Arson reduction partnership meeting")
        plugin.show_dock()
        plugin.dock.set_checked(partners=("police",))
        plugin.dock.period_combo.setCurrentIndex(PERIOD_KEYS.index("all"))
        layer = plugin.dock.load()
        count, name = layer.featureCount(), layer.name()
        assert count > 0
        project_file = tmp_path / "fire.qgz"
        assert QgsProject.instance().write(str(project_file))
        plugin.sign_out()
        QgsProject.instance().clear()
        assert QgsProject.instance().read(str(project_file))
        reopened = plugin.session.scribe_layers()
        assert len(reopened) == 1 and reopened[0].name() == name
        assert not plugin.session.is_signed_in  # asked to sign in, not silently empty
        warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
        assert warnings[-1] == "SCRIBE:This project has 1 SCRIBE layer(s): sign in to show them."
        plugin.session.sign_in(layer_store.profile(), "fire_viewer", PASSWORD)
        assert plugin.reconnect_layers() == reopened
        assert reopened[0].featureCount() == count
        assert reopened[0].renderer().type() == "categorizedSymbol"
    finally:
        QgsProject.instance().clear()
        plugin.unload()


def test_dock_areas_from_a_boundary_layer_and_a_drawn_polygon(layer_store, session,
                                                              qgis_iface, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from scribe_plugin.gui.polygon_tool import PolygonTool

    session.sign_in(layer_store.profile(), "police_cleared", PASSWORD)
    session.declare_purpose("Area filters for the ward briefing")
    dock = IncidentDock(session, qgis_iface)
    dock.set_checked(partners=("police",))
    dock.period_combo.setCurrentIndex(PERIOD_KEYS.index("all"))
    box = "ST_MakeEnvelope(505000, 218000, 512000, 226000, 27700)"
    expected = layer_store.admin_count(f"p.code = 'police' AND ST_Intersects(geom, {box})")
    # a boundary layer (e.g. wards; with none selected, all its features make the area)
    boundary = QgsVectorLayer("Polygon?crs=EPSG:27700", "Luton box", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(
        "POLYGON((505000 218000, 512000 218000, 512000 226000, 505000 226000, "
        "505000 218000))"))
    boundary.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(boundary)
    dock.boundary_combo.setLayer(boundary)
    dock.area_combo.setCurrentIndex(AREA_KEYS.index("layer"))
    layer = dock.load()
    assert layer.featureCount() == expected > 0 and "Luton box" in layer.name()
    # the same box drawn with the map tool, corner by corner
    canvas = qgis_iface.mapCanvas()
    canvas.setDestinationCrs(layer.crs())
    dock.start_drawing()
    tool = canvas.mapTool()
    assert isinstance(tool, PolygonTool)
    for x, y in ((505000, 218000), (512000, 218000), (512000, 226000), (505000, 226000)):
        tool.add_point(QgsPointXY(x, y))
    tool.finish()
    assert dock.area_combo.currentData() == "drawn"
    drawn = dock.load()
    assert drawn.featureCount() == expected
    for each in [*session.scribe_layers(), boundary]:
        QgsProject.instance().removeMapLayer(each)


def test_a_pg_service_profile_signs_in(layer_store, session, tmp_path, monkeypatch):
    from scribe_plugin.core.auth import ServerProfile

    service_file = tmp_path / "pg_service.conf"
    profile = layer_store.profile()
    service_file.write_text(f"[scribe_test]\nhost=localhost\nport={profile.port}\n"
                            f"dbname={profile.dbname}\nsslmode=verify-full\n"
                            f"sslrootcert={profile.sslrootcert}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    service = ServerProfile("Service store", service="scribe_test")
    session.sign_in(service, "council_viewer", PASSWORD)
    session.declare_purpose("Checking the service connection")
    assert session.connection().execute("SELECT current_user").fetchone()[0] == \
        "council_viewer"
