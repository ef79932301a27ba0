"""Every real sample in ../shared/data imports with the counts the test works out itself
from the raw file (csv module, pyproj, shapely): never the importer's own numbers."""

from __future__ import annotations

import collections
import csv
import datetime as dt

import numpy as np
import pytest

from scribe_plugin.core.importers import engine, profiles, readers
from scribe_plugin.core.importers.coords import AreaFilter

from ..data_helpers import lfb_animal_rescue_rows, police_rows, to_bng

POLICE_TYPES = {
    "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs",
    "Other crime", "Other theft", "Possession of weapons", "Public order", "Robbery",
    "Shoplifting", "Theft from the person", "Vehicle crime", "Violence and sexual offences"}
LONDON = dt.timezone(dt.timedelta(hours=1))  # BST: every month start checked is in summer


def csv_dicts(path, encoding: str = "utf-8-sig", delimiter: str = ",") -> list[dict]:
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def expected_police(rows: list[dict]) -> tuple[list[dict], int]:
    """Rows kept (first of each Crime ID; every ASB row) and the number of repeats."""
    seen, kept = set(), []
    for r in rows:
        if r["Crime ID"]:
            if r["Crime ID"] in seen:
                continue
            seen.add(r["Crime ID"])
        kept.append(r)
    return kept, len(rows) - len(kept)


@pytest.fixture(scope="module")
def bedfordshire(import_store, shared_data):
    files = sorted((shared_data / "police_uk" / "bedfordshire" / "street").glob("*.csv"))
    reports = [import_store.run("police", f, "police_uk_street") for f in files]
    return files, reports


def test_detects_each_sample_layout(shared_data):
    samples = {
        "police_uk/bedfordshire/street/2021-05-bedfordshire-street.csv": "police_uk_street",
        "police_uk/camden/Police_API_Sample_July_2019.csv": "police_api_council",
        "asb/lancashire/lancashire_asb.tab": "police_asb_points",
        "fire/lfb_incident_sample/LFB Incident data.csv": "fire_incident",
        "fire/lfb_animal_rescue/Animal Rescue incidents attended by LFB from Jan 2009.csv":
            "fire_animal_rescue"}
    for rel, name in samples.items():
        source = readers.open_source(shared_data / rel)
        assert profiles.detect_profile(source.header, profiles.all_profiles()).name == name
    lancs = readers.open_source(shared_data / "asb/lancashire/lancashire_asb.tab")
    assert (lancs.delimiter, lancs.encoding) == ("\t", "utf-8")
    lfb = readers.open_source(shared_data / "fire/lfb_animal_rescue/"
                              "Animal Rescue incidents attended by LFB from Jan 2009.csv")
    # its header's "pound sign" is the two bytes A1 EA (GB2312's fullwidth pound): not UTF-8,
    # every byte defined in Windows-1252, and the rest of the file ASCII
    assert lfb.encoding == "cp1252"
    assert "HourlyNotionalCost(\u00a1\u00ea)" in lfb.header
    stop_folder = shared_data / "police_uk/bedfordshire/stop-and-search"
    stops = readers.open_source(sorted(stop_folder.glob("*.csv"))[0])
    assert profiles.detect_profile(stops.header, profiles.all_profiles()) is None


