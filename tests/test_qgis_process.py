"""Headless: qgis_process (the real binary, offscreen) finds and runs SCRIBE's provider from the
packaged plugin, in a throwaway QGIS profile."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from .data_helpers import police_rows

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # Debian's wrapper passes a flag 3.22 rejects


@pytest.fixture(scope="module")
def staged_plugin(tmp_path_factory):
    import package

    return package.stage(tmp_path_factory.mktemp("plugin"))


@pytest.fixture(scope="module")
def qgis_process_env(staged_plugin, tmp_path_factory):
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=str(staged_plugin.parent),
               XDG_DATA_HOME=str(tmp_path_factory.mktemp("profile")),
               XDG_RUNTIME_DIR=str(tmp_path_factory.mktemp("runtime")))
    subprocess.run([QGIS_PROCESS, "plugins", "enable", "scribe_plugin"], env=env, check=True,
                   capture_output=True, timeout=120)
    return env


def test_qgis_process_lists_scribe_algorithms(qgis_process_env):
    out = subprocess.run([QGIS_PROCESS, "list"], env=qgis_process_env, capture_output=True,
                         text=True, timeout=120, check=True)
    assert "scribe:kde_hotspots" in out.stdout


def test_qgis_process_runs_kde_hotspots(qgis_process_env, police_points_gpkg,
                                        police_month_csv, tmp_path):
    output = tmp_path / "kde.tif"
    out = subprocess.run(
        [QGIS_PROCESS, "--json", "run", "scribe:kde_hotspots", "--", f"INPUT={police_points_gpkg}",
         "RADIUS=1500", "PIXEL_SIZE=250", f"OUTPUT={output}"],
        env=qgis_process_env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    results = json.loads(out.stdout[out.stdout.index("{"):])["results"]
    rows = police_rows(police_month_csv)
    with_location = sum(1 for r in rows if r["Longitude"] and r["Latitude"])
    assert results["POINT_COUNT"] == with_location
    assert results["NULL_GEOMETRIES"] == len(rows) - with_location
    assert output.exists() and output.with_suffix(".qml").exists()
