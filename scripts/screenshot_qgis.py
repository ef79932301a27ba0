"""Screenshot of desktop QGIS with SCRIBE installed from the packaged zip, under Xvfb.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_qgis.py OUT.png

Makes a throwaway QGIS profile, installs the plugin zip into it, enables it, starts QGIS with
the demo's outputs (density surface, hotspot areas, ward boundaries) and the Processing
toolbox open on SCRIBE's algorithms, then saves the main window and quits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo_output"
WARDS = REPO.parent / "shared" / "data" / "boundaries" / "bedfordshire" / "merged" / \
    "bedfordshire_wards.gpkg"

STARTUP = r'''
from pathlib import Path
from qgis.core import (QgsCoordinateReferenceSystem, QgsFillSymbol, QgsProject,
                       QgsRasterLayer, QgsVectorLayer)
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins
OUT, DENSITY, HOTSPOTS, WARDS = {out!r}, {density!r}, {hotspots!r}, {wards!r}

def style(layer, props):
    layer.renderer().setSymbol(QgsFillSymbol.createSimple(props))

def load():
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:27700"))
    wards = QgsVectorLayer(WARDS, "Wards (Bedfordshire)", "ogr")
    style(wards, {{"color": "#f4f4f0", "outline_color": "#8a8a8a", "outline_width": "0.2"}})
    density = QgsRasterLayer(DENSITY, "Burglary density (SCRIBE KDE)")
    hot = QgsVectorLayer(HOTSPOTS, "Burglary hotspot areas", "ogr")
    style(hot, {{"color": "0,0,0,0", "outline_color": "#4a0014", "outline_width": "0.6"}})
    for layer in (wards, density, hot):
        QgsProject.instance().addMapLayer(layer)
    iface.mainWindow().resize(1600, 1000)
    iface.mainWindow().move(0, 0)
    plugins["scribe_plugin"].open_toolbox()  # SCRIBE's own action: toolbox filtered to SCRIBE
    QTimer.singleShot(1500, zoom)

def zoom():
    extent = QgsProject.instance().mapLayersByName("Burglary density (SCRIBE KDE)")[0].extent()
    iface.mapCanvas().setExtent(extent)
    iface.mapCanvas().refresh()
    QTimer.singleShot(5000, grab)

def grab():
    iface.messageBar().clearWidgets()  # offline: PROJ's OSTN15 grid warning is noise here
    iface.mainWindow().grab().save(OUT)
    print("SCREENSHOT", OUT, "scribe loaded:", "scribe_plugin" in plugins)
    QgsProject.instance().setDirty(False)  # no "save project?" on the way out
    iface.actionExit().trigger()

QTimer.singleShot(3000, load)
'''


# The end of a startup script that defines start(): runs it once QGIS is up; start() and the
# steps it schedules through guarded() quit QGIS with the traceback instead of hanging.
GUARDED_START = r'''
def guarded(fn, *args):
    try:
        fn(*args)
    except Exception:
        import traceback
        traceback.print_exc()
        iface.actionExit().trigger()

QTimer.singleShot(3000, lambda: guarded(start))
'''


def run_desktop_qgis(startup_code: str, extra_env: dict[str, str] | None = None,
                     timeout: int = 180) -> subprocess.CompletedProcess:
    """Desktop QGIS in a throwaway profile with SCRIBE installed from its zip (enabled, no
    tips or datum dialogs), running ``startup_code``; on the current (virtual) display."""
    sys.path.insert(0, str(REPO / "scripts"))
    import package

    zip_path = package.build_zip(package.stage())
    root = Path(tempfile.mkdtemp(prefix="scribe-qgis-profile-"))
    plugins = root / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins)
    ini = root / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\nscribe_plugin=true\nprocessing=true\n\n"
                   "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
                   "[Projections]\nshowDatumTransformDialog=false\n")
    startup = root / "startup.py"
    startup.write_text(startup_code)
    env = dict(os.environ, **(extra_env or {}))
    env.pop("QT_QPA_PLATFORM", None)  # a real (virtual) display, not offscreen
    return subprocess.run(["qgis", "--profiles-path", str(root), "--nologo",
                           "--noversioncheck", "--code", str(startup)],
                          env=env, capture_output=True, text=True, timeout=timeout)


def main(out: str) -> int:
    result = run_desktop_qgis(STARTUP.format(
        out=str(Path(out).resolve()), density=str(DEMO / "burglary_density.tif"),
        hotspots=str(DEMO / "burglary_hotspots.gpkg"), wards=str(WARDS)))
    print(result.stdout[-1500:])
    return 0 if Path(out).exists() else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "qgis_screenshot.png"))
