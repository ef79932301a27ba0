"""scribe:kde_hotspots through Processing on real police.uk data: bulk reading (GeoPackage via
GDAL's Arrow stream, PostGIS via binary COPY), filters and selections, weights, outputs, and
every bad-input path."""

from __future__ import annotations

import numpy as np
import psycopg
import pytest
from osgeo import gdal
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from scribe_plugin.processing.point_arrays import read_points

from ..data_helpers import police_rows

RUN = "scribe:kde_hotspots"


def run(params, feedback=None):
    import processing

    return processing.run(RUN, params, feedback=feedback)


def raster(path):
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    return band.ReadAsArray().astype(np.float64), ds.GetGeoTransform(), band.GetNoDataValue()


@pytest.fixture()
def police_layer(police_points_gpkg):
    layer = QgsVectorLayer(f"{police_points_gpkg}|layername=crimes", "crimes", "ogr")
    assert layer.isValid()
    return layer


def located(rows):
    return [r for r in rows if r["Longitude"] and r["Latitude"]]


def test_bulk_read_equals_iteration(police_layer):
    bulk = read_points(police_layer, police_layer, "severity", None)
    slow = read_points(police_layer, police_layer, "severity", None, allow_bulk=False)
    assert bulk.method == "arrow" and slow.method == "iterate"
    order_b, order_s = np.lexsort((bulk.y, bulk.x)), np.lexsort((slow.y, slow.x))
    np.testing.assert_array_equal(bulk.x[order_b], slow.x[order_s])
    np.testing.assert_array_equal(bulk.weights[order_b], slow.weights[order_s])
    assert bulk.null_geometries == slow.null_geometries > 0


def test_counts_and_mass_match_the_raw_file(processing_ready, police_points_gpkg,
                                            police_month_csv, tmp_path):
    rows = police_rows(police_month_csv)
    out = tmp_path / "kde.tif"
    result = run({"INPUT": str(police_points_gpkg), "RADIUS": 1000, "PIXEL_SIZE": 200,
                  "UNITS": 0, "OUTPUT": str(out)})
    assert result["POINT_COUNT"] == len(located(rows))
    assert result["NULL_GEOMETRIES"] == len(rows) - len(located(rows))
    values, transform, nodata = raster(out)
    assert nodata is None
    # incidents per km2 x cell area in km2, summed = number of incidents
    assert values.sum() * (200 * 200 / 1e6) == pytest.approx(len(located(rows)), rel=1e-3)
    assert out.with_suffix(".qml").read_text().count("<item") >= 6


def test_layer_filter_is_respected(processing_ready, police_layer, police_month_csv, tmp_path):
    police_layer.setSubsetString("\"crime_type\" = 'Burglary'")
    expected = sum(1 for r in located(police_rows(police_month_csv))
                   if r["Crime type"] == "Burglary")
    result = run({"INPUT": police_layer, "RADIUS": 800, "PIXEL_SIZE": 200,
                  "OUTPUT": str(tmp_path / "b.tif")})
    assert result["POINT_COUNT"] == expected > 0


def test_selected_features_only(processing_ready, police_layer, tmp_path):
    QgsProject.instance().addMapLayer(police_layer)
    try:
        ids = [f.id() for f in police_layer.getFeatures() if f.hasGeometry()][:250]
        police_layer.selectByIds(ids)
        result = run({"INPUT": QgsProcessingFeatureSourceDefinition(police_layer.id(), True),
                      "RADIUS": 800, "PIXEL_SIZE": 200, "OUTPUT": str(tmp_path / "s.tif")})
        assert result["POINT_COUNT"] == 250
    finally:
        QgsProject.instance().removeMapLayer(police_layer.id())


