"""scribe:near_repeat, scribe:repeat_locations and scribe:dual_kde through Processing, on real
data, checked against the core results and counts made here."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException, QgsVectorLayer

from scribe_plugin.core.analysis.near_repeat import KnoxBands, knox_test

from ..data_helpers import lfb_animal_rescue_rows, lfb_call_time, lfb_to_gpkg


def run(name, params):
    import processing

    return processing.run(f"scribe:{name}", params)


@pytest.fixture(scope="module")
def rescues(tmp_path_factory, shared_data):
    path = lfb_to_gpkg(shared_data, tmp_path_factory.mktemp("rescues") / "rescues.gpkg")
    return f"{path}|layername=rescues"


def rows_of(layer):
    names = layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in layer.getFeatures()]


def test_near_repeat_table_equals_the_core_result(processing_ready, rescues, shared_data,
                                                  tmp_path):
    chart = tmp_path / "knox.svg"
    result = run("near_repeat", {"INPUT": rescues, "TIME_FIELD": "called_at",
                                 "DISTANCE": 300, "DISTANCE_BANDS": 5, "DAYS": 7,
                                 "TIME_BANDS": 6, "METRIC": 1, "SEED": 5,
                                 "OUTPUT": "memory:", "CHART": str(chart)})
    table = rows_of(result["OUTPUT"])
    assert len(table) == 30
    assert table[0]["distance_band"] == "[0, 300) m" and table[0]["time_band"] == "[0, 7) days"
    # the same incidents read here: London local call times (GMT/BST) as wall clock
    lfb = [r for r in lfb_animal_rescue_rows(shared_data) if r["Easting_rounded"]]
    x = np.array([float(r["Easting_rounded"]) for r in lfb])
    y = np.array([float(r["Northing_rounded"]) for r in lfb])
    naive = [lfb_call_time(r["DateTimeOfCall"]).replace(tzinfo=None) for r in lfb]
    t = np.array([(d - d.min).total_seconds() for d in naive])
    core = knox_test(x, y, t, KnoxBands(300, 5, 7, 6, "manhattan"), 99, 5)
    observed = np.array([r["observed"] for r in table]).reshape(5, 6)
    np.testing.assert_array_equal(observed, core.observed)
    np.testing.assert_allclose(np.array([r["p_value"] for r in table]).reshape(5, 6),
                               core.p_value)
    assert result["INCIDENTS"] == len(lfb)
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_near_repeat_refuses_too_few_incidents_clearly(processing_ready):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    from qgis.PyQt.QtCore import QDate

    layer = QgsVectorLayer("Point?crs=EPSG:27700&field=when:date", "few", "memory")
    with pytest.raises(QgsProcessingException, match="usable date"):
        run("near_repeat", {"INPUT": layer, "TIME_FIELD": "when", "OUTPUT": "memory:"})
    features = []
    for k in range(2):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(500_000 + k, 200_000)))
        feature.setAttributes([QDate(2023, 1, 1 + k)])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    with pytest.raises(QgsProcessingException, match="at least 3 incidents"):
        run("near_repeat", {"INPUT": layer, "TIME_FIELD": "when", "OUTPUT": "memory:"})


def test_repeat_locations_match_a_groupby(processing_ready, rescues, shared_data):
    result = run("repeat_locations", {"INPUT": rescues, "TIME_FIELD": "called_at",
                                      "MIN_INCIDENTS": 3, "OUTPUT": "memory:"})
    lfb = [r for r in lfb_animal_rescue_rows(shared_data) if r["Easting_rounded"]]
    counts = Counter((float(r["Easting_rounded"]), float(r["Northing_rounded"])) for r in lfb)
    expected = sorted((c for c in counts.values() if c >= 3), reverse=True)
    layer = result["OUTPUT"]
    rows = rows_of(layer)
    assert [r["incidents"] for r in rows] == expected
    assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1))
    first = next(layer.getFeatures()).geometry().asPoint()
    assert counts[(first.x(), first.y())] == expected[0]
    assert result["REPEAT_PLACES"] == len(expected)
    assert result["REPEAT_SHARE_PCT"] == pytest.approx(100.0 * sum(expected) / len(lfb))
    assert rows[0]["share_pct"] == pytest.approx(100.0 * expected[0] / len(lfb))
    # a window: 2020 only
    windowed = run("repeat_locations", {
        "INPUT": rescues, "TIME_FIELD": "called_at", "START": "2020-01-01T00:00:00",
        "END": "2021-01-01T00:00:00", "OUTPUT": "memory:"})
    in_2020 = Counter((float(r["Easting_rounded"]), float(r["Northing_rounded"])) for r in lfb
                      if r["DateTimeOfCall"].startswith("2020"))
    assert windowed["INCIDENTS"] == sum(in_2020.values())
    assert windowed["REPEAT_PLACES"] == sum(1 for c in in_2020.values() if c >= 2)


def test_dual_kde_ratio_and_difference_of_one_layer(processing_ready, rescues, tmp_path):
    common = {"INPUT": rescues, "INPUT_B": rescues, "RADIUS": 1500, "PIXEL_SIZE": 250}
    ratio = run("dual_kde", {**common, "OPERATION": 0, "MIN_DENOMINATOR": 2.0,
                             "OUTPUT": str(tmp_path / "ratio.tif")})
    dataset = gdal.Open(ratio["OUTPUT"])
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray()
    valid = values != band.GetNoDataValue()
    assert valid.sum() > 1000 and ratio["MASKED_CELLS"] == (~valid).sum() > 0
    np.testing.assert_allclose(values[valid], 1.0, rtol=1e-6)
    difference = run("dual_kde", {**common, "OPERATION": 1,
                                  "OUTPUT": str(tmp_path / "difference.tif")})
    dataset = gdal.Open(difference["OUTPUT"])
    assert np.abs(dataset.GetRasterBand(1).ReadAsArray()).max() == 0.0
    with pytest.raises(QgsProcessingException, match="below the minimum denominator"):
        run("dual_kde", {**common, "OPERATION": 0, "MIN_DENOMINATOR": 1e9,
                         "OUTPUT": str(tmp_path / "none.tif")})


def test_points_reproject_in_one_call_as_one_by_one(processing_ready):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
    )

    from scribe_plugin.processing.point_arrays import transform_points

    rng = np.random.default_rng(3)
    x, y = rng.uniform(500_000, 540_000, 2_000), rng.uniform(170_000, 200_000, 2_000)
    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:27700"),
                                       QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsCoordinateTransformContext())
    lon, lat = transform_points(x, y, transform)
    one_by_one = [transform.transform(float(px), float(py)) for px, py in zip(x, y)]
    np.testing.assert_array_equal(lon, [p.x() for p in one_by_one])
    np.testing.assert_array_equal(lat, [p.y() for p in one_by_one])
    assert [a.size for a in transform_points(x[:0], y[:0], transform)] == [0, 0]


def test_dual_kde_reprojects_layer_b_onto_layer_as_grid(processing_ready, rescues, tmp_path):
    import processing

    in_wgs84 = processing.run("native:reprojectlayer", {
        "INPUT": rescues, "TARGET_CRS": "EPSG:4326",
        "OUTPUT": str(tmp_path / "rescues_wgs84.gpkg")})["OUTPUT"]
    ratio = run("dual_kde", {"INPUT": rescues, "INPUT_B": in_wgs84, "RADIUS": 1500,
                             "PIXEL_SIZE": 250, "OPERATION": 0, "MIN_DENOMINATOR": 2.0,
                             "OUTPUT": str(tmp_path / "ratio.tif")})
    dataset = gdal.Open(ratio["OUTPUT"])
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray()
    valid = values != band.GetNoDataValue()
    assert valid.sum() > 1000
    np.testing.assert_allclose(values[valid], 1.0, rtol=1e-4)  # the same points, round trip
