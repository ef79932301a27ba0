"""Hostile and broken files: each gives a clear message, and the store is left exactly as it
was except for the quarantine (which records every rejected row with its reason)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import resource
import threading
import time
from functools import partial

import psycopg
import pytest

from scribe_plugin.core.importers import engine, profiles
from scribe_plugin.core.importers.errors import ImportFileError
from scribe_plugin.core.store_load import ImportCancelled

from ..data_helpers import police_rows

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
          "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
          "Context"]


@pytest.fixture(scope="module")
def sample_rows(shared_data) -> list[dict]:
    rows = police_rows(shared_data / "police_uk/bedfordshire/street/"
                       "2022-06-bedfordshire-street.csv")
    return [r for r in rows if r["Crime ID"] and r["Longitude"]][:40]


def unique(rows: list[dict], tag: str) -> list[dict]:
    """The sample with ids of this test's own, so tests do not see each other's records."""
    return [{**r, "Crime ID": f"{tag}-{i}"} for i, r in enumerate(rows)]


def write(path, rows: list[dict], encoding: str = "utf-8", delimiter: str = ",",
          header: list[str] = HEADER):
    with open(path, "w", newline="", encoding=encoding) as f:
        writer = csv.DictWriter(f, fieldnames=header, delimiter=delimiter,
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def unchanged_except_quarantine(store, action):
    before = store.state()
    result = action()
    assert store.state() == before
    return result


def test_empty_binary_and_undecodable_files_are_refused_before_anything_is_written(
        import_store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    mojibake = tmp_path / "mixed.csv"
    mojibake.write_bytes(",".join(HEADER).encode() + b"\r\nx,2022-06,\x81\x8d\xc3(,\r\n")
    cases = {empty: "the file is empty (0 bytes)", binary: "NUL bytes (first at byte 8)",
             mojibake: "not UTF-8 or Windows-1252 text"}
    for path, message in cases.items():
        with pytest.raises(ImportFileError, match=re.escape(message)):
            unchanged_except_quarantine(
                import_store, partial(import_store.run, "police", path, "police_uk_street"))
        assert import_store.quarantine(path.name) == []


def test_a_2_gb_sparse_file_is_streamed_not_loaded(import_store, tmp_path, sample_rows):
    path = write(tmp_path / "huge.csv", unique(sample_rows, "huge"))
    with open(path, "r+b") as f:
        f.truncate(2 * 1024**3)  # a hole of NUL bytes: no disk used, 2 GB to read
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(ImportFileError, match="NUL bytes"):
        unchanged_except_quarantine(
            import_store, lambda: import_store.run("police", path, "police_uk_street"))
    assert time.perf_counter() - start < 30
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 200 * 1024  # KiB


def test_encodings_and_delimiters_are_detected_not_guessed(import_store, tmp_path,
                                                           sample_rows):
    rows = unique(sample_rows[:3], "enc")
    rows[0]["Location"] = "On or near Café £5 Lane"
    for encoding, delimiter in (("cp1252", ";"), ("utf-8-sig", "\t"), ("utf-16", "|")):
        tagged = [{**r, "Crime ID": f"{r['Crime ID']}-{encoding}"} for r in rows]
        path = write(tmp_path / f"{encoding}.csv", tagged, encoding, delimiter)
        report = import_store.run("police", path, "police_uk_street")
        assert report.summary.inserted == 3, encoding
        with import_store.admin() as conn:
            assert conn.execute("SELECT location_description FROM scribe.incident WHERE "
                                "source_record_id = %s", (tagged[0]["Crime ID"],)
                                ).fetchone()[0] == "On or near Café £5 Lane"


def test_broken_rows_are_quarantined_with_row_column_and_reason(import_store, tmp_path,
                                                                sample_rows):
    rows = unique(sample_rows[:12], "bad")
    rows[1]["Longitude"] = "abc"
    rows[2]["Longitude"], rows[2]["Latitude"] = "512345", "234567"      # BNG as lon/lat
    rows[3]["Month"] = "1899-12"
    rows[4]["Month"] = f"{dt.date.today().year + 1}-01"
    rows[5]["Crime ID"] = rows[0]["Crime ID"]                             # duplicate id
    rows[6]["Location"] = "=cmd|' /C calc'!A0"
    rows[7]["Context"] = "-2+3+cmd|' /C calc'!A0"
    rows[8]["Crime type"] = "Burglery"
    rows[9]["Month"] = "06/2022"
    path = write(tmp_path / "broken.csv", rows)
    with open(path, "a", encoding="utf-8", newline="") as f:
        f.write("bad-extra,2022-06,a,b,-0.4,52.1,c,d,e,Drugs,f,g,EXTRA\r\n")
        f.write("bad-trunc,2022-06,Bedfordshire Police,Bedf")                # cut off
    report = import_store.run("police", path, "police_uk_street")
    assert (report.rows_read, report.rows_valid, report.rows_quarantined) == (14, 3, 11)
    got = {r[0]: (r[1], r[2]) for r in import_store.quarantine("broken.csv")}
    expect = {
        3: ("Longitude", "'abc' is not a number"),
        4: ("Latitude", "look like British National Grid easting/northing"),
        5: ("Month", "before 1990-01-01"),
        6: ("Month", "in the future"),
        7: ("Crime ID", f"duplicate record id '{rows[0]['Crime ID']}' (first at row 2)"),
        8: ("Location", "starts like a spreadsheet formula"),
        9: ("Context", "starts like a spreadsheet formula"),
        10: ("Crime type", "unknown category label 'Burglery'"),
        11: ("Month", "'06/2022' is not a date in the format %Y-%m"),
        14: (None, "the row has 13 fields, more than the header's 12"),
        15: (None, "the row has 4 fields, fewer than the header's 12"),
    }
    assert set(got) == set(expect)
    for row, (column, reason) in expect.items():
        assert got[row][0] == column and reason in got[row][1], (row, got[row])
    assert report.unknown_labels == {"Burglery": 1}
    assert import_store.incidents("police") >= 3
    raw = dict((r[0], r[3]) for r in import_store.quarantine("broken.csv"))
    assert raw[8]["Location"] == "=cmd|' /C calc'!A0"      # kept exactly as it was
    assert raw[14]["_extra_fields"] == ["EXTRA"]


def test_an_unknown_label_mapped_in_the_profile_imports_on_rerun(import_store, tmp_path,
                                                                  sample_rows):
    rows = unique(sample_rows[:4], "label")
    rows[0]["Crime type"] = "Burglary - residential"
    path = write(tmp_path / "labels.csv", rows)
    first = import_store.run("police", path, "police_uk_street")
    assert (first.summary.inserted, first.rows_quarantined) == (3, 1)
    base = profiles.get_profile("police_uk_street").to_dict()
    base["name"] = "police_uk_street_custom"
    base["category"]["labels"] = {"Burglary - residential": "crime.burglary"}
    second = import_store.run("police", path, profiles.Profile.from_dict(base))
    assert (second.summary.inserted, second.summary.unchanged, second.rows_quarantined) == \
        (1, 3, 0)


def test_missing_columns_and_swapped_coordinates(import_store, tmp_path, sample_rows):
    rows = unique(sample_rows[:5], "cols")
    no_lsoa = [h for h in HEADER if h != "LSOA code"]
    path = write(tmp_path / "nolsoa.csv", rows, header=no_lsoa)
    with pytest.raises(ImportFileError, match="no column\\(s\\) 'LSOA code'"):
        unchanged_except_quarantine(
            import_store, lambda: import_store.run("police", path, "police_uk_street"))
    swapped = [{**r, "Longitude": r["Latitude"], "Latitude": r["Longitude"]} for r in rows]
    report = import_store.run("police", write(tmp_path / "swapped.csv", swapped),
                              "police_uk_street")
    assert report.summary.inserted == 5
    assert any("'Longitude' and 'Latitude' hold each other's values" in w
               for w in report.warnings)
    with import_store.admin() as conn:
        ox, oy = conn.execute("SELECT original_x, original_y FROM scribe.incident WHERE "
                              "source_record_id = %s", (rows[0]["Crime ID"],)).fetchone()
    assert (ox, oy) == (float(rows[0]["Longitude"]), float(rows[0]["Latitude"]))


def test_a_file_with_no_valid_row_imports_nothing_and_says_why(import_store, tmp_path,
                                                                sample_rows):
    rows = [{**r, "Crime type": "Not a crime type"} for r in unique(sample_rows[:6], "none")]
    path = write(tmp_path / "allbad.csv", rows)
    report = unchanged_except_quarantine(
        import_store, lambda: import_store.run("police", path, "police_uk_street"))
    assert report.nothing_valid and report.summary.inserted == 0
    assert "No row is valid, so no incident was imported" in report.message()
    assert "unknown category label" in report.message()
    assert len(import_store.quarantine("allbad.csv")) == 6


def test_cancel_and_a_lost_connection_leave_the_store_unchanged(import_store, tmp_path,
                                                                 sample_rows):
    rows = [{**r, "Crime ID": f"lost-{i}"} for i, r in
            enumerate(sample_rows * (250_000 // len(sample_rows)))]
    path = write(tmp_path / "big.csv", rows)
    with pytest.raises(ImportCancelled):
        unchanged_except_quarantine(import_store, lambda: import_store.run(
            "police", path, "police_uk_street", progress=lambda done: done < 0.5))
    assert import_store.quarantine("big.csv") == []

    def lose_connection(conn):
        def kill(done):
            if done > 0.3 and not killed.is_set():
                killed.set()
                with import_store.admin() as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))
        return kill

    killed = threading.Event()
    profile = profiles.get_profile("police_uk_street")
    before = import_store.state()
    with pytest.raises(psycopg.OperationalError):
        with import_store.manager("police") as conn:
            engine.run_import(conn, path, profile, progress=lose_connection(conn))
    assert killed.is_set() and import_store.state() == before
    assert import_store.quarantine("big.csv") == []
