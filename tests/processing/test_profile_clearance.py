"""Real roles on the real store: a problem profile made from a cleared reader's layer carries
the restricted fields; one made by an analyst not cleared for them (whose layer is the
incident_public view) carries none of them, anywhere: PDF, tables or parts."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import subprocess

import psycopg
import pytest
from qgis.core import QgsVectorLayer

from scribe_plugin.core import vetting
from scribe_plugin.processing.store_connection import trust_ca_certificate

from ..store_helpers import PASSWORD

SECRET_NOTE = "Victim named Jane Example, flat 3"
SECRET_ADDRESS = "3 Secret Close, Luton LU1 1AA"
PURPOSE = "Problem-solving group profile for an ASB hotspot"


def run(params):
    import processing

    return processing.run("scribe:problem_profile", params)


@pytest.fixture(scope="module")
def council_data(import_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("council")
    with import_store.admin() as conn:
        if not conn.execute("SELECT 1 FROM scribe.app_user WHERE username = "
                            "'council_analyst'").fetchone():
            vetting.request_access(conn, "council_analyst", "council", "scribe_analyst", 3,
                                   dt.date.today() + dt.timedelta(days=30))
            vetting.approve_access(conn, "council_analyst", PASSWORD)
    path = folder / "asb_log.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Reference", "ASB type", "Date from", "Time from", "Date to",
                         "Time to", "Easting", "Northing", "Address", "Ward code", "Notes"])
        for k in range(12):
            writer.writerow([f"CL-{k}", "Noise", f"{1 + k:02d}/03/2023", "22:30",
                             f"{1 + k:02d}/03/2023", "23:30", 508_500 + 7 * k,
                             222_500 + 5 * k, SECRET_ADDRESS, "E05002194", SECRET_NOTE])
    report = import_store.run("council", path, "council_asb_log")
    assert report.rows_valid == 12
    area = folder / "area.geojson"
    area.write_text('{"type": "FeatureCollection", "crs": {"type": "name", "properties": '
                    '{"name": "urn:ogc:def:crs:EPSG::27700"}}, "features": [{"type": '
                    '"Feature", "properties": {}, "geometry": {"type": "Polygon", '
                    '"coordinates": [[[508000, 222000], [509200, 222000], [509200, 223000], '
                    '[508000, 223000], [508000, 222000]]]}}]}')
    for user in ("council_manager", "council_analyst"):
        with psycopg.connect(import_store.cluster.user_conninfo(user, import_store.name),
                             password=PASSWORD, autocommit=True) as conn:
            vetting.declare_purpose(conn, PURPOSE)
    trust_ca_certificate(str(import_store.cluster.ca_cert))
    return str(area)


def store_layer(import_store, user: str, table: str) -> QgsVectorLayer:
    uri, _ = import_store.layer_uri(user, table)
    layer = QgsVectorLayer(uri, table, "postgres")
    assert layer.isValid()
    return layer


def profile(layer, area, folder):
    result = run({"INPUT": layer, "CATEGORY_FIELD": "category_code", "AREA": area,
                  "START": "2023-03-01T00:00:00", "END": "2023-04-01T00:00:00",
                  "OUTPUT_PDF": str(folder / "profile.pdf"),
                  "OUTPUT_FOLDER": str(folder / "parts")})
    with open(folder / "parts" / "incidents.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    text = subprocess.run(["pdftotext", str(folder / "profile.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    everything = text + "".join(p.read_text(errors="ignore")
                                for p in (folder / "parts").glob("*.csv"))
    return result, rows, everything


def test_restricted_fields_follow_the_readers_clearance(processing_ready, import_store,
                                                       council_data, tmp_path):
    with import_store.admin() as conn:
        audited = conn.execute("SELECT count(*) FROM scribe.audit_log WHERE action = 'export' "
                               "AND details->>'title' LIKE 'Problem profile%'").fetchone()[0]
    cleared = store_layer(import_store, "council_manager", "incident")
    result, rows, everything = profile(cleared, council_data, tmp_path / "cleared")
    with import_store.admin() as conn:  # what left the store is in its audit table
        actor, files = conn.execute(
            "SELECT actor, details->'files' FROM scribe.audit_log WHERE action = 'export' "
            "ORDER BY audit_id DESC LIMIT 1").fetchone()
        assert conn.execute("SELECT count(*) FROM scribe.audit_log WHERE action = 'export' "
                            "AND details->>'title' LIKE 'Problem profile%'"
                            ).fetchone()[0] == audited + 1
    assert actor == "council_manager" and "profile.pdf" in files
    assert result["INCIDENTS"] == 12
    assert {"free_text", "exact_address"} <= set(rows[0])
    assert rows[0]["free_text"] == SECRET_NOTE and SECRET_ADDRESS in everything

    public = store_layer(import_store, "council_analyst", "incident_public")
    result, rows, everything = profile(public, council_data, tmp_path / "public")
    assert result["INCIDENTS"] == 12  # the same incidents...
    assert not {"free_text", "exact_address"} & set(rows[0])  # ...without the fields
    assert SECRET_NOTE not in everything and SECRET_ADDRESS not in everything
    del cleared, public
    gc.collect()


def test_an_uncleared_reader_cannot_load_the_full_table(processing_ready, import_store,
                                                        council_data):
    uri, _ = import_store.layer_uri("council_analyst", "incident")
    full = QgsVectorLayer(uri, "incident", "postgres")
    assert not full.isValid()  # column grants refuse the restricted columns to this reader
    del full
    gc.collect()
