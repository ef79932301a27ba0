"""scribe:assess_response and scribe:hotspot_accuracy on real Bedfordshire police.uk crime and
ward boundaries; counts checked against shapely/pyproj counts made here."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from ..conftest import DATA, POLICE_STREET
from ..data_helpers import police_rows, to_bng

WARDS = DATA / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_wards.gpkg"


def run(name, params):
    import processing

    return processing.run(f"scribe:{name}", params)


@pytest.fixture(scope="module")
def police_24_gpkg(tmp_path_factory):
    from ..data_helpers import police_csv_to_gpkg

    return str(police_csv_to_gpkg(sorted(POLICE_STREET.glob("*.csv")),
                                  tmp_path_factory.mktemp("police24") / "crimes.gpkg"))


@pytest.fixture(scope="module")
def crimes():
    rows = [r for p in sorted(POLICE_STREET.glob("*.csv")) for r in police_rows(p)
            if r["Longitude"]]
    x, y = to_bng(np.array([float(r["Longitude"]) for r in rows]),
                  np.array([float(r["Latitude"]) for r in rows]))
    months = np.array([r["Month"] for r in rows])
    return x, y, months


def ward(name: str):
    import pyogrio
    import shapely

    frame = pyogrio.read_dataframe(WARDS).to_crs(27700)
    return shapely.make_valid(frame[frame["WD13NM"] == name].geometry.iloc[0])


def ward_layer(name: str) -> str:
    """One ward as a layer URI (an OGR subset): Processing opens and frees the layer itself.
    A QgsVectorLayer object kept alive by a test's exception outlives QGIS and crashes the
    interpreter at exit."""
    uri = f"{WARDS}|layername=wards|subset=\"WD13NM\" = '{name}'"
    assert QgsVectorLayer(uri, name, "ogr").featureCount() == 1
    return uri


def test_assess_response_counts_and_wdq_match_independent_counts(processing_ready,
                                                                 police_24_gpkg, crimes,
                                                                 tmp_path):
    import shapely

    chart = tmp_path / "assess.png"
    result = run("assess_response", {
        "INPUT": police_24_gpkg, "TIME_FIELD": "month", "TARGET": ward_layer("Biscot"),
        "BUFFER_DISTANCE": 400, "CONTROL": ward_layer("Barnfield"),
        "BEFORE_START": "2021-05-01T00:00:00", "BEFORE_END": "2022-05-01T00:00:00",
        "AFTER_START": "2022-05-01T00:00:00", "AFTER_END": "2023-05-01T00:00:00",
        "OUTPUT": "memory:", "CHART": str(chart)})
    x, y, months = crimes
    target, control = ward("Biscot"), ward("Barnfield")
    ring = shapely.difference(shapely.buffer(target, 400), target)
    before = months < "2022-05"
    expected = {}
    for label, region in (("response", target), ("buffer", ring), ("control", control)):
        inside = shapely.contains_xy(region, x, y)
        expected[label] = (int((inside & before).sum()), int((inside & ~before).sum()))
    names = result["OUTPUT"].fields().names()
    got = {r["area"]: (r["before"], r["after"]) for r in
           (dict(zip(names, f.attributes())) for f in result["OUTPUT"].getFeatures())}
    assert got == expected
    (a0, a1), (b0, b1), (c0, c1) = expected["response"], expected["buffer"], expected["control"]
    assert result["SM"] == pytest.approx(a1 / c1 - a0 / c0)
    assert result["BDM"] == pytest.approx(b1 / c1 - b0 / c0)
    assert result["WDQ"] == pytest.approx((b1 / c1 - b0 / c0) / (a1 / c1 - a0 / c0))
    assert result["RES"] == pytest.approx((a0 * c1) / (a1 * c0))
    assert result["INTERPRETATION"]
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_assess_response_refuses_periods_out_of_order(processing_ready, police_24_gpkg):
    with pytest.raises(QgsProcessingException, match="periods must be in order"):
        run("assess_response", {
            "INPUT": police_24_gpkg, "TIME_FIELD": "month", "TARGET": ward_layer("Biscot"),
            "CONTROL": ward_layer("Barnfield"),
            "BEFORE_START": "2022-05-01T00:00:00", "BEFORE_END": "2021-05-01T00:00:00",
            "AFTER_START": "2022-05-01T00:00:00", "AFTER_END": "2023-05-01T00:00:00",
            "OUTPUT": "memory:"})


def test_hotspot_accuracy_pai_and_rri_are_consistent_and_predictive(processing_ready,
                                                                   police_24_gpkg, crimes):
    import pyogrio
    import shapely

    lsoas = DATA / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_lsoa_2011.gpkg"
    result = run("hotspot_accuracy", {
        "INPUT": police_24_gpkg, "TIME_FIELD": "month", "SPLIT": "2022-05-01T00:00:00",
        "BANDWIDTHS": "500, 1000", "CELL_SIZES": "100", "COVERAGES": "2.5, 5",
        "STUDY_AREA": str(lsoas), "OUTPUT": "memory:"})
    names = result["OUTPUT"].fields().names()
    rows = [dict(zip(names, f.attributes())) for f in result["OUTPUT"].getFeatures()]
    assert len(rows) == 4
    x, y, months = crimes
    county = shapely.union_all(shapely.make_valid(
        np.asarray(pyogrio.read_dataframe(lsoas).to_crs(27700).geometry.values)))
    test = months >= "2022-05"
    # the study area is the cells whose centre is in the county: within a cell of its edge
    most = int((shapely.contains_xy(shapely.buffer(county, 100), x, y) & test).sum())
    least = int((shapely.contains_xy(shapely.buffer(county, -100), x, y) & test).sum())
    for r in rows:
        assert least <= r["test_total"] <= most
        assert r["study_km2"] == pytest.approx(shapely.area(county) / 1e6, rel=0.01)
        assert r["hotspot_km2"] / r["study_km2"] * 100 == pytest.approx(r["coverage_pct"],
                                                                       abs=0.01)
        hit_rate = r["test_hits"] / r["test_total"]
        assert r["pai"] == pytest.approx(hit_rate / (r["hotspot_km2"] / r["study_km2"]))
        assert r["rri"] == pytest.approx((r["test_hits"] / r["fit_hits"])
                                         / (r["test_total"] / r["fit_total"]))
        assert r["pai"] > 3  # crime concentrates: hotspots from one year predict the next
    with pytest.raises(QgsProcessingException, match="Both periods need incidents"):
        run("hotspot_accuracy", {"INPUT": police_24_gpkg, "TIME_FIELD": "month",
                                 "SPLIT": dt.datetime(2030, 1, 1).isoformat(),
                                 "OUTPUT": "memory:"})