def test_police_uk_street_files_import_with_independent_counts(import_store, bedfordshire):
    files, reports = bedfordshire
    total_kept = total_repeats = total_rows = 0
    kinds = collections.Counter()
    for path, report in zip(files, reports):
        rows = police_rows(path)
        kept, repeats = expected_police(rows)
        assert report.rows_read == len(rows)
        assert report.summary.inserted == len(kept), path.name
        assert report.summary.quarantined == repeats, path.name
        assert report.rows_without_location == sum(1 for r in kept if not r["Longitude"])
        total_kept += len(kept)
        total_repeats += repeats
        total_rows += len(rows)
        kinds.update(r["Crime type"] for r in kept)
    assert total_rows == 120_588 and total_repeats == 184  # the MANIFEST's numbers
    batches = [r.summary.batch_id for r in reports]  # other tests import for police too
    with import_store.admin() as conn:
        by_label = dict(conn.execute(
            "SELECT c.label, count(*) FROM scribe.incident i JOIN scribe.category c "
            "ON c.code = i.category_code WHERE i.import_batch_id = ANY(%s) GROUP BY 1",
            (batches,)).fetchall())
        first, last = conn.execute(
            "SELECT min(occurred_from), max(occurred_to) FROM scribe.incident i "
            "WHERE i.import_batch_id = ANY(%s)", (batches,)).fetchone()
    assert sum(by_label.values()) == total_kept
    assert by_label == dict(kinds)
    assert set(by_label) <= POLICE_TYPES
    assert first == dt.datetime(2021, 5, 1, tzinfo=LONDON)   # a month starts at midnight in
    assert last == dt.datetime(2023, 5, 1, tzinfo=LONDON)    # the UK, and ends at the next
    reasons = import_store.quarantine("2022-01-bedfordshire-street.csv")
    assert len(reasons) == 178 and all("duplicate record id" in r[2] for r in reasons)
    assert reasons[0][3]["Crime ID"] == reasons[0][2].split("'")[1]


def test_points_are_the_files_coordinates_in_british_national_grid(import_store, bedfordshire):
    files, _ = bedfordshire
    kept, _ = expected_police(police_rows(files[0]))
    located = [r for r in kept if r["Crime ID"] and r["Longitude"]][:500]
    x, y = to_bng(np.array([float(r["Longitude"]) for r in located]),
                  np.array([float(r["Latitude"]) for r in located]))
    with import_store.admin() as conn:
        stored = dict((rid, (gx, gy, ox, oy, crs)) for rid, gx, gy, ox, oy, crs in conn.execute(
            "SELECT source_record_id, ST_X(geom), ST_Y(geom), original_x, original_y, "
            "original_crs FROM scribe.incident WHERE source_record_id = ANY(%s)",
            ([r["Crime ID"] for r in located],)))
    for r, ex, ey in zip(located, x, y):
        gx, gy, ox, oy, crs = stored[r["Crime ID"]]
        assert abs(gx - ex) < 1e-6 and abs(gy - ey) < 1e-6
        assert (ox, oy, crs) == (float(r["Longitude"]), float(r["Latitude"]), "EPSG:4326")


