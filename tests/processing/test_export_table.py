"""scribe:export_table: CSV and XLSX with metadata, formula-safe cells, and for store layers
an audit record written as the signed-in user (credentials from a QGIS authcfg), or no
export at all."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime

from scribe_plugin.core import exports, vetting

from ..conftest import POLICE_STREET
from ..store_helpers import PASSWORD

HOSTILE = ["=cmd|' /C calc'!A0", "+44 1234", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
           "\tTabbed", "Plain text"]
PURPOSE = "Monthly partner briefing for the ASB problem-solving group"


def run(params):
    import processing

    return processing.run("scribe:export_table", params)


def test_neutralise_and_round_trips(tmp_path):
    assert [exports.neutralise(v) for v in HOSTILE] == \
        ["'" + v for v in HOSTILE[:5]] + ["Plain text"]
    assert exports.neutralise(-5) == -5
    path = tmp_path / "t.csv"
    exports.write_csv(path, ["text", "n"], [[v, -1.5] for v in HOSTILE])
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["text", "n"] and rows[1] == ["'" + HOSTILE[0], "-1.5"]
    book_path = tmp_path / "t.xlsx"
    exports.write_xlsx(book_path, ["text"], [[v] for v in HOSTILE], {"purpose": PURPOSE})
    book = openpyxl.load_workbook(book_path)
    cells = [row[0] for row in book["data"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE  # values unchanged...
    assert {c.data_type for c in cells} == {"s"}  # ...and never formulas
    meta = {r[0].value: r[1].value for r in book["metadata"].iter_rows(min_row=2)}
    assert meta["purpose"] == PURPOSE and meta["rows"] == str(len(HOSTILE))


def test_export_a_layer_with_metadata(processing_ready, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:27700&field=note:string&field=n:integer"
                           "&field=at:datetime", "briefing", "memory")
    features = []
    for i, text in enumerate(HOSTILE):
        f = QgsFeature(layer.fields())
        f.setAttributes([text, -i, QDateTime(2024, 3, 5, 14, 30)])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    out_csv, out_xlsx = tmp_path / "b.csv", tmp_path / "b.xlsx"
    result = run({"INPUT": layer, "FIELDS": ["note", "at"], "PURPOSE": PURPOSE,
                  "OUTPUT_CSV": str(out_csv), "OUTPUT_XLSX": str(out_xlsx)})
    assert result["ROWS"] == len(HOSTILE)
    with open(out_csv, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["note", "at"] and rows[1] == ["'" + HOSTILE[0], "2024-03-05T14:30:00"]
    assert f"purpose: {PURPOSE}" in (tmp_path / "b.csv.metadata.txt").read_text()
    book = openpyxl.load_workbook(out_xlsx)
    assert [c.value for c in next(book["data"].iter_rows(max_row=1))] == ["note", "at"]
    meta = {r[0].value: r[1].value for r in book["metadata"].iter_rows(min_row=2)}
    assert meta["purpose"] == PURPOSE and meta["rows"] == str(len(HOSTILE))
    assert "data sharing agreement" in meta["licence and sharing"]
    with pytest.raises(QgsProcessingException, match="purpose of the export"):
        run({"INPUT": layer, "PURPOSE": "x", "OUTPUT_XLSX": str(tmp_path / "no.xlsx")})
    assert not (tmp_path / "no.xlsx").exists()


def test_store_exports_are_audited_or_refused(processing_ready, import_store, tmp_path):
    import gc

    from scribe_plugin.processing.store_connection import trust_ca_certificate

    trust_ca_certificate(str(import_store.cluster.ca_cert))  # as a user imports their CA
    import_store.run("police", POLICE_STREET / "2021-07-bedfordshire-street.csv",
                     "police_uk_street")  # some of the partner's incidents (re-runnable)
    with import_store.manager("police") as conn:  # reads need a declared purpose
        conn.autocommit = True
        vetting.declare_purpose(conn, PURPOSE)
    uri, auth_id = import_store.layer_uri("police_manager")
    assert PASSWORD not in uri and f"authcfg={auth_id}" in uri
    layer = QgsVectorLayer(uri, "incidents", "postgres")
    assert layer.isValid()
    before = dt.datetime.now(dt.timezone.utc)
    result = run({"INPUT": layer, "FIELDS": ["source_record_id", "category_code"],
                  "PURPOSE": PURPOSE, "OUTPUT_XLSX": str(tmp_path / "store.xlsx")})
    with import_store.admin() as conn:
        audit = conn.execute("SELECT actor, details FROM scribe.audit_log WHERE action = "
                             "'export' AND at >= %s ORDER BY audit_id", (before,)).fetchall()
        visible = conn.execute("SELECT count(*) FROM scribe.incident i JOIN scribe.partner p "
                               "USING (partner_id) WHERE p.code = 'police'").fetchone()[0]
    assert result["ROWS"] == visible > 0  # what RLS lets this data manager see
    assert len(audit) == 1
    actor, details = audit[0]
    assert actor == "police_manager" and details["purpose"] == PURPOSE
    assert details["files"] == ["store.xlsx"] and details["rows"] == str(visible)
    # signed out (credentials gone from QGIS) after loading: no record, so no export
    assert QgsApplication.authManager().removeAuthenticationConfig(auth_id)
    refused = False
    try:
        run({"INPUT": layer, "PURPOSE": PURPOSE, "OUTPUT_XLSX": str(tmp_path / "bad.xlsx")})
    except QgsProcessingException as error:
        refused = "nothing was exported" in str(error) or "could not" in str(error).lower()
    assert refused
    assert not (tmp_path / "bad.xlsx").exists()
    del layer
    gc.collect()  # free the provider while QGIS is alive
