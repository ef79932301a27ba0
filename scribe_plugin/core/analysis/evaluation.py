"""Did the response work, and do the hotspots predict? Measures from the crime-prevention
evaluation literature, with the papers' definitions.

Response (SARA's Assessment), for a response area A, a buffer B around it (where crime could
be displaced to, or benefits diffuse to) and a control area C, with counts before (0) and
after (1):

* Weighted Displacement Quotient (Bowers & Johnson 2003):
  success measure SM = A1/C1 - A0/C0 (negative: A improved relative to C),
  buffer displacement measure BDM = B1/C1 - B0/C0, and WDQ = BDM / SM.
  Interpreted only when SM < 0: WDQ > 1 diffusion of benefits larger than the direct effect;
  0 < WDQ <= 1 diffusion of benefits; WDQ = 0 neither; -1 <= WDQ < 0 some displacement, but
  less than the direct benefit (net success); WDQ < -1 displacement larger than the benefit.
* Total net effect (Bowers & Johnson 2003): TNE = [A0 * C1/C0 - A1] + [B0 * C1/C0 - B1],
  incidents prevented (positive) once the control area's trend is allowed for.
* Relative effect size (Welsh & Farrington's odds ratio): RES = (A0 * C1) / (A1 * C0) (above
  1: A fell relative to C), with var(ln RES) = 1/A0 + 1/A1 + 1/C0 + 1/C1, a 95 % interval and
  a two-sided z-test p-value.

Hotspot accuracy (for choosing bandwidth and cell size by evidence):

* Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008): PAI = (n / N) / (a / A): the
  hit rate (share of the test period's N incidents that fall in the hotspots, n) over the
  share of the study area the hotspots cover (a of A).
* Recapture Rate Index (Levine 2008): RRI = (n2 / n1) / (N2 / N1): incidents in the hotspots
  in the test period (n2) over the fitting period (n1), relative to the change in all
  incidents (N2 / N1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ResponseCounts:
    target_before: float
    target_after: float
    buffer_before: float
    buffer_after: float
    control_before: float
    control_after: float


@dataclass(frozen=True)
class Displacement:
    success_measure: float        # SM
    buffer_measure: float         # BDM
    wdq: float                    # NaN when SM is 0 or the control area has no incidents
    interpretation: str
    total_net_effect: float       # incidents prevented (negative: added)


@dataclass(frozen=True)
class EffectSize:
    res: float                    # relative effect size (odds ratio)
    low: float                    # 95 % interval
    high: float
    p_value: float


def weighted_displacement(c: ResponseCounts) -> Displacement:
    if c.control_before <= 0 or c.control_after <= 0:
        return Displacement(math.nan, math.nan, math.nan,
                            "not measurable: the control area needs incidents in both periods",
                            math.nan)
    sm = c.target_after / c.control_after - c.target_before / c.control_before
    bdm = c.buffer_after / c.control_after - c.buffer_before / c.control_before
    trend = c.control_after / c.control_before
    tne = (c.target_before * trend - c.target_after) + (c.buffer_before * trend -
                                                        c.buffer_after)
    if sm >= 0:
        return Displacement(sm, bdm, bdm / sm if sm else math.nan,
                            "no success to weigh: the response area did not improve relative "
                            "to the control area (SM >= 0), so the WDQ is not interpreted", tne)
    wdq = bdm / sm
    return Displacement(sm, bdm, wdq, interpret_wdq(wdq), tne)


def interpret_wdq(wdq: float) -> str:
    """Bowers & Johnson's reading of a WDQ, for a response that worked (SM < 0)."""
    if wdq > 1:
        return "diffusion of benefits larger than the direct effect: a success"
    if wdq > 0:
        return "diffusion of benefits to the buffer: a success"
    if wdq == 0:
        return "neither displacement nor diffusion"
    if wdq >= -1:
        return "some displacement to the buffer, smaller than the direct benefit: a net success"
    return "displacement larger than the direct benefit: a net failure"


def relative_effect_size(target_before: float, target_after: float, control_before: float,
                         control_after: float) -> EffectSize:
    counts = (target_before, target_after, control_before, control_after)
    if min(counts) <= 0:
        return EffectSize(math.nan, math.nan, math.nan, math.nan)
    from scipy.stats import norm

    res = (target_before * control_after) / (target_after * control_before)
    se = math.sqrt(sum(1.0 / v for v in counts))
    z = math.log(res) / se
    return EffectSize(res, math.exp(math.log(res) - 1.959963984540054 * se),
                      math.exp(math.log(res) + 1.959963984540054 * se),
                      float(2 * norm.sf(abs(z))))


def pai(hits: float, total: float, hotspot_area: float, study_area: float) -> float:
    """Chainey, Tompson & Uhlig's Predictive Accuracy Index."""
    if total <= 0 or hotspot_area <= 0 or study_area <= 0:
        return math.nan
    return (hits / total) / (hotspot_area / study_area)


def rri(hits_fit: float, hits_test: float, total_fit: float, total_test: float) -> float:
    """Levine's Recapture Rate Index."""
    if hits_fit <= 0 or total_fit <= 0 or total_test <= 0:
        return math.nan
    return (hits_test / hits_fit) / (total_test / total_fit)


def top_cells(surface: np.ndarray, coverage_pct: float, study: np.ndarray | None = None
              ) -> np.ndarray:
    """The hotspot mask: the highest-valued cells of the study area covering
    ``coverage_pct`` per cent of it (ties at the threshold broken by position, so the
    coverage is exact); cells with a zero surface are never hotspots."""
    values = np.asarray(surface, dtype=np.float64)
    inside = np.ones(values.shape, dtype=bool) if study is None else np.asarray(study, bool)
    flat = np.flatnonzero(inside.ravel())
    k = int(round(flat.size * coverage_pct / 100.0))
    mask = np.zeros(values.size, dtype=bool)
    if k <= 0:
        return mask.reshape(values.shape)
    order = flat[np.argsort(-values.ravel()[flat], kind="stable")][:k]
    order = order[values.ravel()[order] > 0]
    mask[order] = True
    return mask.reshape(values.shape)