def test_reimport_changes_nothing_and_an_updated_file_updates(import_store, bedfordshire,
                                                              tmp_path):
    files, _ = bedfordshire
    before = import_store.state()
    again = import_store.run("police", files[3], "police_uk_street")
    kept, repeats = expected_police(police_rows(files[3]))
    assert (again.summary.inserted, again.summary.updated, again.summary.unchanged) == \
        (0, 0, len(kept))
    assert import_store.state()[:3] == before[:3]
    # next month police.uk publishes a later outcome for three crimes
    rows = police_rows(files[3])
    changed = [i for i, r in enumerate(rows) if r["Crime ID"]][:3]
    for i in changed:
        rows[i]["Last outcome category"] = "Offender given a caution"
    updated = tmp_path / files[3].name
    with open(updated, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = import_store.run("police", updated, "police_uk_street")
    assert (report.summary.inserted, report.summary.updated) == (0, 3)
    assert import_store.incidents("police") == before[0]


def test_police_area_filter_quarantines_points_outside_the_partnership(import_store,
                                                                       shared_data, tmp_path):
    import shapely
    from pyproj import Transformer

    boundary = shared_data / "boundaries/bedfordshire/merged/bedfordshire_lsoa_2011.gpkg"
    path = shared_data / "police_uk/bedfordshire/street/2023-04-bedfordshire-street.csv"
    area = AreaFilter.from_file(boundary)
    report = engine.check_file(path, profiles.get_profile("police_uk_street"), area=area)
    # independently: the county as the union of its LSOAs (GDAL's own reprojection)
    import pyogrio

    frame = pyogrio.read_dataframe(boundary).to_crs(27700)
    county = shapely.union_all(shapely.make_valid(np.asarray(frame.geometry.values)))
    to_grid = Transformer.from_crs(4326, 27700, always_xy=True)
    kept, repeats = expected_police(police_rows(path))
    outside = 0
    for r in kept:
        if r["Longitude"]:
            gx, gy = to_grid.transform(float(r["Longitude"]), float(r["Latitude"]))
            outside += not county.contains(shapely.Point(gx, gy))
    assert outside > 0  # the MANIFEST: some rows are outside Bedfordshire
    assert report.rows_quarantined == repeats + outside
    assert sum(n for kind, n in report.reasons.items()
               if kind.startswith("the point is outside")) == outside


def test_council_republication_reads_us_month_first_dates(import_store, shared_data):
    path = shared_data / "police_uk/camden/Police_API_Sample_July_2019.csv"
    rows = csv_dicts(path)
    report = import_store.run("council", path, "police_api_council")
    assert report.summary.inserted == len(rows) == 4075
    with import_store.admin() as conn:
        months = conn.execute(
            "SELECT DISTINCT to_char(occurred_from AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') "
            "FROM scribe.incident i JOIN scribe.partner p USING (partner_id) "
            "WHERE p.code = 'council'").fetchall()
        point = conn.execute(
            "SELECT ST_X(geom), ST_Y(geom) FROM scribe.incident WHERE source_record_id = %s",
            (rows[0]["ID"],)).fetchone()
    assert months == [("2019-06-01",)]  # 06/01/2019 is 1 June in this layout, not 6 January
    assert point == (float(rows[0]["Easting"]), float(rows[0]["Northing"]))


def test_fire_exports_import_with_refined_categories_and_precision(import_store, shared_data):
    lfb = lfb_animal_rescue_rows(shared_data)
    report = import_store.run("fire", shared_data / "fire/lfb_animal_rescue/"
                              "Animal Rescue incidents attended by LFB from Jan 2009.csv",
                              "fire_animal_rescue")
    assert report.summary.inserted == len(lfb) == 10_497
    rounded = sum(1 for r in lfb if r["Easting_m"] in ("", "NULL"))
    path = shared_data / "fire/lfb_incident_sample/LFB Incident data.csv"
    sample = csv_dicts(path)
    assert import_store.run("fire", path, "fire_incident").summary.inserted == len(sample)
    with import_store.admin() as conn:
        precision = dict(conn.execute(
            "SELECT location_precision_m, count(*) FROM scribe.incident "
            "WHERE category_code = 'fire.special_service.animal' GROUP BY 1").fetchall())
        call = conn.execute("SELECT occurred_from FROM scribe.incident "
                            "WHERE source_record_id = %s", (lfb[0]["IncidentNumber"],)).fetchone()
        cats = dict(conn.execute(
            "SELECT source_record_id, category_code FROM scribe.incident "
            "WHERE source_record_id = ANY(%s)", ([r["IncidentNumber"] for r in sample],)))
    assert precision == {50.0: rounded, 1.0: len(lfb) - rounded}
    assert call[0] == dt.datetime(2009, 1, 1, 3, 1, tzinfo=dt.timezone.utc)  # GMT in January
    expected = {"RTC": "fire.special_service.rtc", "Flooding": "fire.special_service.flooding",
                "Lift Release": "fire.special_service.lift_release"}
    for r in sample:
        if r["SpecialServiceType"] in expected:
            assert cats[r["IncidentNumber"]] == expected[r["SpecialServiceType"]]
        if r["StopCodeDescription"] == "Primary Fire" and r["PropertyCategory"] == "Dwelling":
            assert cats[r["IncidentNumber"]] == "fire.primary.dwelling"
        if r["StopCodeDescription"] == "Secondary Fire":
            assert cats[r["IncidentNumber"]] == "fire.secondary"


def test_police_asb_points_get_stable_derived_ids(import_store, shared_data):
    path = shared_data / "asb/lancashire/lancashire_asb.tab"
    n = len(csv_dicts(path, delimiter="\t"))
    first = import_store.run("council", path, "police_asb_points")
    assert first.summary.inserted == n == 56_434
    again = import_store.run("council", path, "police_asb_points")
    assert (again.summary.inserted, again.summary.unchanged) == (0, n)