def test_weights_scale_the_mass(processing_ready, police_points_gpkg, police_month_csv, tmp_path):
    rows = police_rows(police_month_csv)
    expected = sum(1.0 + (i % 3) for i, r in enumerate(rows) if r["Longitude"] and r["Latitude"])
    out = tmp_path / "w.tif"
    run({"INPUT": str(police_points_gpkg), "WEIGHT_FIELD": "severity", "RADIUS": 1000,
         "PIXEL_SIZE": 200, "UNITS": 1, "OUTPUT": str(out)})
    assert raster(out)[0].sum() == pytest.approx(expected, rel=1e-3)


@pytest.fixture(scope="module")
def postgis_points(dev_cluster, police_points_gpkg):
    """The same points in a PostGIS table, readable by a TLS + SCRAM login role."""
    password = "kde-Reader-1"  # noqa: S105 (throwaway role in the test cluster)
    layer = QgsVectorLayer(f"{police_points_gpkg}|layername=crimes", "crimes", "ogr")
    rows = [(f["crime_type"], f["severity"], f.geometry().asWkb().data() if f.hasGeometry()
             else None) for f in layer.getFeatures()]
    with psycopg.connect(dev_cluster.admin_conninfo(), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute("DROP TABLE IF EXISTS public.kde_points")
        conn.execute("CREATE TABLE public.kde_points (id serial PRIMARY KEY, crime_type text, "
                     "severity float8, geom geometry(Point, 27700))")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO public.kde_points (crime_type, severity, geom) "
                            "VALUES (%s, %s, ST_SetSRID(ST_GeomFromWKB(%s), 27700))", rows)
        conn.execute("DROP ROLE IF EXISTS kde_reader")
        conn.execute(f"CREATE ROLE kde_reader LOGIN PASSWORD '{password}'")
        conn.execute("GRANT SELECT ON public.kde_points TO kde_reader")
    uri = (f"dbname='{dev_cluster.dbname}' host=localhost port={dev_cluster.port} "
           f"user='kde_reader' password='{password}' sslmode=verify-full "
           "key='id' srid=27700 type=Point table=\"public\".\"kde_points\" (geom)")
    return uri, dev_cluster


def test_postgis_source_reads_in_bulk_and_matches_geopackage(processing_ready, postgis_points,
                                                             police_points_gpkg, tmp_path,
                                                             monkeypatch):
    uri, cluster = postgis_points
    monkeypatch.setenv("PGSSLROOTCERT", str(cluster.ca_cert))
    layer = QgsVectorLayer(uri, "pg", "postgres")
    assert layer.isValid()
    points = read_points(layer, layer, "", None)
    assert points.method == "postgis"
    common = {"RADIUS": 1000, "PIXEL_SIZE": 200, "STYLE": False}
    r_pg = run({"INPUT": layer, **common, "OUTPUT": str(tmp_path / "pg.tif")})
    r_gp = run({"INPUT": str(police_points_gpkg), **common, "OUTPUT": str(tmp_path / "gp.tif")})
    assert r_pg["POINT_COUNT"] == r_gp["POINT_COUNT"]
    assert r_pg["NULL_GEOMETRIES"] == r_gp["NULL_GEOMETRIES"]
    a, ta, _ = raster(tmp_path / "pg.tif")
    b, tb, _ = raster(tmp_path / "gp.tif")
    assert ta == tb
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)
    layer.setSubsetString("crime_type = 'Burglary'")
    filtered = read_points(layer, layer, "severity", None)
    iterated = read_points(layer, layer, "severity", None, allow_bulk=False)
    assert filtered.method == "postgis" and iterated.method == "iterate"
    assert filtered.count == iterated.count > 0
    a, b = np.lexsort((filtered.y, filtered.x)), np.lexsort((iterated.y, iterated.x))
    np.testing.assert_array_equal(filtered.x[a], iterated.x[b])
    np.testing.assert_array_equal(filtered.weights[a], iterated.weights[b])


