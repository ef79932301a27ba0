"""scribe:anonymised_extract on real London Fire Brigade rescues (exact and 50 m rounded
locations) and Bedfordshire crime with SCRIBE categories: no real location, no restricted
field, months only, small numbers coarsened."""

from __future__ import annotations

from collections import Counter

import pytest
from osgeo import ogr, osr

from scribe_plugin.core import taxonomy

from ..conftest import POLICE_STREET
from ..data_helpers import lfb_animal_rescue_rows, lfb_call_time, police_rows, to_bng

SECRET = "SECRET-detail-"


def run(params):
    import processing

    return processing.run("scribe:anonymised_extract", params)


def write_incidents(path, rows) -> str:
    """(x, y, when (datetime), category, secret text) rows as a BNG GeoPackage with
    restricted-looking fields."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("incidents", srs, ogr.wkbPoint)
    for name, kind in (("occurred_from", ogr.OFTDateTime), ("category", ogr.OFTString),
                       ("free_text", ogr.OFTString), ("exact_address", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    layer.StartTransaction()
    for i, (x, y, when, category, secret) in enumerate(rows):
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("occurred_from", when.year, when.month, when.day, when.hour, when.minute,
                   0, 0)
        f.SetField("category", category)
        f.SetField("free_text", secret)
        f.SetField("exact_address", f"{i} {SECRET}Street")
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(x, y)
        f.SetGeometry(point)
        layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None
    return f"{path}|layername=incidents"


def published(layer):
    names = layer.fields().names()
    rows = []
    for f in layer.getFeatures():
        p = f.geometry().asPoint()
        rows.append((p.x(), p.y(), dict(zip(names, f.attributes()))))
    return names, rows


def check_extract(result, inputs, min_incidents: int, min_category: int):
    names, rows = published(result["OUTPUT"])
    assert names == ["month", "category", "location"]
    assert len(rows) == len(inputs) == result["INCIDENTS"]
    real = {(x, y) for x, y, *_ in inputs}
    assert not real & {(x, y) for x, y, _ in rows}  # no published point is a real place
    per_point = Counter((x, y) for x, y, _ in rows)
    assert min(per_point.values()) >= min_incidents
    assert result["POINTS"] == len(per_point)
    assert Counter(r["month"] for _, _, r in rows) == \
        Counter(f"{when:%Y-%m}" for _, _, when, *_ in inputs)
    groups = Counter((x, y, r["month"], r["category"]) for x, y, r in rows)
    for (_, _, _, category), n in groups.items():
        assert n >= min_category or category in (*taxonomy.DOMAINS, "other")
    text = repr([r for _, _, r in rows])
    assert SECRET not in text


def test_fire_rescues_extract(processing_ready, shared_data, tmp_path):
    rescues = []
    for r in lfb_animal_rescue_rows(shared_data):
        if r["Easting_rounded"] and r["DateTimeOfCall"].startswith("2023"):
            exact = r["Easting_m"] not in ("", "NULL")
            x = float(r["Easting_m"] if exact else r["Easting_rounded"])
            y = float(r["Northing_m"] if exact else r["Northing_rounded"])
            rescues.append((x, y, lfb_call_time(r["DateTimeOfCall"]).replace(tzinfo=None),
                            r["AnimalGroupParent"], SECRET + r["IncidentNumber"]))
    source = write_incidents(tmp_path / "rescues.gpkg", rescues)
    result = run({"INPUT": source, "CATEGORY_FIELD": "category", "CELL_SIZE": 500,
                  "MIN_INCIDENTS": 5, "MIN_CATEGORY": 3, "OUTPUT": "memory:"})
    check_extract(result, rescues, 5, 3)
    # LFB's animal groups are not SCRIBE categories: rare ones become "other"
    _, rows = published(result["OUTPUT"])
    assert "other" in {r["category"] for _, _, r in rows}


def test_police_crime_extract_coarsens_scribe_categories(processing_ready, tmp_path):
    import datetime as dt

    rows = [r for r in police_rows(POLICE_STREET / "2022-09-bedfordshire-street.csv")
            if r["Longitude"]]
    x, y = to_bng([float(r["Longitude"]) for r in rows], [float(r["Latitude"]) for r in rows])
    crimes = [(float(px), float(py), dt.datetime(2022, 9, 1 + i % 28, 12),
               taxonomy.map_label("police_uk_crime_type", r["Crime type"]), SECRET + str(i))
              for i, (px, py, r) in enumerate(zip(x, y, rows))]
    source = write_incidents(tmp_path / "crimes.gpkg", crimes)
    result = run({"INPUT": source, "CATEGORY_FIELD": "category", "CELL_SIZE": 400,
                  "MIN_INCIDENTS": 8, "MIN_CATEGORY": 4, "OUTPUT": "memory:"})
    check_extract(result, crimes, 8, 4)
    _, out = published(result["OUTPUT"])
    kinds = Counter(r["category"] for _, _, r in out)
    # inputs are crime.* sub-types or asb (a top level already): each "crime" row out is a
    # coarsened one, and the count reported says so
    assert "crime" not in {c for *_, c, _ in crimes}
    assert kinds["crime"] > 0 and result["COARSENED"] == kinds["crime"]
    assert any(k.startswith("crime.") for k in kinds)  # common ones keep their detail


def test_snap_points_given_and_bad_inputs(processing_ready, tmp_path):
    import datetime as dt

    from qgis.core import QgsProcessingException

    crimes = [(500_000.0 + 10 * k, 200_000.0, dt.datetime(2023, 1, 2), "crime.burglary",
               SECRET) for k in range(20)]
    source = write_incidents(tmp_path / "line.gpkg", crimes)
    snaps = tmp_path / "snaps.geojson"
    snaps.write_text('{"type": "FeatureCollection", "crs": {"type": "name", "properties": '
                     '{"name": "urn:ogc:def:crs:EPSG::27700"}}, "features": ['
                     '{"type": "Feature", "properties": {"street": "High Street"}, '
                     '"geometry": {"type": "Point", "coordinates": [500000, 200000]}}, '
                     '{"type": "Feature", "properties": {"street": "Mill Lane"}, '
                     '"geometry": {"type": "Point", "coordinates": [500190, 200000]}}]}')
    result = run({"INPUT": source, "SNAP_POINTS": str(snaps), "SNAP_LABEL": "street",
                  "MIN_INCIDENTS": 5, "OUTPUT": "memory:"})
    check_extract(result, crimes, 5, 3)
    _, rows = published(result["OUTPUT"])
    # both snap points sat on an incident (500,000 and 500,190): published 1 m east
    assert {(x, r["location"]) for x, _, r in rows} == {(500_001.0, "High Street"),
                                                       (500_191.0, "Mill Lane")}
    with pytest.raises(QgsProcessingException, match="geographic CRS"):
        from qgis.core import QgsVectorLayer

        run({"INPUT": QgsVectorLayer("Point?crs=EPSG:4326&field=occurred_from:datetime",
                                     "wgs", "memory"), "OUTPUT": "memory:"})
