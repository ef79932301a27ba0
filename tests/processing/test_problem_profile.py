"""scribe:problem_profile rendered for real: Bedfordshire crime in one ward (boundary in
WGS84, incidents in BNG); the PDF is rasterised with pdftoppm and checked, and its tables
against counts made here."""

from __future__ import annotations

import csv
import subprocess
from collections import Counter

import numpy as np
import pytest
from osgeo import gdal

from ..conftest import DATA, POLICE_STREET
from ..data_helpers import police_rows, to_bng

WARDS = DATA / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_wards.gpkg"
BISCOT = f"{WARDS}|layername=wards|subset=\"WD13NM\" = 'Biscot'"


def run(params):
    import processing

    return processing.run("scribe:problem_profile", params)


@pytest.fixture(scope="module")
def police_24_gpkg(tmp_path_factory):
    from ..data_helpers import police_csv_to_gpkg

    return str(police_csv_to_gpkg(sorted(POLICE_STREET.glob("*.csv")),
                                  tmp_path_factory.mktemp("police24") / "crimes.gpkg"))


def pages(pdf, folder):
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "page")],
                   check=True)
    return sorted(folder.glob("page*.png"))


def test_profile_of_a_ward(processing_ready, police_24_gpkg, tmp_path):
    import pyogrio
    import shapely

    pdf, parts = tmp_path / "biscot.pdf", tmp_path / "parts"
    result = run({"INPUT": police_24_gpkg, "TIME_FIELD": "month", "CATEGORY_FIELD": "crime_type",
                  "AREA": BISCOT, "START": "2022-01-01T00:00:00", "END": "2023-01-01T00:00:00",
                  "CATEGORIES": "Burglary, Vehicle crime, Anti-social behaviour",
                  "TITLE": "Biscot: burglary, vehicle crime and ASB in 2022",
                  "VICTIM_FIELD": "location",  # the place as the property identifier
                  "OUTPUT_PDF": str(pdf), "OUTPUT_FOLDER": str(parts)})
    # independent counts: the ward (GDAL reprojection), the CSV rows, the months
    ward = pyogrio.read_dataframe(WARDS).to_crs(27700)
    area = shapely.make_valid(ward[ward["WD13NM"] == "Biscot"].geometry.iloc[0])
    rows = [r for p in sorted(POLICE_STREET.glob("2022-*.csv")) for r in police_rows(p)
            if r["Longitude"] and r["Crime type"] in
            ("Burglary", "Vehicle crime", "Anti-social behaviour")]
    x, y = to_bng(np.array([float(r["Longitude"]) for r in rows]),
                  np.array([float(r["Latitude"]) for r in rows]))
    inside = shapely.contains_xy(area, x, y)
    expected = Counter(r["Crime type"] for r, k in zip(rows, inside) if k)
    assert result["INCIDENTS"] == sum(expected.values()) > 50
    with open(parts / "counts_by_category.csv", newline="", encoding="utf-8") as f:
        got = {r["category"]: int(r["incidents"]) for r in csv.DictReader(f)}
    assert got == dict(expected)
    months = Counter(r["Month"] for r, k in zip(rows, inside) if k)
    with open(parts / "counts_by_month.csv", newline="", encoding="utf-8") as f:
        by_month = {r["month"]: int(r["incidents"]) for r in csv.DictReader(f)}
    assert len(by_month) == 12 and by_month == {m: months.get(m, 0) for m in by_month}
    places = Counter(r["Location"] for r, k in zip(rows, inside) if k)
    with open(parts / "repeat_victims.csv", newline="", encoding="utf-8") as f:
        victims = {r["victim"]: int(r["incidents"]) for r in csv.DictReader(f)}
    assert victims == {v: n for v, n in places.items() if n > 1}
    images = pages(pdf, tmp_path)
    assert len(images) >= 4  # scanning, where, when + SARA boxes, incidents table
    gray = gdal.Open(str(images[1])).ReadAsArray().astype(float)
    assert gray.std() > 10  # the map page is drawn, not blank
    assert (parts / "density.tif").exists() and (parts / "trend.png").exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Scanning" in text and "Response" in text and "Assessment" in text
    assert "Repeat victims" in text
    assert f"{result['INCIDENTS']} incidents" in text


def test_a_period_without_incidents_says_so(processing_ready, police_24_gpkg, tmp_path):
    pdf = tmp_path / "none.pdf"
    result = run({"INPUT": police_24_gpkg, "TIME_FIELD": "month", "AREA": BISCOT,
                  "START": "2030-01-01T00:00:00", "END": "2030-06-01T00:00:00",
                  "OUTPUT_PDF": str(pdf), "OUTPUT_FOLDER": str(tmp_path / "p")})
    assert result["INCIDENTS"] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "No incidents matched" in text


def test_an_empty_area_is_refused_clearly(processing_ready, police_24_gpkg, tmp_path):
    from qgis.core import QgsProcessingException

    nowhere = f"{WARDS}|layername=wards|subset=\"WD13NM\" = 'Nowhere'"
    with pytest.raises(QgsProcessingException, match="no features"):
        run({"INPUT": police_24_gpkg, "TIME_FIELD": "month", "AREA": nowhere,
             "START": "2022-01-01T00:00:00", "END": "2023-01-01T00:00:00",
             "OUTPUT_PDF": str(tmp_path / "x.pdf"), "OUTPUT_FOLDER": str(tmp_path / "x")})
    assert not (tmp_path / "x.pdf").exists()
