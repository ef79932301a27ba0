"""Coordinates -> British National Grid points, with the original values kept.

A profile lists where a row's location may be, in order of preference: a pair of columns in
a stated CRS (WGS84 longitude/latitude, BNG easting/northing, ...), a "(lat, lon)" text column,
or the spatial file's own geometry. Swapped columns are detected for the file from its first
chunk (longitude/latitude the wrong way round, easting/northing the wrong way round) and read
the right way, with a warning; values of the wrong kind (BNG metres in a latitude column) are
rejected with a reason. Points outside Great Britain's grid or outside the partnership's area
are rejected.
"""

from __future__ import annotations

import importlib
import math
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import gil_slices

BNG = "EPSG:27700"
WGS84 = "EPSG:4326"
# the National Grid's extent, and Great Britain's in degrees (with a margin for the islands)
GRID_X = (0.0, 700_000.0)
GRID_Y = (0.0, 1_300_000.0)
GB_LON = (-9.0, 2.5)
GB_LAT = (49.0, 61.5)
TRANSFORM_SLICE = 1024  # points per GDAL call: about 1.3 ms
_LATLON_TEXT = re.compile(r"^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$")


@dataclass(frozen=True)
class PointSpec:
    x: str | None = None          # longitude or easting column
    y: str | None = None          # latitude or northing column
    crs: str = BNG
    precision_m: float | None = None
    latlon_text: str | None = None  # one column holding "(lat, lon)"
    geometry: bool = False          # the spatial file's geometry (in the file's CRS)

    @classmethod
    def from_dict(cls, data: dict) -> PointSpec:
        return cls(data.get("x"), data.get("y"), data.get("crs", BNG),
                   data.get("precision_m"), data.get("latlon_text"),
                   bool(data.get("geometry", False)))

    def to_dict(self) -> dict:
        out = {k: v for k, v in (("x", self.x), ("y", self.y), ("latlon_text", self.latlon_text),
                                 ("precision_m", self.precision_m)) if v is not None}
        if self.geometry:
            out["geometry"] = True
        else:
            out["crs"] = self.crs
        return out

    @property
    def columns(self) -> list[str]:
        return [c for c in (self.x, self.y, self.latlon_text) if c]

    @property
    def is_degrees(self) -> bool:
        return self.latlon_text is not None or self.crs.upper() in (WGS84, "CRS:84", "OGC:CRS84")


