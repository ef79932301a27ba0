"""A QGIS without SCRIBE's extra packages still loads the plugin, says what is missing and how
to install it, and keeps the numpy/scipy-only features working. Debian's own Python (outside the
project's .venv) really lacks geopandas, SQLAlchemy and psycopg, so it is that environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from .qgis_helpers import REPO

SYSTEM_PYTHON = "/usr/bin/python3"


def test_missing_packages_listed_with_install_hint():
    code = (
        f"import json, sys; sys.path.insert(0, {str(REPO)!r})\n"
        "from scribe_plugin.dependencies import missing_packages, install_hint\n"
        "print(json.dumps({'missing': [m.module for m in missing_packages()],"
        " 'hint': install_hint()}))")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    out = subprocess.run([SYSTEM_PYTHON, "-S", "-c", "import site; site.main();" + code],
                         capture_output=True, text=True, env=env, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "geopandas" in result["missing"]
    assert "QPIP" in result["hint"] and "pip install" in result["hint"]
    assert "geopandas" in result["hint"]


def test_plugin_warns_in_message_bar_when_packages_are_missing(iface, monkeypatch,
                                                               no_scribe_provider):
    """The same check inside a real QGIS session: hide one installed package from the import
    system and the plugin still loads, warning in the message bar."""
    import importlib.util

    from scribe_plugin import classFactory

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "geopandas" else real_find_spec(name, *a))
    from qgis.core import Qgis

    warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    already = len(warnings)
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        new = " ".join(warnings[already:])
        assert "geopandas" in new and "QPIP" in new
        # the analysis that needs only numpy/scipy is still offered
        from qgis.core import QgsApplication

        assert QgsApplication.processingRegistry().algorithmById("scribe:kde_hotspots")
    finally:
        plugin.unload()
        from .qgis_helpers import flush_deletes

        flush_deletes()


def test_requirements_file_matches_pyproject():
    import tomllib

    with open(REPO / "pyproject.toml", "rb") as f:
        declared = {d.split(">")[0].split("<")[0].split("[")[0].split("=")[0].strip().lower()
                    for d in tomllib.load(f)["project"]["dependencies"]}
    from scribe_plugin.dependencies import requirement_lines

    shipped = {r.split(">")[0].split("[")[0].split("=")[0].strip().lower()
               for r in requirement_lines()}
    assert shipped <= declared, shipped - declared
    assert sys.version_info >= (3, 9)


def test_shapely_uses_the_geos_qgis_uses():
    """A PyPI shapely wheel brings its own GEOS, which segfaults inside qgis_process and
    desktop QGIS when the versions differ: setup builds shapely against the system GEOS, and
    the plugin warns users whose shapely does not match."""
    from scribe_plugin.dependencies import geos_mismatch

    assert geos_mismatch() is None
    code = ("import ctypes; ctypes.CDLL('libgeos_c.so.1', mode=ctypes.RTLD_GLOBAL)\n"
            "import numpy, shapely; area = shapely.box(0, 0, 2, 2); shapely.prepare(area)\n"
            "print(shapely.contains_xy(area, numpy.array([1.0, 3.0]), numpy.array([1.0, 1.0])))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and "[ True False]" in out.stdout, out.stderr[-500:]
