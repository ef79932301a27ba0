"""Dual KDE: the ratio or the difference of two density surfaces on one grid.

Ratio (e.g. burglaries per dwelling: incidents over a population at risk) is only meaningful
where the denominator has some density: cells whose denominator is below
``min_denominator`` are left out (NaN) instead of exploding towards infinity. Difference (e.g.
this year minus last year) is defined everywhere. Both surfaces come from the same KDE engine
with the same grid, kernel and bandwidth, so they line up cell for cell.
"""

from __future__ import annotations

import numpy as np

from .kde import GridSpec, KdeParams, kde

OPERATIONS = ("ratio", "difference")


def combine(numerator: np.ndarray, denominator: np.ndarray, operation: str,
            min_denominator: float = 0.0) -> np.ndarray:
    """``numerator / denominator`` (NaN where the denominator is below ``min_denominator``
    or zero) or ``numerator - denominator``, as float64."""
    a = np.asarray(numerator, dtype=np.float64)
    b = np.asarray(denominator, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"surfaces differ in shape: {a.shape} and {b.shape}")
    if operation == "difference":
        return a - b
    if operation != "ratio":
        raise ValueError(f"operation must be one of {OPERATIONS}")
    usable = (b > 0) & (b >= min_denominator)
    out = np.full(a.shape, np.nan)
    np.divide(a, b, out=out, where=usable)
    return out


def dual_kde(a: tuple[np.ndarray, np.ndarray, np.ndarray | None],
             b: tuple[np.ndarray, np.ndarray, np.ndarray | None], grid: GridSpec,
             params: KdeParams, operation: str, min_denominator: float = 0.0,
             scale: float = 1.0, mode: str = "fast", memory_limit_bytes: int | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(combined, surface a, surface b): the surfaces scaled by ``scale`` (e.g. 1e6 for per
    km^2) before combining, so ``min_denominator`` is in the output's density units."""
    surfaces = []
    for x, y, w in (a, b):
        surface = kde(x, y, grid, params, weights=w, mode=mode,
                      memory_limit_bytes=memory_limit_bytes).astype(np.float64)
        surface *= scale
        surfaces.append(surface)
    return combine(surfaces[0], surfaces[1], operation, min_denominator), *surfaces
