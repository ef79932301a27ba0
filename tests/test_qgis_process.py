"""Headless: qgis_process (the real binary, offscreen) finds and runs SCRIBE's provider from the
packaged plugin, in a throwaway QGIS profile."""

from __future__ import annotations

import subprocess

import pytest
from qgisproc import QGIS_PROCESS

from .data_helpers import police_rows


@pytest.fixture(scope="module")
def staged_plugin(tmp_path_factory):
    import package

    return package.stage(tmp_path_factory.mktemp("plugin"))


@pytest.fixture(scope="module")
def qgis_process_env(staged_plugin, tmp_path_factory):
    import qgisproc

    profile = tmp_path_factory.mktemp("profile")
    env = qgisproc.environment(staged_plugin.parent, profile)
    assert qgisproc.environment(staged_plugin.parent, profile) == env  # idempotent
    return env


def test_qgis_process_lists_scribe_algorithms(qgis_process_env):
    out = subprocess.run([QGIS_PROCESS, "list"], env=qgis_process_env, capture_output=True,
                         text=True, timeout=120, check=True)
    for name in ("kde_hotspots", "hotspots_gi", "emerging_hotspots", "counts_by_period",
                 "trend_test", "temporal_profile", "near_repeat", "repeat_locations",
                 "dual_kde", "assess_response", "hotspot_accuracy", "anonymised_extract",
                 "export_table", "problem_profile"):
        assert f"scribe:{name}" in out.stdout


def test_qgis_process_runs_kde_hotspots(qgis_process_env, police_points_gpkg,
                                        police_month_csv, tmp_path):
    import qgisproc

    output = tmp_path / "kde.tif"
    results = qgisproc.run_algorithm(qgis_process_env, "scribe:kde_hotspots", {
        "INPUT": police_points_gpkg, "RADIUS": 1500, "PIXEL_SIZE": 250, "OUTPUT": output})
    rows = police_rows(police_month_csv)
    with_location = sum(1 for r in rows if r["Longitude"] and r["Latitude"])
    assert results["POINT_COUNT"] == with_location
    assert results["NULL_GEOMETRIES"] == len(rows) - with_location
    assert output.exists() and output.with_suffix(".qml").exists()


def test_qgis_process_runs_counts_by_period_with_a_chart(qgis_process_env, police_points_gpkg,
                                                         police_month_csv, tmp_path):
    import qgisproc
    from osgeo import ogr

    table, chart = tmp_path / "counts.gpkg", tmp_path / "counts.png"
    qgisproc.run_algorithm(qgis_process_env, "scribe:counts_by_period", {
        "INPUT": police_points_gpkg, "TIME_FIELD": "month", "CATEGORY_FIELD": "crime_type",
        "PERIOD": 2, "OUTPUT": table, "CHART": chart})
    dataset = ogr.Open(str(table))
    total = sum(f.GetField("count") for f in dataset.GetLayer(0))
    assert total == len(police_rows(police_month_csv))
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_qgis_process_runs_near_repeat(qgis_process_env, shared_data, tmp_path):
    import qgisproc
    from osgeo import ogr

    from .data_helpers import lfb_to_gpkg

    rescues = lfb_to_gpkg(shared_data, tmp_path / "rescues.gpkg")
    table, chart = tmp_path / "knox.gpkg", tmp_path / "knox.png"
    results = qgisproc.run_algorithm(qgis_process_env, "scribe:near_repeat", {
        "INPUT": f"{rescues}|layername=rescues", "TIME_FIELD": "called_at", "DISTANCE": 250,
        "DISTANCE_BANDS": 4, "DAYS": 14, "TIME_BANDS": 4, "OUTPUT": table, "CHART": chart})
    assert results["INCIDENTS"] > 10_000
    assert ogr.Open(str(table)).GetLayer(0).GetFeatureCount() == 16
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_a_missing_python_package_gets_a_clear_message(staged_plugin, tmp_path):
    """The system Python that runs QGIS here has no shapely (as in many users' QGIS): the
    algorithm says which package is missing and how to install it, and writes nothing."""
    import importlib.util

    import qgisproc

    system = subprocess.run(["/usr/bin/python3", "-c", "import shapely"], capture_output=True)
    if system.returncode == 0:
        pytest.fail("the system Python has shapely: this test needs a QGIS Python without it")
    assert importlib.util.find_spec("shapely") is not None  # only .venv has it
    env = qgisproc.environment(staged_plugin.parent, tmp_path / "profile", venv_packages=False)
    area = tmp_path / "area.geojson"
    area.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"properties": {}, "geometry": {"type": "Polygon", "coordinates": '
                    '[[[0, 51], [0.1, 51], [0.1, 51.1], [0, 51]]]}}]}')
    with pytest.raises(RuntimeError) as failure:
        qgisproc.run_algorithm(env, "scribe:problem_profile", {
            "INPUT": area, "AREA": area, "START": "2023-01-01T00:00:00",
            "END": "2023-02-01T00:00:00", "OUTPUT_PDF": tmp_path / "p.pdf",
            "OUTPUT_FOLDER": tmp_path / "parts"})
    message = str(failure.value)
    assert "needs the Python package 'shapely'" in message
    assert "QPIP" in message and "python -m pip install" in message
    assert not (tmp_path / "p.pdf").exists()