def test_postgis_table_read_in_two_halves_equals_one_read(processing_ready, postgis_points,
                                                          monkeypatch):
    """A large table is read as two page ranges on two connections sharing a snapshot: the
    same points, weights and counts as one read, with the layer's filter applied."""
    from scribe_plugin.processing import point_arrays

    uri, cluster = postgis_points
    monkeypatch.setenv("PGSSLROOTCERT", str(cluster.ca_cert))
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE public.kde_points")  # counts its pages
        pages = conn.execute("SELECT relpages FROM pg_class WHERE relname = 'kde_points'"
                             ).fetchone()[0]
    assert pages >= 2
    layer = QgsVectorLayer(uri, "pg", "postgres")
    for subset in ("", "crime_type <> 'Burglary'"):
        layer.setSubsetString(subset)
        one = read_points(layer, layer, "severity", None)
        monkeypatch.setattr(point_arrays, "PARALLEL_MIN_PAGES", 2)
        halves = read_points(layer, layer, "severity", None)
        monkeypatch.setattr(point_arrays, "PARALLEL_MIN_PAGES", 10**9)
        assert halves.method == one.method == "postgis"
        assert (halves.count, halves.null_geometries, halves.null_weights) == \
            (one.count, one.null_geometries, one.null_weights)
        a, b = np.lexsort((halves.y, halves.x)), np.lexsort((one.y, one.x))
        np.testing.assert_array_equal(halves.x[a], one.x[b])
        np.testing.assert_array_equal(halves.y[a], one.y[b])
        np.testing.assert_array_equal(halves.weights[a], one.weights[b])


def memory_layer(definition, points=(), crs="EPSG:27700", weights=None):
    layer = QgsVectorLayer(f"{definition}?crs={crs}&field=w:double", "m", "memory")
    features = []
    for i, (x, y) in enumerate(points):
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([weights[i] if weights is not None else 1.0])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    return layer


@pytest.mark.parametrize("layer_args, params, message", [
    (("Point", ()), {}, "no points to map"),
    (("Point", [(-0.4, 52.1), (-0.41, 52.12)], "EPSG:4326"), {}, "geographic CRS"),
    (("Point", [(1, 1), (5, 5)], "EPSG:27700", [1.0, -2.0]), {"WEIGHT_FIELD": "w"},
     "negative weight"),
    (("Point", [(1, 1), (5, 5)], "EPSG:27700", [0.0, 0.0]), {"WEIGHT_FIELD": "w"}, "is 0"),
])
def test_bad_input_gives_clear_error_and_no_file(processing_ready, tmp_path, layer_args, params,
                                                 message):
    layer = memory_layer(*layer_args)
    out = tmp_path / "never.tif"
    with pytest.raises(QgsProcessingException, match=message):
        run({"INPUT": layer, "RADIUS": 100, "PIXEL_SIZE": 10, "OUTPUT": str(out), **params})
    assert not out.exists()


def test_polygon_input_is_refused(processing_ready, tmp_path):
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700", "poly", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0, 10 0, 10 10, 0 0))"))
    layer.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException):
        run({"INPUT": layer, "RADIUS": 100, "PIXEL_SIZE": 10, "OUTPUT": str(tmp_path / "p.tif")})
    assert not (tmp_path / "p.tif").exists()


class CancelOnProgress(QgsProcessingFeedback):
    """A real feedback object whose user presses Cancel once the computation is under way."""

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress >= 30:
            self.cancel()


def test_cancel_writes_no_file(processing_ready, police_points_gpkg, tmp_path):
    out = tmp_path / "cancelled.tif"
    result = run({"INPUT": str(police_points_gpkg), "RADIUS": 1000, "PIXEL_SIZE": 100,
                  "OUTPUT": str(out)}, feedback=CancelOnProgress())
    assert not out.exists() and not list(tmp_path.glob("*.tif"))
    assert "POINT_COUNT" not in result


