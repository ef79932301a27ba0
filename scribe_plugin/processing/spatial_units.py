"""The places incidents are counted in: a regular grid, or the polygons of an area layer
(wards, LSOAs, beats). Points are assigned in bulk (grid arithmetic, or a shapely STRtree
query), never one QGIS geometry test per incident."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsRectangle,
)

from .. import compat
from ..core.analysis.kde import GridSpec

MAX_GRID_CELLS = 4_000_000


@dataclass
class SpatialUnits:
    labels: list[str]
    centroid_x: np.ndarray
    centroid_y: np.ndarray
    grid: GridSpec | None = None  # set for grids: unit k is row k // ncols, column k % ncols
    geometries: list[QgsGeometry] | None = None  # set for areas

    @property
    def count(self) -> int:
        return len(self.labels) if self.grid is None else self.grid.ncols * self.grid.nrows

    def assign(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Each point's unit index, -1 when it falls in none."""
        if self.grid is not None:
            g = self.grid
            # cells are half-open [left, right) x [bottom, top), like the columns, so a point
            # on a cell edge belongs to the cell to its right and above it
            cols = np.floor((x - g.x0) / g.cell).astype(np.int64)
            rows = np.ceil((g.y_top - y) / g.cell).astype(np.int64) - 1
            inside = (cols >= 0) & (cols < g.ncols) & (rows >= 0) & (rows < g.nrows)
            return np.where(inside, rows * g.ncols + cols, -1)
        return _assign_to_polygons(self.geometries, x, y)

    def geometry(self, index: int) -> QgsGeometry:
        if self.grid is None:
            return self.geometries[index]
        g = self.grid
        row, col = divmod(int(index), g.ncols)
        x0 = g.x0 + col * g.cell
        y1 = g.y_top - row * g.cell
        return QgsGeometry.fromRect(QgsRectangle(x0, y1 - g.cell, x0 + g.cell, y1))

    def union(self):
        """The areas as one shapely geometry (for 'inside the area' tests)."""
        import shapely

        return shapely.union_all(shapely.from_wkb(
            [bytes(self.geometry(i).asWkb()) for i in range(self.count)]))

    def label(self, index: int) -> str:
        if self.grid is None:
            return self.labels[index]
        row, col = divmod(int(index), self.grid.ncols)
        return f"r{row}c{col}"


def grid_units(x: np.ndarray, y: np.ndarray, cell: float,
               extent: tuple[float, float, float, float] | None = None) -> SpatialUnits:
    """A grid of ``cell`` squares covering ``extent`` (default: the points), edges on
    multiples of the cell size (so runs over other periods or categories line up)."""
    if not np.isfinite(cell) or cell <= 0:
        raise QgsProcessingException("The cell size must be a positive distance.")
    if x.size == 0:
        raise QgsProcessingException("No incidents with a location to put on a grid.")
    if extent is None:
        # from the points: the cells holding the extreme points, edges on multiples of cell
        x0 = np.floor(float(x.min()) / cell) * cell
        bottom = np.floor(float(y.min()) / cell) * cell
        ncols = int(np.floor((float(x.max()) - x0) / cell)) + 1
        nrows = int(np.floor((float(y.max()) - bottom) / cell)) + 1
    else:
        xmin, ymin, xmax, ymax = extent
        x0 = np.floor(xmin / cell) * cell
        bottom = np.floor(ymin / cell) * cell
        ncols = max(int(np.ceil((xmax - x0) / cell - 1e-9)), 1)
        nrows = max(int(np.ceil((ymax - bottom) / cell - 1e-9)), 1)
    grid = GridSpec(float(x0), float(bottom + nrows * cell), cell, ncols, nrows)
    if grid.ncols * grid.nrows > MAX_GRID_CELLS:
        raise QgsProcessingException(
            f"A {cell:g} cell grid over these incidents would have {grid.ncols * grid.nrows:,} "
            f"cells (limit {MAX_GRID_CELLS:,}); use a larger cell size or a smaller area.")
    xs, ys = grid.cell_centres()
    cx, cy = np.meshgrid(xs, ys)
    return SpatialUnits([], cx.ravel(), cy.ravel(), grid=grid)


def area_units(source, id_field: str, crs, context, feedback=None) -> SpatialUnits:
    """The polygons of an area layer, in ``crs``, labelled by ``id_field`` (or feature id)."""
    if source is None:
        raise QgsProcessingException("The area layer could not be opened.")
    if source.featureCount() == 0:
        raise QgsProcessingException(
            "The area layer has no features: choose a polygon layer with the areas to count in.")
    names = [f.name() for f in source.fields()]
    if id_field and id_field not in names:
        raise QgsProcessingException(f"The area layer has no field called {id_field!r}.")
    # Real boundary files often hold self-intersecting rings: repair them (and say so)
    # rather than refuse the whole layer, as Processing's default check would.
    request = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
    request.setInvalidGeometryCheck(QgsFeatureRequest.InvalidGeometryCheck.GeometryNoCheck)
    iterator = source.getFeatures(request, compat.SKIP_GEOMETRY_CHECKS) \
        if hasattr(source, "materialize") else source.getFeatures(request)
    labels, geometries, cx, cy = [], [], [], []
    repaired = 0
    for feature in iterator:
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
            repaired += 1
        labels.append(str(feature[id_field]) if id_field else str(feature.id()))
        geometries.append(QgsGeometry(geometry))
        centre = geometry.pointOnSurface().asPoint()
        cx.append(centre.x())
        cy.append(centre.y())
    if not geometries:
        raise QgsProcessingException("The area layer has no polygons with a geometry.")
    if repaired and feedback is not None:
        feedback.pushWarning(f"{repaired} invalid area geometries were repaired (makeValid).")
    return SpatialUnits(labels, np.array(cx), np.array(cy), geometries=geometries)


def _assign_to_polygons(geometries: list[QgsGeometry], x: np.ndarray,
                        y: np.ndarray) -> np.ndarray:
    try:
        import shapely
    except ImportError as error:
        raise QgsProcessingException(
            "Counting in areas needs the Python package shapely (see SCRIBE > Help > "
            "Missing packages).") from error
    polygons = shapely.from_wkb([bytes(g.asWkb()) for g in geometries])
    points = shapely.points(x, y)
    tree = shapely.STRtree(polygons)
    point_index, polygon_index = tree.query(points, predicate="intersects")
    out = np.full(x.size, -1, dtype=np.int64)
    # a point on a shared boundary matches two areas: the lower index wins, deterministically
    order = np.lexsort((polygon_index, point_index))
    point_index, polygon_index = point_index[order], polygon_index[order]
    first = np.ones(point_index.size, dtype=bool)
    first[1:] = point_index[1:] != point_index[:-1]
    out[point_index[first]] = polygon_index[first]
    return out