class _ToBng:
    """Transforms x/y arrays from one CRS to British National Grid with GDAL's OSR (the PROJ
    that QGIS itself uses: pyproj's bundled PROJ crashed in QGIS task threads)."""

    def __init__(self, crs: str):
        from osgeo import osr

        source, target = osr.SpatialReference(), osr.SpatialReference()
        if source.SetFromUserInput(crs) != 0:
            raise ValueError(f"unknown coordinate reference system {crs!r}")
        target.ImportFromEPSG(27700)
        for ref in (source, target):  # x = longitude/easting, y = latitude/northing
            ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self._transform = osr.CoordinateTransformation(source, target)

    def transform(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(x) == 0:
            return np.asarray(x, float), np.asarray(y, float)
        points = np.column_stack([x, y])
        # GDAL keeps the GIL through a call (1.3 us a point): a slice at a time (gil_slices)
        out = np.concatenate([
            np.asarray(self._transform.TransformPoints(points[a:a + TRANSFORM_SLICE]), float)
            for a in gil_slices.starts(len(points), TRANSFORM_SLICE)])
        return out[:, 0], out[:, 1]


def load_osr_in_background() -> None:
    """Start loading GDAL's OSR module on a thread of its own, if no one has yet: in a fresh
    process the import takes 0.1 s, which the first chunk's transformation waited for while
    the store waited for the first chunk. Begun before the file is opened, it overlaps the
    opening and Arrow's read of the first rows (which let go of the GIL). Only the module:
    transformers are still made by the thread that uses them (``transformer_to_bng``)."""
    if "osgeo.osr" not in sys.modules:
        threading.Thread(target=_import_quietly, args=("osgeo.osr",), name="scribe-load-osr",
                         daemon=True).start()


def _import_quietly(module: str) -> None:
    try:
        importlib.import_module(module)
    except ImportError:  # pragma: no cover (QGIS ships GDAL); the user's thread will say so
        pass


def transformer_to_bng(crs: str) -> _ToBng:
    """A transformer for the calling thread (transformations must not cross threads; imports
    run in QGIS task threads, which come and go)."""
    return _transformer(crs, threading.get_ident())


@lru_cache(maxsize=32)
def _transformer(crs: str, thread: int) -> _ToBng:
    return _ToBng(crs)


def transform_unique(crs: str, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Transform each distinct point once: police.uk snaps incidents to a finite set of
    anonymous points, so a million rows hold a few tens of thousands of places."""
    pairs = np.column_stack([x, y])
    # one complex number per point: a 1-D unique, much quicker than np.unique(axis=0)
    unique, inverse = np.unique(pairs.view(np.complex128).ravel(), return_inverse=True)
    if len(unique) > 0.7 * len(pairs):  # hardly any repeats: skip the bookkeeping
        return transformer_to_bng(crs).transform(x, y)
    ux, uy = transformer_to_bng(crs).transform(unique.real, unique.imag)
    inverse = inverse.reshape(-1)
    return ux[inverse], uy[inverse]


def to_number(value) -> float | str:
    """A float, or the reason the cell is not a number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(",", "") if value is not None else ""
    try:
        number = float(text)
    except ValueError:
        return f"{str(value)[:40]!r} is not a number"
    if not math.isfinite(number):
        return f"{text!r} is not a usable coordinate"
    return number


def parse_latlon_text(value) -> tuple[float, float] | str:
    match = _LATLON_TEXT.match(str(value))
    if not match:
        return f"{str(value)[:40]!r} is not a '(latitude, longitude)' pair"
    return float(match.group(2)), float(match.group(1))  # x = lon, y = lat


def looks_swapped(x: np.ndarray, y: np.ndarray, degrees: bool) -> bool:
    """True when most points make sense only with x and y exchanged."""
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() == 0:
        return False
    x, y = x[ok], y[ok]
    if degrees:
        as_given = _within(x, GB_LON) & _within(y, GB_LAT)
        swapped = _within(y, GB_LON) & _within(x, GB_LAT)
    else:
        # eastings stop at 700 km, northings go to 1,300 km: a "easting" beyond 700 km is a
        # northing (in the south, where both are below 700 km, the area filter decides)
        as_given = _within(x, GRID_X) & _within(y, GRID_Y)
        swapped = _within(y, GRID_X) & _within(x, GRID_Y) & (x > GRID_X[1])
    return bool(swapped.mean() > 0.5 and as_given.mean() < 0.5)


def swapped_in_area(x: np.ndarray, y: np.ndarray, area: AreaFilter) -> bool:
    """True when most BNG points fall inside the area only with x and y exchanged."""
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() == 0:
        return False
    inside = area.contains(x[ok], y[ok]).mean()
    return bool(area.contains(y[ok], x[ok]).mean() > 0.5 and inside < 0.5)


def _within(v: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    return (v >= bounds[0]) & (v <= bounds[1])


def maybe_wrong_kind(x: np.ndarray, y: np.ndarray, spec: PointSpec) -> np.ndarray:
    """Rows ``wrong_kind_reason`` must look at (vectorised screen)."""
    if not spec.is_degrees:
        return np.zeros(len(x), dtype=bool)
    with np.errstate(invalid="ignore"):
        return (np.abs(y) > 90) | (np.abs(x) > 180) | ((x == 0) & (y == 0))


def wrong_kind_reason(x: float, y: float, spec: PointSpec) -> str | None:
    """Why a pair of numbers cannot be this spec's kind of coordinate, if it cannot."""
    if spec.is_degrees:
        if abs(y) > 90 or abs(x) > 180:
            if 0 <= x <= GRID_X[1] and 0 <= y <= GRID_Y[1]:
                return (f"({x:g}, {y:g}) are not longitude/latitude: they look like British "
                        "National Grid easting/northing; map those columns as easting and "
                        "northing (EPSG:27700)")
            return f"({x:g}, {y:g}) are not a longitude and latitude"
        if x == 0 and y == 0:
            return "longitude and latitude are both 0 (a missing location written as 0?)"
    return None


class AreaFilter:
    """The partnership's area (a polygon in BNG), for rejecting points outside it."""

    def __init__(self, geometry, name: str = "the partnership area"):
        import shapely

        self.geometry = geometry
        self.name = name
        shapely.prepare(geometry)

    @classmethod
    def from_file(cls, path: Path | str, buffer_m: float = 0.0) -> AreaFilter:
        import pyogrio
        import shapely

        frame = pyogrio.read_dataframe(path)
        if frame.crs is None:
            raise ValueError(f"{Path(path).name}: the boundary file has no CRS")
        frame = frame.to_crs(BNG)
        area = shapely.union_all(shapely.make_valid(np.asarray(frame.geometry.values)))
        if buffer_m:
            area = area.buffer(buffer_m)
        return cls(area, Path(path).stem)

    def contains(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        import shapely

        return shapely.contains_xy(self.geometry, x, y)
