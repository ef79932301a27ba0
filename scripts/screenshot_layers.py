"""Screenshots of SCRIBE's sign-in dialog and incident dock in desktop QGIS, under Xvfb,
against the demo store (run `bash scripts/demo` first).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_layers.py \
        docs/images/sign_in.png docs/images/incident_layers.png

A vetted demo analyst gets a fresh random password for this run; it reaches QGIS through the
environment only (never a file or the command line). QGIS signs in with SCRIBE's own session,
states a purpose, loads burglary for 2023 through the dock and saves the window.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

STARTUP = r'''
import os
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.utils import iface, plugins
SIGN_IN_OUT, DOCK_OUT = {sign_in_out!r}, {dock_out!r}
QgsApplication.authManager().setMasterPassword("screenshot-profile-only", True)

def start():
    from scribe_plugin.core.auth import ServerProfile
    from scribe_plugin.gui.sign_in_dialog import SignInDialog
    from scribe_plugin import server_profiles
    iface.mainWindow().resize(1600, 1000)
    iface.mainWindow().move(0, 0)
    plugin = plugins["scribe_plugin"]
    profile = ServerProfile("Partnership store", host="localhost", port={port},
                            dbname={dbname!r}, sslrootcert={ca!r})
    server_profiles.save(profile, {user!r})
    dialog = SignInDialog(plugin.session, iface, iface.mainWindow())
    dialog.profile_combo.setCurrentText(profile.name)
    dialog.load_profile(profile.name)
    dialog.show()
    QTimer.singleShot(800, lambda: guarded(grab_dialog, dialog, plugin, profile))

def grab_dialog(dialog, plugin, profile):
    dialog.grab().save(SIGN_IN_OUT)
    dialog.close()
    sign_in(plugin, profile)

def sign_in(plugin, profile):
    plugin.session.sign_in(profile, {user!r}, os.environ.pop("SCRIBE_SCREENSHOT_PASSWORD"))
    plugin.session.declare_purpose("Burglary problem profile for the partnership meeting")
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:27700"))
    plugin.show_dock()
    dock = plugin.dock
    dock.set_checked(categories=("crime.burglary", "crime.robbery", "crime.vehicle"))
    dock.period_combo.setCurrentIndex(2)
    dock.from_date.setDate(QDate(2023, 1, 1))
    dock.to_date.setDate(QDate(2023, 12, 31))
    dock.count()
    layer = dock.load()
    QTimer.singleShot(1500, lambda: guarded(zoom, layer))

def zoom(layer):
    iface.mapCanvas().setExtent(layer.extent())
    iface.mapCanvas().refresh()
    QTimer.singleShot(5000, lambda: guarded(grab))

def grab():
    iface.messageBar().clearWidgets()
    iface.mainWindow().grab().save(DOCK_OUT)
    print("SCREENSHOT", DOCK_OUT)
    # layers first: a store layer redrawn after sign-out would ask for credentials
    QgsProject.instance().clear()
    plugins["scribe_plugin"].session.sign_out()
    iface.actionExit().trigger()
'''


def prepare_analyst(cluster) -> str:
    """The demo's analyst with a new random password (returned, never stored)."""
    import demo_partnership as partnership
    import psycopg

    password = secrets.token_urlsafe(18)
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        if not partnership.exists(conn, "partner", partnership.ANALYST.partner):
            raise SystemExit("run `bash scripts/demo` first: the demo store has no data")
        partnership.vet_person(conn, partnership.ANALYST, password)
    return password


def main(sign_in_out: str, dock_out: str) -> int:
    import demo_partnership as partnership
    import devdb
    from screenshot_qgis import GUARDED_START, run_desktop_qgis

    cluster = devdb.cluster("demo")
    cluster.start()
    cluster.apply_schema()  # a demo store made before the newest migrations
    password = prepare_analyst(cluster)
    startup = STARTUP.format(
        sign_in_out=str(Path(sign_in_out).resolve()), dock_out=str(Path(dock_out).resolve()),
        port=cluster.port, dbname=cluster.dbname, ca=str(cluster.ca_cert),
        user=partnership.ANALYST.username) + GUARDED_START
    # desktop QGIS runs the system Python: give it the packages SCRIBE needs from .venv (a
    # user installs them with the QPIP plugin or pip, see README)
    site = next((REPO / ".venv" / "lib").glob("python3*/site-packages"))
    result = run_desktop_qgis(startup, {"SCRIBE_SCREENSHOT_PASSWORD": password,
                                        "PYTHONPATH": str(site)}, timeout=120)
    print(result.stdout[-3000:], result.stderr[-3000:])
    return 0 if Path(dock_out).exists() and Path(sign_in_out).exists() else 1


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:3] if len(sys.argv) > 2 else
                    ("sign_in.png", "incident_layers.png"))))
