"""Emerging hot spot analysis: which cells are becoming, staying or ceasing to be hot spots.

A space-time cube holds counts[t, row, col] for each time step. Gi* is computed for each time
step over space (``hotspots_gi``); each cell's series of Gi* z-scores then gets a Mann-Kendall
trend test (``trends``), and the cell is put in one of the categories below, after the
definitions ESRI uses for its Emerging Hot Spot Analysis. "Hot" means a Gi* hot spot at the
chosen confidence in that time step; "the trend" is the Mann-Kendall test of the z-scores at
its own significance level. With T time steps, "90 % of the steps" means at least
ceil(0.9 T) steps.

Hot categories (cold ones mirror them with cold spots and the trend reversed):

* new: hot in the final step, never hot (and never cold) before.
* consecutive: hot in a single run of at least two steps ending with the final step, never
  hot before that run, never cold, and hot in fewer than 90 % of the steps.
* intensifying: hot in at least 90 % of the steps including the final one, and the z-scores
  increase significantly.
* persistent: hot in at least 90 % of the steps including the final one, with no
  significant trend in the z-scores.
* diminishing: hot in at least 90 % of the steps including the final one, and the z-scores
  decrease significantly.
* sporadic: hot in the final step, hot in some earlier step(s) with gaps (not one final
  run), hot in fewer than 90 % of the steps, and never cold.
* oscillating: hot in the final step, cold in at least one earlier step, hot in fewer than
  90 % of the steps (it takes precedence over new, consecutive and sporadic).
* historical: not hot in the final step, but hot in at least 90 % of the steps.

no pattern: none of the above (includes cells that were hot now and then but not in the final
step, and cells never significant).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import hotspots_gi, trends

NO_PATTERN = 0
HOT_CATEGORIES = ("new", "consecutive", "intensifying", "persistent", "diminishing",
                  "sporadic", "oscillating", "historical")
# codes: +1..+8 hot, -1..-8 cold, 0 no pattern
CATEGORY_CODES = {f"{name} hot spot": i + 1 for i, name in enumerate(HOT_CATEGORIES)}
CATEGORY_CODES.update({f"{name} cold spot": -(i + 1) for i, name in enumerate(HOT_CATEGORIES)})
CATEGORY_CODES["no pattern"] = NO_PATTERN
CATEGORY_NAMES = {code: name for name, code in CATEGORY_CODES.items()}


class EmergingError(ValueError):
    """Input the analysis cannot run on (the message says why)."""


@dataclass(frozen=True)
class EmergingResult:
    category: np.ndarray  # int8 codes (see CATEGORY_CODES), shape (rows, cols)
    z: np.ndarray  # Gi* z per time step, shape (T, rows, cols)
    significance: np.ndarray  # -1 cold / 0 / +1 hot per step, shape (T, rows, cols)
    trend_z: np.ndarray  # Mann-Kendall z of each cell's Gi* z-scores
    trend_p: np.ndarray
    hot_steps: np.ndarray
    cold_steps: np.ndarray


def _category_one_side(sig: np.ndarray, trend: np.ndarray, side: int) -> np.ndarray:
    """Codes 1..8 for the categories of one side (side=+1: hot, -1: cold) per cell, 0 if
    none. ``sig`` is (T, cells) of -1/0/+1, ``trend`` the trend direction per cell."""
    steps = sig.shape[0]
    this = sig == side
    other = sig == -side
    count = this.sum(axis=0)
    most = count >= int(np.ceil(0.9 * steps - 1e-9))
    final = this[-1]
    before = this[:-1]
    ever_before = before.any(axis=0)
    ever_other = other[:-1].any(axis=0)
    # length of the run of "this" that ends with the final step
    not_this = ~this[::-1]
    run = np.where(not_this.any(axis=0), np.argmax(not_this, axis=0), steps)
    single_final_run = count == run
    code = np.zeros(sig.shape[1], dtype=np.int8)
    rising = trend == side  # the z-scores move further towards this side
    falling = trend == -side
    mostly = final & most
    code[mostly & rising] = 3  # intensifying
    code[mostly & ~rising & ~falling] = 4  # persistent
    code[mostly & falling] = 5  # diminishing
    rest = final & ~most
    code[rest & ~ever_before & ~ever_other] = 1  # new
    code[rest & ~ever_before & ever_other] = 7  # oscillating: cold before, hot only now
    code[rest & ever_before & ever_other] = 7  # oscillating
    code[rest & ever_before & ~ever_other & single_final_run & (run >= 2)] = 2  # consecutive
    code[rest & ever_before & ~ever_other & ~single_final_run] = 6  # sporadic
    code[~final & most] = 8  # historical
    return code


def categorise(significance: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """Category codes per cell from per-step significance (T, ...) and trend direction."""
    sig = np.asarray(significance)
    shape = sig.shape[1:]
    flat = sig.reshape(sig.shape[0], -1)
    direction = np.asarray(trend).ravel()
    hot = _category_one_side(flat, direction, +1)
    cold = _category_one_side(flat, direction, -1)
    return np.where(hot > 0, hot, -cold).astype(np.int8).reshape(shape)


def emerging_hotspots(cube: np.ndarray, kernel: np.ndarray, confidence: float = 0.90,
                      trend_alpha: float = 0.05, fdr: bool = False,
                      progress=None) -> EmergingResult:
    """Run the analysis on counts[t, row, col] with a Gi* weights kernel.

    ``confidence`` makes a cell hot/cold in a step (0.90, 0.95 or 0.99); ``trend_alpha`` is the
    Mann-Kendall significance level; ``fdr`` applies Benjamini-Hochberg within each step.
    ``progress(fraction)`` may return True to cancel (then None is returned)."""
    counts = np.asarray(cube)
    if counts.ndim != 3:
        raise EmergingError("the space-time cube must be (time steps, rows, columns)")
    steps = counts.shape[0]
    if steps < 3:
        raise EmergingError(f"emerging hot spots need at least 3 time steps (got {steps})")
    if not 0 < confidence < 1:
        raise EmergingError("confidence must be between 0 and 1")
    z = np.empty(counts.shape)
    significance = np.zeros(counts.shape, dtype=np.int8)
    for t in range(steps):
        z[t], _ = hotspots_gi.gi_star_grid(counts[t], kernel)
        p = hotspots_gi.p_values(z[t])
        if fdr:
            p = hotspots_gi.benjamini_hochberg(p)
        significance[t] = np.where(p <= 1 - confidence, np.sign(z[t]), 0)
        if progress is not None and progress(0.8 * (t + 1) / steps):
            return None
    series = z.reshape(steps, -1).T
    mk = trends.mann_kendall(series, alpha=trend_alpha, with_slope=False)
    category = categorise(significance, mk.trend)
    if progress is not None:
        progress(1.0)
    shape = counts.shape[1:]
    return EmergingResult(category, z, significance, mk.z.reshape(shape), mk.p.reshape(shape),
                          (significance == 1).sum(axis=0), (significance == -1).sum(axis=0))
