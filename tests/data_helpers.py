"""Read the real data in ../shared/data independently of SCRIBE's own readers."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np


def police_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    return transformer.transform(lon, lat)


def police_points_bng(path: Path, crime_type: str | None = None
                      ) -> tuple[np.ndarray, np.ndarray]:
    rows = [r for r in police_rows(path) if r["Longitude"] and r["Latitude"]
            and (crime_type is None or r["Crime type"] == crime_type)]
    lon = np.array([float(r["Longitude"]) for r in rows])
    lat = np.array([float(r["Latitude"]) for r in rows])
    return to_bng(lon, lat)


def police_csv_to_gpkg(csv_path: Path | list[Path], gpkg_path: Path,
                       layer: str = "crimes") -> Path:
    """Write the CSV(s) to a GeoPackage in EPSG:27700 with OGR directly (not through SCRIBE)."""
    from osgeo import ogr, osr

    paths = csv_path if isinstance(csv_path, list) else [csv_path]
    rows = [row for path in paths for row in police_rows(path)]
    has = [bool(r["Longitude"] and r["Latitude"]) for r in rows]
    lon = np.array([float(r["Longitude"]) if h else 0.0 for r, h in zip(rows, has)])
    lat = np.array([float(r["Latitude"]) if h else 0.0 for r, h in zip(rows, has)])
    x, y = to_bng(lon, lat)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg_path))
    lyr = ds.CreateLayer(layer, srs, ogr.wkbPoint)
    for name in ("crime_id", "month", "crime_type", "location", "lsoa_code"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    severity = ogr.FieldDefn("severity", ogr.OFTReal)
    lyr.CreateField(severity)
    lyr.StartTransaction()
    for i, r in enumerate(rows):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("crime_id", r["Crime ID"])
        f.SetField("month", r["Month"])
        f.SetField("crime_type", r["Crime type"])
        f.SetField("location", r["Location"])
        f.SetField("lsoa_code", r["LSOA code"])
        f.SetField("severity", 1.0 + (i % 3))
        if has[i]:
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(x[i]), float(y[i]))
            f.SetGeometry(point)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return gpkg_path


def lfb_animal_rescue_rows(shared_data: Path) -> list[dict[str, str]]:
    """London Fire Brigade animal rescues (the header has a cp1252 pound sign)."""
    path = shared_data / "fire" / "lfb_animal_rescue" / \
        "Animal Rescue incidents attended by LFB from Jan 2009.csv"
    with open(path, newline="", encoding="cp1252") as f:
        return list(csv.DictReader(f))


def lfb_call_time(text: str):
    """'2009/1/1 3:01' (year/month/day hour:minute, London local time) -> datetime."""
    import datetime as dt

    day, clock = text.split(" ")
    year, month, dom = (int(v) for v in day.split("/"))
    hour, minute = (int(v) for v in clock.split(":")[:2])
    return dt.datetime(year, month, dom, hour, minute)


def lfb_to_gpkg(shared_data: Path, gpkg_path: Path) -> Path:
    """Animal rescues with a located call as BNG points with a DateTime call time."""
    from osgeo import ogr, osr

    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg_path))
    lyr = ds.CreateLayer("rescues", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("called_at", ogr.OFTDateTime))
    lyr.CreateField(ogr.FieldDefn("animal", ogr.OFTString))
    lyr.StartTransaction()
    for r in lfb_animal_rescue_rows(shared_data):
        f = ogr.Feature(lyr.GetLayerDefn())
        t = lfb_call_time(r["DateTimeOfCall"])
        f.SetField("called_at", t.year, t.month, t.day, t.hour, t.minute, 0, 0)
        f.SetField("animal", r["AnimalGroupParent"])
        if r["Easting_rounded"] and r["Northing_rounded"]:
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(float(r["Easting_rounded"]), float(r["Northing_rounded"]))
            f.SetGeometry(point)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None
    return gpkg_path
