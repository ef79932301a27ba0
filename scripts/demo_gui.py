"""The demo's last step: desktop QGIS with SCRIBE installed from the packaged zip, signed in
as the demo analyst, with ASB and burglary loaded through SCRIBE's incident dock and the
burglary hotspots from the demo's outputs. With ``--screenshot FILE`` the window is saved and
QGIS quits; otherwise QGIS stays open for you to explore (close it to end the demo).

Called by scripts/demo (``--gui`` / ``--screenshot``); under Xvfb when there is no display.
The analyst's password reaches QGIS through this process's environment only and is removed
from it at sign-in.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

STARTUP = r'''
import os
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsFillSymbol,
                       QgsProject, QgsRasterLayer, QgsRectangle, QgsVectorLayer)
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.utils import iface, plugins
SCREENSHOT, DENSITY, HOTSPOTS = {screenshot!r}, {density!r}, {hotspots!r}
QgsApplication.authManager().setMasterPassword("demo-profile-only", True)

def start():
    from scribe_plugin.core.auth import ServerProfile
    from scribe_plugin import server_profiles
    iface.mainWindow().resize(1600, 1000)
    iface.mainWindow().move(0, 0)
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:27700"))
    plugin = plugins["scribe_plugin"]
    profile = ServerProfile("Partnership store (demo)", host="localhost", port={port},
                            dbname={dbname!r}, sslrootcert={ca!r})
    server_profiles.save(profile, {user!r})
    plugin.session.sign_in(profile, {user!r}, os.environ.pop("SCRIBE_DEMO_PASSWORD"))
    plugin.session.declare_purpose({purpose!r})
    density = QgsRasterLayer(DENSITY, "Burglary density (SCRIBE KDE, police.uk)")
    hot = QgsVectorLayer(HOTSPOTS, "Burglary hotspot areas", "ogr")
    hot.renderer().setSymbol(QgsFillSymbol.createSimple(
        {{"color": "0,0,0,0", "outline_color": "#4a0014", "outline_width": "0.6"}}))
    for layer in (density, hot):
        QgsProject.instance().addMapLayer(layer)
    plugin.show_dock()
    dock = plugin.dock
    dock.set_checked(categories=("asb", "crime.burglary"))
    dock.period_combo.setCurrentIndex(2)
    dock.from_date.setDate(QDate(2023, 1, 1))
    dock.to_date.setDate(QDate(2023, 4, 30))
    dock.count()
    layer = dock.load()
    QTimer.singleShot(1500, lambda: guarded(zoom, layer))

def zoom(layer):
    iface.mapCanvas().setExtent(QgsRectangle({luton}))
    iface.mapCanvas().refresh()
    if SCREENSHOT:
        QTimer.singleShot(6000, lambda: guarded(grab))

def grab():
    iface.messageBar().clearWidgets()
    iface.mainWindow().grab().save(SCREENSHOT)
    print("SCREENSHOT", SCREENSHOT)
    # layers first: a store layer redrawn after sign-out would ask for credentials
    QgsProject.instance().clear()
    plugins["scribe_plugin"].session.sign_out()
    iface.actionExit().trigger()
'''


def open_qgis(cluster, password: str, out_dir: Path, screenshot: Path | None) -> bool:
    """Run desktop QGIS (returns when it exits); True when a requested screenshot exists."""
    import demo_analysis
    import demo_partnership as partnership
    from screenshot_qgis import GUARDED_START, run_desktop_qgis

    startup = STARTUP.format(
        screenshot=str(screenshot) if screenshot else "",
        density=str(out_dir / "burglary_density.tif"),
        hotspots=str(out_dir / "burglary_hotspots.gpkg"), port=cluster.port,
        dbname=cluster.dbname, ca=str(cluster.ca_cert), user=partnership.ANALYST.username,
        purpose=partnership.PURPOSES[0],
        luton=", ".join(str(v) for v in demo_analysis.LUTON)) + GUARDED_START
    # desktop QGIS runs the system Python: it gets SCRIBE's packages from .venv (a user
    # installs them with pip or QPIP, see README)
    site = next((REPO / ".venv" / "lib").glob("python3*/site-packages"))
    result = run_desktop_qgis(startup, {"SCRIBE_DEMO_PASSWORD": password,
                                        "PYTHONPATH": str(site)},
                              timeout=300 if screenshot else 24 * 3600)
    if "Traceback" in result.stderr or "Traceback" in result.stdout:
        print(result.stdout[-2000:], result.stderr[-3000:])
    return screenshot is None or screenshot.exists()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import os

    import devdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the demo's output folder")
    parser.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args(argv)
    password = os.environ.pop("SCRIBE_DEMO_PASSWORD", "")
    if not password:
        raise SystemExit("run through scripts/demo (it passes the analyst's password)")
    cluster = devdb.cluster("demo")
    screenshot = args.screenshot.resolve() if args.screenshot else None
    return 0 if open_qgis(cluster, password, args.out.resolve(), screenshot) else 1


if __name__ == "__main__":
    sys.exit(main())
