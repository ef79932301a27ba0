"""Hotspot areas from a density grid: connected hot cells and what they contain."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .kde import GridSpec

EIGHT_CONNECTED = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True)
class RegionStats:
    incidents: float  # points (or total weight) whose cell lies in the region
    share_pct: float  # of all points (or weight)
    area_km2: float
    peak: float
    mean: float


def label_regions(hot: np.ndarray) -> tuple[np.ndarray, int]:
    """Label 8-connected groups of hot cells 1..n (0 = not hot)."""
    from scipy import ndimage  # here, not at import: the provider loads every algorithm

    labels, count = ndimage.label(hot, structure=EIGHT_CONNECTED)
    return labels.astype(np.int32), int(count)


def point_cells(grid: GridSpec, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row, column of the cell containing each point, and a mask of points inside the grid."""
    col = np.floor((x - grid.x0) / grid.cell).astype(np.int64)
    row = np.floor((grid.y_top - y) / grid.cell).astype(np.int64)
    inside = (col >= 0) & (col < grid.ncols) & (row >= 0) & (row < grid.nrows)
    return row * grid.ncols + col, inside


def region_statistics(labels: np.ndarray, count: int, surface: np.ndarray, grid: GridSpec,
                      x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
                      ) -> dict[int, RegionStats]:
    """Per region: incidents inside, share of all, area, peak and mean density."""
    from scipy import ndimage

    if count == 0:
        return {}
    flat, inside = point_cells(grid, x, y)
    w = np.ones_like(x, dtype=np.float64) if weights is None else weights.astype(np.float64)
    region_of_point = np.zeros(x.size, dtype=np.int64)
    region_of_point[inside] = labels.ravel()[flat[inside]]
    incidents = np.bincount(region_of_point, weights=w, minlength=count + 1)
    total = float(w.sum()) or 1.0
    index = np.arange(1, count + 1)
    cells = ndimage.sum(np.ones_like(surface), labels, index)
    peaks = ndimage.maximum(surface, labels, index)
    means = ndimage.mean(surface, labels, index)
    cell_km2 = grid.cell * grid.cell / 1e6
    return {int(i): RegionStats(float(incidents[i]), 100.0 * float(incidents[i]) / total,
                                float(cells[i - 1]) * cell_km2, float(peaks[i - 1]),
                                float(means[i - 1]))
            for i in index}
