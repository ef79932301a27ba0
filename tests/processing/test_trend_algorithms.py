"""The trends, change and Gi* Processing algorithms on real data: 24 months of Bedfordshire
police.uk crime, Bedfordshire LSOAs (WGS84, reprojected on the fly) and London Fire Brigade
call times; results checked against independent counts, pymannkendall and scipy."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from qgis.core import (
    NULL,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from scribe_plugin.core.analysis import emerging
from scribe_plugin.core.analysis import hotspots_gi as gi

from ..conftest import DATA, POLICE_STREET
from ..data_helpers import lfb_animal_rescue_rows, lfb_call_time, lfb_to_gpkg, police_rows

pmk = pytest.importorskip("pymannkendall")
LSOAS = DATA / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_lsoa_2011.gpkg"


def run(name, params, **kwargs):
    import processing

    return processing.run(f"scribe:{name}", params, **kwargs)


def features(layer):
    return [f.attributes() for f in layer.getFeatures()], layer.fields().names()


def table(result_layer) -> list[dict]:
    names = result_layer.fields().names()
    return [dict(zip(names, f.attributes())) for f in result_layer.getFeatures()]


@pytest.fixture(scope="module")
def police_rows_all():
    return [r for path in sorted(POLICE_STREET.glob("*.csv")) for r in police_rows(path)]


@pytest.fixture(scope="module")
def police_24_gpkg(tmp_path_factory):
    from ..data_helpers import police_csv_to_gpkg

    return str(police_csv_to_gpkg(sorted(POLICE_STREET.glob("*.csv")),
                                  tmp_path_factory.mktemp("police24") / "crimes.gpkg"))


@pytest.fixture(scope="module")
def police_points(police_24_gpkg):
    layer = QgsVectorLayer(f"{police_24_gpkg}|layername=crimes", "crimes", "ogr")
    xs, ys, months = [], [], []
    for f in layer.getFeatures():
        if f.hasGeometry():
            p = f.geometry().asPoint()
            xs.append(p.x())
            ys.append(p.y())
            months.append(f["month"])
    return np.array(xs), np.array(ys), np.array(months)


@pytest.fixture(scope="module")
def lfb_gpkg(tmp_path_factory, shared_data):
    return str(lfb_to_gpkg(shared_data, tmp_path_factory.mktemp("lfb") / "rescues.gpkg"))


def memory_layer(definition: str, rows) -> QgsVectorLayer:
    """A memory point layer; rows are (x, y, attributes)."""
    layer = QgsVectorLayer(definition, "mem", "memory")
    features_ = []
    for x, y, attributes in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(attributes)
        features_.append(feature)
    layer.dataProvider().addFeatures(features_)
    return layer


# -- counts_by_period --------------------------------------------------------------------------

def test_counts_by_month_and_crime_type_match_the_csv(processing_ready, police_24_gpkg,
                                                      police_rows_all, tmp_path):
    chart = tmp_path / "counts.png"
    result = run("counts_by_period", {
        "INPUT": police_24_gpkg, "TIME_FIELD": "month", "CATEGORY_FIELD": "crime_type",
        "PERIOD": 2, "WINDOW": 3, "OUTPUT": "memory:", "CHART": str(chart)})
    rows = table(result["OUTPUT"])
    expected = Counter((r["Crime type"], r["Month"]) for r in police_rows_all)
    got = {(r["category"], r["period"]): r["count"] for r in rows}
    assert {k: v for k, v in got.items() if v} == dict(expected)
    assert len({r["period"] for r in rows}) == 24
    burglary = sorted((r for r in rows if r["category"] == "Burglary"),
                      key=lambda r: r["period"])
    counts = [r["count"] for r in burglary]
    assert burglary[2]["moving_avg"] == pytest.approx(np.mean(counts[:3]))
    assert burglary[0]["moving_avg"] in (None, NULL)  # NULL before a full window
    from scipy.stats import binomtest

    r = burglary[5]
    days_now, days_before = r["days"], burglary[4]["days"]
    share = days_now / (days_now + days_before)
    n = r["count"] + r["prev_count"]
    tails = [binomtest(r["count"], n, share, alt).pvalue for alt in ("less", "greater")]
    assert r["p_prev"] == pytest.approx(min(1, 2 * min(tails)), abs=1e-12)
    assert r["change_prev_pct"] == pytest.approx(100 * (r["count"] - r["prev_count"])
                                                 / r["prev_count"])
    year_on = burglary[14]
    assert year_on["last_year_count"] == burglary[2]["count"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_counts_by_quarter_in_lsoas_and_an_svg_chart(processing_ready, police_24_gpkg,
                                                     police_points, tmp_path):
    chart = tmp_path / "counts.svg"
    result = run("counts_by_period", {
        "INPUT": police_24_gpkg, "TIME_FIELD": "month", "PERIOD": 3, "AREAS": str(LSOAS),
        "AREA_ID": "LSOA11CD", "OUTPUT": "memory:", "CHART": str(chart)})
    rows = table(result["OUTPUT"])
    assert len({r["area"] for r in rows}) > 350
    # police.uk snap points all lie in Bedfordshire: (almost) every located incident counts
    assert sum(r["count"] for r in rows) >= 0.99 * police_points[0].size
    assert {r["period"] for r in rows} >= {"2021-Q2", "2023-Q2"}
    assert "<svg" in chart.read_text()[:500]


def test_counts_by_year_in_grid_cells(processing_ready, police_24_gpkg, police_points):
    result = run("counts_by_period", {
        "INPUT": police_24_gpkg, "TIME_FIELD": "month", "PERIOD": 4, "CELL_SIZE": 5000,
        "OUTPUT": "memory:"})
    rows = table(result["OUTPUT"])
    x, y, months = police_points
    expected = Counter((int(a), int(b), m[:4]) for a, b, m in
                       zip(np.floor(x / 5000), np.floor(y / 5000), months))
    assert sum(r["count"] for r in rows) == x.size
    assert len({r["area"] for r in rows}) == len({k[:2] for k in expected})
    assert {r["count"] for r in rows} - {0} == set(expected.values())


# -- trend_test --------------------------------------------------------------------------------

def grid_series(x, y, months, cell):
    """Monthly counts per grid cell (edges on multiples of the cell), computed here."""
    labels = sorted(set(months))
    index = {m: i for i, m in enumerate(labels)}
    col = np.floor(x / cell).astype(int)
    row = np.floor(y / cell).astype(int)
    series: dict[tuple[int, int], np.ndarray] = {}
    for c, r, m in zip(col, row, months):
        series.setdefault((c, r), np.zeros(len(labels), int))[index[m]] += 1
    return series


@pytest.mark.parametrize("method", [0, 1, 2])
def test_trend_test_on_a_grid_matches_pymannkendall(processing_ready, police_24_gpkg,
                                                    police_points, method):
    cell = 3000.0
    result = run("trend_test", {"INPUT": police_24_gpkg, "TIME_FIELD": "month",
                                "CELL_SIZE": cell, "PERIOD": 1, "METHOD": method,
                                "MIN_INCIDENTS": 50, "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    series = grid_series(*police_points, cell)
    reference = {0: pmk.original_test, 1: pmk.hamed_rao_modification_test,
                 2: lambda v: pmk.seasonal_test(v, period=12)}[method]
    checked = 0
    for feature in layer.getFeatures():
        centre = feature.geometry().centroid().asPoint()
        key = (int(np.floor(centre.x() / cell)), int(np.floor(centre.y() / cell)))
        counts = series[key]
        assert feature["incidents"] == counts.sum() >= 50
        ref = reference(counts)
        if method == 1 and abs(ref.var_s - feature["var_s"]) > 1e-9 * ref.var_s:
            continue  # a pymannkendall release with abs(rho); the core tests cover the paper
        assert feature["z"] == pytest.approx(ref.z, abs=1e-9)
        assert feature["p"] == pytest.approx(ref.p, abs=1e-9)
        assert feature["slope"] == pytest.approx(ref.slope, abs=1e-9)
        assert feature["trend"] == ref.trend
        checked += 1
    assert checked > 20
    assert len(series) > layer.featureCount()  # sparse cells were left out


def test_trend_test_in_lsoas_reprojects_the_areas(processing_ready, police_24_gpkg):
    result = run("trend_test", {"INPUT": police_24_gpkg, "TIME_FIELD": "month",
                                "AREAS": str(LSOAS), "AREA_ID": "LSOA11CD", "PERIOD": 2,
                                "OUTPUT": "memory:"})
    layer = result["OUTPUT"]
    assert layer.crs().authid() == "EPSG:27700"
    rows = table(layer)
    assert len(rows) > 300 and all(r["area"].startswith("E01") for r in rows)
    assert {r["trend"] for r in rows} <= {"increasing", "decreasing", "no trend"}
    assert all(r["periods"] == 9 for r in rows)  # 2021-05 .. 2023-04 touch 2021-Q2 .. 2023-Q2


# -- hotspots_gi -------------------------------------------------------------------------------

BEDFORDSHIRE = (485000.0, 530000.0, 210000.0, 272000.0)  # xmin, xmax, ymin, ymax (BNG)


def test_gi_on_a_grid_equals_the_core_on_independent_counts(processing_ready, police_24_gpkg,
                                                            police_points):
    """police.uk files hold some crimes recorded far outside the county: the study-area
    extent keeps the grid (and n) to Bedfordshire."""
    cell = 1000.0
    xmin, xmax, ymin, ymax = BEDFORDSHIRE
    x, y, _ = police_points
    inside = (x >= xmin) & (x < xmax) & (y > ymin) & (y <= ymax)
    grid = np.zeros((int((ymax - ymin) / cell), int((xmax - xmin) / cell)))
    np.add.at(grid, (np.floor((ymax - y[inside]) / cell).astype(int),
                     np.floor((x[inside] - xmin) / cell).astype(int)), 1)
    z, _ = gi.gi_star_grid(grid, gi.disc_kernel(2500, cell))
    hot = {}
    for fdr in (False, True):
        result = run("hotspots_gi", {
            "INPUT": police_24_gpkg, "TIME_FIELD": "month", "CELL_SIZE": cell,
            "EXTENT": f"{xmin},{xmax},{ymin},{ymax} [EPSG:27700]", "DISTANCE": 2500,
            "FDR": fdr, "OUTPUT": "memory:"})
        layer = result["OUTPUT"]
        assert layer.featureCount() == grid.size
        for n, f in enumerate(layer.getFeatures()):
            if n % 23:
                continue
            c = f.geometry().centroid().asPoint()
            r, k = int((ymax - c.y()) // cell), int((c.x() - xmin) // cell)
            assert f["incidents"] == grid[r, k]
            assert f["gi_z"] == pytest.approx(z[r, k], abs=1e-9)
        classes = np.array([f["gi_class"] for f in layer.getFeatures()])
        assert (classes == 3).sum() > 0
        hot[fdr] = (classes > 0).sum()
    assert hot[True] <= hot[False]  # FDR only removes cells


def test_gi_with_k_nearest_lsoas(processing_ready, police_24_gpkg):
    result = run("hotspots_gi", {"INPUT": police_24_gpkg, "TIME_FIELD": "month",
                                 "AREAS": str(LSOAS), "AREA_ID": "LSOA11CD", "WEIGHTS": 1,
                                 "NEIGHBOURS": 6, "OUTPUT": "memory:"})
    rows = table(result["OUTPUT"])
    assert len(rows) == 381 and all(r["neighbours"] == 7 for r in rows)
    assert any(r["gi_class"] == 3 for r in rows)


def test_outputs_are_styled_when_loaded(processing_ready):
    from scribe_plugin.processing.styles import (
        GI_CLASSES,
        RendererPostProcessor,
        categorized_renderer,
        emerging_classes,
    )

    layer = QgsVectorLayer("Polygon?crs=EPSG:27700&field=gi_class:integer", "gi", "memory")
    RendererPostProcessor(lambda: categorized_renderer("gi_class", GI_CLASSES)) \
        .postProcessLayer(layer, None, None)
    assert layer.renderer().classAttribute() == "gi_class"
    assert len(layer.renderer().categories()) == 7
    assert len(emerging_classes(emerging.CATEGORY_NAMES)) == 17


# -- emerging_hotspots -------------------------------------------------------------------------

def test_emerging_hotspots_on_two_years_of_police_data(processing_ready, police_24_gpkg,
                                                       police_points):
    result = run("emerging_hotspots", {"INPUT": police_24_gpkg, "TIME_FIELD": "month",
                                       "CELL_SIZE": 1000, "TIME_STEP": 1, "OUTPUT": "memory:"})
    rows = table(result["OUTPUT"])
    x, y, _ = police_points
    occupied = {(int(a), int(b)) for a, b in zip(np.floor(x / 1000), np.floor(y / 1000))}
    assert len(rows) == len(occupied)
    assert sum(r["incidents"] for r in rows) == x.size
    names = {r["category"] for r in rows}
    assert names <= set(emerging.CATEGORY_CODES)
    assert "persistent hot spot" in names or "intensifying hot spot" in names  # Luton, Bedford
    for r in rows:
        assert emerging.CATEGORY_CODES[r["category"]] == r["code"]
        assert 0 <= r["hot_steps"] <= 24


# -- temporal_profile --------------------------------------------------------------------------

def test_temporal_profile_of_real_fire_calls(processing_ready, lfb_gpkg, shared_data, tmp_path):
    chart = tmp_path / "profile.png"
    result = run("temporal_profile", {"INPUT": lfb_gpkg, "TIME_FIELD": "called_at",
                                      "OUTPUT": "memory:", "CHART": str(chart)})
    rows = table(result["OUTPUT"])
    assert len(rows) == 168
    expected = Counter()
    for r in lfb_animal_rescue_rows(shared_data):
        t = lfb_call_time(r["DateTimeOfCall"])
        expected[(t.weekday() + 1, t.hour)] += 1
    got = {(r["weekday_no"], r["hour"]): r["incidents"] for r in rows}
    assert got == {k: float(expected.get(k, 0)) for k in got}
    assert sum(r["share_pct"] for r in rows) == pytest.approx(100)
    assert chart.stat().st_size > 10_000


def test_temporal_profile_apportions_time_windows(processing_ready):
    layer = memory_layer(
        "Point?crs=EPSG:27700&field=occurred_from:datetime&field=occurred_to:datetime", [
            (0, 0, [QDateTime(QDate(2024, 1, 29), QTime(2, 30)),
                    QDateTime(QDate(2024, 1, 29), QTime(4, 30))]),
            (0, 0, [QDateTime(QDate(2024, 1, 30), QTime(10, 15)), None]),
            # 22:30 UTC in July is 23:30 in London
            (0, 0, [QDateTime(QDate(2024, 7, 3), QTime(22, 30), Qt.TimeSpec.UTC), None]),
        ])
    rows = table(run("temporal_profile", {"INPUT": layer, "OUTPUT": "memory:"})["OUTPUT"])
    got = {(r["weekday"], r["hour"]): r["incidents"] for r in rows if r["incidents"]}
    assert got == {("Mon", 2): 0.25, ("Mon", 3): 0.5, ("Mon", 4): 0.25, ("Tue", 10): 1.0,
                   ("Wed", 23): 1.0}


# -- bad input ---------------------------------------------------------------------------------

def test_a_layer_without_a_date_field_is_refused(processing_ready):
    layer = memory_layer("Point?crs=EPSG:27700&field=n:integer", [(0, 0, [1])])
    with pytest.raises(QgsProcessingException, match="no date field"):
        run("counts_by_period", {"INPUT": layer, "OUTPUT": "memory:"})


def test_all_null_dates_are_refused(processing_ready):
    layer = memory_layer("Point?crs=EPSG:27700&field=occurred_from:datetime",
                         [(0, 0, [None]), (1, 1, [None])])
    for name in ("counts_by_period", "temporal_profile", "trend_test", "hotspots_gi"):
        with pytest.raises(QgsProcessingException, match="No feature has a usable date"):
            run(name, {"INPUT": layer, "OUTPUT": "memory:"})


def test_one_period_only_is_refused_for_trends(processing_ready):
    day = QDateTime(QDate(2024, 3, 5), QTime(12, 0))
    layer = memory_layer("Point?crs=EPSG:27700&field=occurred_from:datetime",
                         [(i * 10.0, 0, [day]) for i in range(30)])
    with pytest.raises(QgsProcessingException, match="a trend needs at least 3"):
        run("trend_test", {"INPUT": layer, "MIN_INCIDENTS": 1, "OUTPUT": "memory:"})
    with pytest.raises(QgsProcessingException, match="at least 3 time steps"):
        run("emerging_hotspots", {"INPUT": layer, "OUTPUT": "memory:"})


def test_an_area_layer_without_features_is_refused(processing_ready, police_24_gpkg):
    empty = QgsVectorLayer("Polygon?crs=EPSG:27700&field=code:string", "empty", "memory")
    for name in ("counts_by_period", "trend_test", "hotspots_gi"):
        with pytest.raises(QgsProcessingException, match="no features"):
            run(name, {"INPUT": police_24_gpkg, "TIME_FIELD": "month", "AREAS": empty,
                       "OUTPUT": "memory:"})


def test_unreadable_text_dates_are_reported_not_guessed(processing_ready):
    layer = memory_layer("Point?crs=EPSG:27700&field=when:string", [
        (0, 0, ["2024-03-05"]), (0, 0, ["03/15/2024"]), (0, 0, ["next Tuesday"])])
    from qgis.core import QgsProcessingFeedback

    class Collect(QgsProcessingFeedback):
        warnings: list[str] = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)

    feedback = Collect()
    rows = table(run("temporal_profile", {"INPUT": layer, "TIME_FIELD": "when",
                                          "OUTPUT": "memory:"}, feedback=feedback)["OUTPUT"])
    assert sum(r["incidents"] for r in rows) == 1  # 03/15/2024 is no UK date: not guessed
    assert any("2 features without a usable date" in w for w in feedback.warnings)