def test_hotspot_areas_count_the_incidents_inside_them(processing_ready, police_points_gpkg,
                                                       tmp_path):
    out, hot = tmp_path / "h.tif", tmp_path / "hot.gpkg"
    result = run({"INPUT": str(police_points_gpkg), "RADIUS": 1500, "PIXEL_SIZE": 250,
                  "HOTSPOT_METHOD": 0, "HOTSPOT_THRESHOLD": 97, "OUTPUT": str(out),
                  "HOTSPOTS": str(hot)})
    areas = QgsVectorLayer(str(result["HOTSPOTS"]), "hot", "ogr")
    assert areas.isValid() and areas.featureCount() > 0
    points = QgsVectorLayer(f"{police_points_gpkg}|layername=crimes", "crimes", "ogr")
    located_points = [f.geometry() for f in points.getFeatures() if f.hasGeometry()]
    total = 0.0
    for area in areas.getFeatures():
        inside = sum(1 for g in located_points if area.geometry().contains(g))
        # points on a shared cell edge may fall either side; the count is per cell
        assert abs(area["incidents"] - inside) <= max(2, 0.02 * inside)
        total += area["incidents"]
        assert area["share_pct"] == pytest.approx(100 * area["incidents"] /
                                                  result["POINT_COUNT"])
    assert 0 < total < result["POINT_COUNT"]


def polygon_layer(wkt: str) -> QgsVectorLayer:
    """A memory layer (EPSG:27700) holding one polygon, for masks."""
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700", "mask", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(wkt))
    layer.dataProvider().addFeatures([feature])
    return layer


def test_mask_makes_outside_cells_nodata(processing_ready, police_points_gpkg, tmp_path):
    mask = polygon_layer(
        "POLYGON((500000 220000, 520000 220000, 520000 240000, 500000 240000, 500000 220000))")
    out = tmp_path / "m.tif"
    run({"INPUT": str(police_points_gpkg), "RADIUS": 1000, "PIXEL_SIZE": 500, "MASK": mask,
         "EXTENT": "495000,525000,215000,245000 [EPSG:27700]", "OUTPUT": str(out)})
    values, transform, nodata = raster(out)
    assert nodata == -9999.0
    inside = values != nodata
    assert 0 < inside.sum() < values.size
    assert (values[inside] >= 0).all() and values[inside].max() > 0


def test_same_extent_gives_aligned_grids_for_two_periods(processing_ready, tmp_path, shared_data):
    from ..conftest import POLICE_STREET
    from ..data_helpers import police_csv_to_gpkg

    transforms = []
    for month in ("2022-01", "2022-02"):
        gpkg = police_csv_to_gpkg(POLICE_STREET / f"{month}-bedfordshire-street.csv",
                                  tmp_path / f"{month}.gpkg")
        out = tmp_path / f"{month}.tif"
        run({"INPUT": str(gpkg), "RADIUS": 1000, "PIXEL_SIZE": 250,
             "EXTENT": "480000,540000,200000,280000 [EPSG:27700]", "OUTPUT": str(out)})
        values, transform, _ = raster(out)
        transforms.append((transform, values.shape))
    assert transforms[0] == transforms[1]
    assert transforms[0][0][0] == 480000 and transforms[0][0][3] == 280000


def test_grid_too_large_for_memory_is_refused_before_allocating(processing_ready, police_layer,
                                                                 tmp_path):
    out = tmp_path / "huge.tif"
    with pytest.raises(QgsProcessingException, match="GiB"):
        run({"INPUT": police_layer, "RADIUS": 1000, "PIXEL_SIZE": 0.05, "OUTPUT": str(out)})
    assert not out.exists()


