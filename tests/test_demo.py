"""The README's main job: `scripts/demo` (without the desktop QGIS step), twice, on a cluster
of its own. Every output exists and is not trivial, the tables hold the counts the store
gives for what the analyst may see, the anonymised extract reveals no real location, each
reader saw only what the agreements allow, and the second run imports nothing new."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess

import numpy as np
import psycopg
import pytest

from .qgis_helpers import REPO

DEVDB_ROOT = REPO / ".devdb" / "ci-demo"  # postgres (the OS user) must reach it: not /tmp


def image_stats(path) -> tuple[float, int]:
    """(standard deviation of grey, number of distinct colours) of a PNG."""
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert not image.isNull(), path
    data = bytes(image.constBits().asstring(image.sizeInBytes()))
    pixels = np.frombuffer(data, dtype=np.uint8).reshape(-1, 4)[:, :3]
    return float(pixels.mean(axis=1).std()), len(np.unique(pixels[::7], axis=0))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo_output")
    shutil.rmtree(DEVDB_ROOT, ignore_errors=True)
    env = dict(os.environ, SCRIBE_DEVDB_ROOT=str(DEVDB_ROOT))
    env.pop("DISPLAY", None)
    runs = [subprocess.run(["bash", str(REPO / "scripts" / "demo"), "--out", str(out)],
                           env=env, capture_output=True, text=True, timeout=1200)
            for _ in range(2)]
    for run in runs:
        assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    import devdb

    os.environ["SCRIBE_DEVDB_ROOT"] = str(DEVDB_ROOT)
    try:
        cluster = devdb.cluster("demo")
    finally:
        del os.environ["SCRIBE_DEVDB_ROOT"]
    yield out, runs, cluster
    cluster.stop()
    shutil.rmtree(DEVDB_ROOT, ignore_errors=True)


def admin_count(cluster, sql: str, *params) -> int:
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        return conn.execute(sql, params).fetchone()[0]


def test_the_demo_prints_imports_roles_steps_and_outputs(demo):
    _, (first, second), _ = demo
    for text in (first.stdout, second.stdout):
        assert text.count("= what the agreements allow") == 3
        assert "quarantined" in text and "== Summary" in text and "total" in text
        assert "SYNTHETIC" in text and "Open Government Licence" in text
    # the second run imports nothing new and changes nothing
    imports = [ln for ln in second.stdout.splitlines() if re.search(r"\d+ files", ln)]
    assert len(imports) == 4
    assert all(re.search(r" 0 new +0 updated", ln) for ln in imports), imports
    for name in ("demo_police_manager", "demo_luton_analyst", "demo_fire_viewer"):
        assert name in first.stdout
    # passwords are made per run and never shown: nothing password-like is printed
    assert "password=" not in first.stdout + second.stdout


def test_maps_and_charts_are_real_images(demo):
    out, _, _ = demo
    for name in ("burglary_hotspots.png", "police_trends_by_month.png",
                 "SYNTHETIC_asb_problem_profile_parts/trend.png"):
        spread, colours = image_stats(out / name)
        assert spread > 10 and colours > 50, (name, spread, colours)


def test_the_problem_profile_pdf_has_pages_and_a_map(demo, tmp_path):
    out, _, _ = demo
    pdf = out / "SYNTHETIC_asb_problem_profile.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    assert pages >= 3
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "page")], check=True)
    spread, colours = image_stats(next(tmp_path.glob("page*.png")))
    assert spread > 10 and colours > 50
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "SYNTHETIC" in text and "Scanning" in text and "Assessment" in text


def test_tables_hold_what_the_store_says_the_analyst_may_see(demo):
    out, _, cluster = demo
    police = admin_count(cluster, "SELECT count(*) FROM scribe.incident i JOIN scribe.partner "
                                  "p USING (partner_id) WHERE p.code = 'beds_police'")
    with open(out / "police_counts_by_month.csv", newline="", encoding="utf-8") as f:
        assert sum(int(r["count"]) for r in csv.DictReader(f)) == police
    # the analyst (Luton council, clearance 2) sees every partner's ASB: police, fire none,
    # Luton's log; Europe/London dates, as the export's filter
    asb = admin_count(cluster, "SELECT count(*) FROM scribe.incident WHERE category_code LIKE "
                               "'asb%%' AND occurred_from >= '2022-05-01' AND occurred_from < "
                               "'2023-05-01'")
    with open(out / "SYNTHETIC_asb_incidents_may22_apr23.csv", newline="",
              encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == asb
    assert not {"free_text", "exact_address"} & set(rows[0])  # not cleared for them
    assert "SYNTHETIC" in (out / "SYNTHETIC_asb_incidents_may22_apr23.csv.metadata.txt"
                           ).read_text()
    area = json.loads((out / "problem_area.geojson").read_text())["features"][0]["geometry"]
    in_ward = admin_count(
        cluster, "SELECT count(*) FROM scribe.incident WHERE category_code LIKE 'asb%%' AND "
        "occurred_from >= '2022-05-01 00:00 Europe/London' AND occurred_from < "
        "'2023-05-01 00:00 Europe/London' AND ST_Contains(ST_SetSRID(ST_GeomFromGeoJSON(%s), "
        "27700), geom)", json.dumps(area))
    with open(out / "SYNTHETIC_asb_problem_profile_parts" / "incidents.csv", newline="",
              encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == in_ward > 100
    # what left the store is audited, each run: the table, the profile and the extract
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        titles = [t for (t,) in conn.execute(
            "SELECT details->>'title' FROM scribe.audit_log WHERE action = 'export' AND "
            "actor = 'demo_luton_analyst'")]
    assert len(titles) == 6
    assert sum(t.startswith("Problem profile") for t in titles) == 2
    assert sum(t.startswith("Anonymised extract") for t in titles) == 2


def test_the_anonymised_extract_reveals_no_location_and_no_restricted_field(demo):
    out, _, cluster = demo
    with open(out / "SYNTHETIC_anonymised_extract_luton.csv", newline="",
              encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 1000
    assert set(rows[0]) == {"X", "Y", "month", "category", "location"}
    assert all(re.fullmatch(r"\d{4}-\d{2}", r["month"]) for r in rows)
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        real = {(round(x, 1), round(y, 1)) for x, y in conn.execute(
            "SELECT ST_X(geom), ST_Y(geom) FROM scribe.incident WHERE geom IS NOT NULL")}
    published = {(round(float(r["X"]), 1), round(float(r["Y"]), 1)) for r in rows}
    assert not published & real