def test_runs_inside_a_processing_model(processing_ready, police_points_gpkg, tmp_path):
    """As the model designer builds it: a model with one SCRIBE child algorithm."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    from scribe_plugin import compat

    model = QgsProcessingModelAlgorithm("hotspot model", "SCRIBE tests")
    model.addModelParameter(
        QgsProcessingParameterFeatureSource("incidents", "Incidents", [compat.SOURCE_POINT]),
        QgsProcessingModelParameter("incidents"))
    child = QgsProcessingModelChildAlgorithm("scribe:kde_hotspots")
    child.setChildId("kde")
    child.addParameterSources("INPUT", [
        QgsProcessingModelChildParameterSource.fromModelParameter("incidents")])
    for name, value in (("RADIUS", 1200), ("PIXEL_SIZE", 300), ("STYLE", False)):
        child.addParameterSources(name, [
            QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    output = QgsProcessingModelOutput("density", "Density")
    output.setChildOutputName("OUTPUT")
    child.setModelOutputs({"density": output})
    model.addChildAlgorithm(child)
    import processing

    out = tmp_path / "model.tif"
    results = processing.run(model, {"incidents": str(police_points_gpkg),
                                     "kde:density": str(out)})
    assert out.exists() and results["kde:density"] == str(out)


class LogFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def pushInfo(self, info):  # noqa: N802
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)


def test_streamed_surface_equals_the_one_made_from_held_points(processing_ready,
                                                               police_points_gpkg, tmp_path):
    """A file layer with a bandwidth given is binned batch by batch as GDAL reads it; asking
    for hotspot areas holds the points instead: both make the same surface and counts."""
    common = {"INPUT": str(police_points_gpkg), "WEIGHT_FIELD": "severity", "RADIUS": 800,
              "PIXEL_SIZE": 100, "OUTPUT_VALUE": 1}
    streamed_log, held_log = LogFeedback(), LogFeedback()
    streamed = run({**common, "OUTPUT": str(tmp_path / "s.tif")}, feedback=streamed_log)
    held = run({**common, "OUTPUT": str(tmp_path / "h.tif"),
                "HOTSPOTS": str(tmp_path / "hot.gpkg")}, feedback=held_log)
    assert any("(arrow stream)" in line for line in streamed_log.lines)
    assert any("(arrow)" in line for line in held_log.lines)
    for key in ("POINT_COUNT", "NULL_GEOMETRIES", "CELL_SIZE", "BANDWIDTH"):
        assert streamed[key] == held[key]
    s, s_transform, _ = raster(tmp_path / "s.tif")
    h, h_transform, _ = raster(tmp_path / "h.tif")
    assert s_transform == h_transform and s.shape == h.shape
    np.testing.assert_allclose(s, h, rtol=0, atol=1e-5 * h.max())
    skipped = [line for line in streamed_log.lines if "skipped" in line]
    assert skipped == [line for line in held_log.lines if "skipped" in line] and skipped
    grid = [line for line in streamed_log.lines if line.startswith("Grid: ")]
    assert grid == [line for line in held_log.lines if line.startswith("Grid: ")]
    assert grid == [f"Grid: {s.shape[1]} x {s.shape[0]} cells of 100; bandwidth 800; "
                    "kernel quartic."]


def test_stale_extent_in_the_file_is_read_again_on_the_points_extent(processing_ready,
                                                                     police_points_gpkg,
                                                                     tmp_path):
    import shutil
    import sqlite3

    stale = tmp_path / "stale.gpkg"
    shutil.copy(police_points_gpkg, stale)
    with sqlite3.connect(stale) as db:  # an extent far larger than the points'
        db.execute("UPDATE gpkg_contents SET min_x = min_x - 50000, max_y = max_y + 50000")
    log = LogFeedback()
    common = {"RADIUS": 800, "PIXEL_SIZE": 100}
    run({"INPUT": str(stale), **common, "OUTPUT": str(tmp_path / "s.tif")}, feedback=log)
    run({"INPUT": str(police_points_gpkg), **common, "OUTPUT": str(tmp_path / "ok.tif"),
         "HOTSPOTS": str(tmp_path / "hot.gpkg")})
    assert any("reading again" in line for line in log.lines)
    s, s_transform, _ = raster(tmp_path / "s.tif")
    ok, ok_transform, _ = raster(tmp_path / "ok.tif")
    assert s_transform == ok_transform
    np.testing.assert_allclose(s, ok, rtol=0, atol=1e-5 * ok.max())


def test_negative_weight_in_a_streamed_file_is_refused_without_a_file(processing_ready,
                                                                      tmp_path):
    from osgeo import ogr, osr

    path = tmp_path / "weights.gpkg"
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("p", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("w", ogr.OFTReal))
    for i, weight in enumerate([1.0] * 40_000 + [-2.0]):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("w", weight)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({500000 + i % 700} "
                                                      f"{200000 + i // 700})"))
        layer.CreateFeature(feature)
    ds = layer = None
    out = tmp_path / "neg.tif"
    with pytest.raises(QgsProcessingException, match="1 features have a negative weight in 'w'"):
        run({"INPUT": str(path), "WEIGHT_FIELD": "w", "RADIUS": 100, "PIXEL_SIZE": 10,
             "OUTPUT": str(out)})
    assert not out.exists() and not list(tmp_path.glob("*.tif"))


class CancelDuringStrips(QgsProcessingFeedback):
    """Cancel once the surface is being made and written strip by strip (past 60%)."""

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        if progress >= 70:
            self.cancel()


@pytest.mark.parametrize("radius", [800, 0])  # binned as read / held, then binned
def test_cancel_while_strips_are_written_leaves_no_file(processing_ready, police_points_gpkg,
                                                        tmp_path, radius):
    out = tmp_path / "cancelled.tif"
    feedback = CancelDuringStrips()
    result = run({"INPUT": str(police_points_gpkg), "RADIUS": radius, "PIXEL_SIZE": 25,
                  "OUTPUT": str(out)}, feedback=feedback)
    assert feedback.isCanceled()
    assert "POINT_COUNT" not in result
    assert not out.exists() and not list(tmp_path.glob("*.tif"))


def test_mask_spanning_many_strips_keeps_exactly_the_cells_inside(processing_ready,
                                                                  police_points_gpkg, tmp_path):
    """The mask is burnt strip by strip: every cell whose centre is inside the polygon has a
    value, every other is NoData, across strip boundaries; the reported largest density is
    the largest inside."""
    mask = polygon_layer(
        "POLYGON((501005 221005, 519005 221005, 519005 239005, 501005 239005, 501005 221005))")
    out = tmp_path / "m.tif"
    result = run({"INPUT": str(police_points_gpkg), "RADIUS": 1000, "PIXEL_SIZE": 20,
                  "MASK": mask, "EXTENT": "495000,525000,215000,245000 [EPSG:27700]",
                  "STYLE": False, "OUTPUT": str(out)})
    values, transform, nodata = raster(out)
    assert values.shape[0] == 1500  # strips of 192 rows here (a 300-row transform less its margin)
    xs = transform[0] + (np.arange(values.shape[1]) + 0.5) * transform[1]
    ys = transform[3] + (np.arange(values.shape[0]) + 0.5) * transform[5]
    inside = ((ys > 221005) & (ys < 239005))[:, None] & ((xs > 501005) & (xs < 519005))[None, :]
    np.testing.assert_array_equal(values != nodata, inside)
    assert values[inside].max() > 0 and (values[inside] >= 0).all()
    assert result["MAX_DENSITY"] == pytest.approx(values[inside].max(), rel=1e-6)


def test_grid_too_large_for_the_disk_is_refused_before_any_work(processing_ready, police_layer,
                                                                tmp_path):
    """A fine grid with a small kernel needs little memory strip by strip, but its file would
    hold terabytes: refused with the sizes, nothing written."""
    import shutil

    out = tmp_path / "huge.tif"
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(QgsProcessingException, match=r"would take up to .* GiB, more than the "
                                                     r".* GiB free"):
        run({"INPUT": police_layer, "RADIUS": 1, "PIXEL_SIZE": 0.05, "OUTPUT": str(out)})
    assert not out.exists() and not list(tmp_path.glob("*.tif"))
    assert shutil.disk_usage(tmp_path).free > free - 2**20
