"""Trend tests for many series at once: Mann-Kendall (with tie correction) and Sen's slope.

Pure numpy/scipy, vectorised over cells: ``y`` has one row per cell (grid cell, ward, LSOA)
and one column per period, oldest first. Definitions follow Mann (1945), Kendall (1975) and
Gilbert (1987), as in pymannkendall's ``original_test`` (which the tests check against):

* S = sum over i < j of sign(y_j - y_i);
* Var(S) = [n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)] / 18 (crime counts tie a lot);
* Z = (S - sign(S)) / sqrt(Var(S)) (continuity correction), p two-sided from the normal;
* tau = S / (n(n-1)/2);
* Sen's slope = median of (y_j - y_i) / (j - i) over i < j; intercept (Conover 1980) =
  median(y) - median(0..n-1) * slope.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PAIR_BUDGET = 8_000_000  # values per chunk for the pairwise slopes (~64 MB of float64)


@dataclass(frozen=True)
class MannKendallResult:
    s: np.ndarray
    var_s: np.ndarray
    z: np.ndarray
    p: np.ndarray
    tau: np.ndarray
    trend: np.ndarray  # +1 increasing, -1 decreasing, 0 no trend (at the chosen alpha)
    slope: np.ndarray | None = None
    intercept: np.ndarray | None = None


def _as_rows(y) -> np.ndarray:
    """Series as a 2-D array; integer counts keep their integer dtype (the fast path)."""
    values = np.asarray(y)
    if values.dtype.kind not in "iuf" and values.dtype != bool:
        values = values.astype(np.float64)
    if values.dtype == bool:
        values = values.astype(np.int16)
    if values.ndim == 1:
        values = values[None, :]
    if values.ndim != 2:
        raise ValueError("give one row per series and one column per period")
    if values.shape[1] < 3:
        raise ValueError(f"a trend needs at least 3 periods (got {values.shape[1]})")
    if values.dtype.kind == "f" and not np.all(np.isfinite(values)):
        raise ValueError("series must not contain NaN or infinite values")
    return values


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")


def _score_and_variance(values: np.ndarray, counts: bool) -> tuple[np.ndarray, np.ndarray]:
    """S and its tie-corrected variance for every row."""
    n = values.shape[1]
    var_s = (n * (n - 1) * (2 * n + 5) - tie_term(values, counts)) / 18.0
    return mk_score(values, counts), var_s


def _is_counts(y: np.ndarray) -> bool:
    """Whether every value is a whole number small enough for exact integer arithmetic."""
    if y.dtype.kind in "iu":
        return bool(np.abs(y).max(initial=0) < 2**30)
    return bool(np.all(np.abs(y) < 2**30) and np.all(y == np.round(y)))


def _compact_dtype(y: np.ndarray, counts: bool):
    """The narrowest dtype in which every pairwise difference of ``y`` is exact.

    Crime counts fit int16, which halves the memory traffic of float32 and is what makes
    the per-lag sweep fast (it is memory-bound)."""
    if counts:
        return np.int16 if np.abs(y).max(initial=0) < 2**14 else np.int32
    return np.float64


def mk_score(y: np.ndarray, counts: bool | None = None) -> np.ndarray:
    """S for every row. Periods become the leading axis so each lag is one contiguous vector
    operation over all cells (no pair index arrays)."""
    n = y.shape[1]
    dtype = _compact_dtype(y, _is_counts(y) if counts is None else counts)
    by_period = np.ascontiguousarray(y.T, dtype=dtype)
    s = np.zeros(y.shape[0], dtype=np.int64)
    # one work buffer for every lag: fresh temporaries per lag cost more in page faults
    # than the arithmetic itself
    work = np.empty((n - 1, y.shape[0]), dtype=dtype)
    total_type = np.int64 if dtype == np.float64 else np.int32
    for lag in range(1, n):
        diff = work[: n - lag]
        np.subtract(by_period[lag:], by_period[:-lag], out=diff)
        np.sign(diff, out=diff)
        s += diff.sum(axis=0, dtype=total_type).astype(np.int64)
    return s


def tie_term(y: np.ndarray, counts: bool | None = None) -> np.ndarray:
    """Sum over each row's tie groups of t(t-1)(2t+5).

    Rows are sorted, and each value's rank r within its run of equal values found with a
    running maximum; since f(t) = t(t-1)(2t+5) grows by f(r+1) - f(r) = 6r^2 + 12r per
    extra member, the sum over rows of 6r^2 + 12r is the tie term, without any per-group
    bookkeeping (and with small, cache-friendly temporaries)."""
    n = y.shape[1]
    dtype = _compact_dtype(y, _is_counts(y) if counts is None else counts)
    ordered = np.sort(np.asarray(y, dtype=dtype), axis=1)
    starts_group = np.empty(ordered.shape, dtype=bool)
    starts_group[:, 0] = True
    np.not_equal(ordered[:, 1:], ordered[:, :-1], out=starts_group[:, 1:])
    position = np.arange(n, dtype=np.int32)
    group_start = np.where(starts_group, position, np.int32(0))
    np.maximum.accumulate(group_start, axis=1, out=group_start)
    rank = (position - group_start).astype(np.float64)
    return (6.0 * rank * rank + 12.0 * rank).sum(axis=1)


def sens_slope(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Theil-Sen slope per row, and Conover's intercept."""
    rows, n = y.shape
    i, j = np.triu_indices(n, 1)
    step = (j - i).astype(np.float64)
    chunk = max(1, PAIR_BUDGET // len(i))
    slope = np.empty(rows)
    for start in range(0, rows, chunk):
        block = y[start:start + chunk].astype(np.float64)
        slope[start:start + chunk] = np.median((block[:, j] - block[:, i]) / step, axis=1)
    intercept = np.median(y.astype(np.float64), axis=1) - np.median(np.arange(n)) * slope
    return slope, intercept


def mann_kendall(y, alpha: float = 0.05, with_slope: bool = True) -> MannKendallResult:
    """Mann-Kendall test (tie-corrected) for every row of ``y``; Sen's slope if asked."""
    _check_alpha(alpha)
    values = _as_rows(y)
    n = values.shape[1]
    s, var_s = _score_and_variance(values, _is_counts(values))
    z, p, trend = _z_p_trend(s, var_s, alpha)
    tau = s / (0.5 * n * (n - 1))
    slope = intercept = None
    if with_slope:
        slope, intercept = sens_slope(values)
    return MannKendallResult(s, var_s, z, p, tau, trend, slope, intercept)


def _rank_rows(values: np.ndarray) -> np.ndarray:
    """Average ranks (1..n) within each row, as scipy.stats.rankdata(axis=1)."""
    from scipy.stats import rankdata

    return rankdata(values, axis=1)


def _autocorrelation(values: np.ndarray, max_lag: int) -> np.ndarray:
    """Sample autocorrelation at lags 0..max_lag per row (the biased estimator, divided by n)."""
    centred = values - values.mean(axis=1, keepdims=True)
    denominator = np.einsum("ij,ij->i", centred, centred)
    acf = np.empty((values.shape[0], max_lag + 1))
    for lag in range(max_lag + 1):
        acf[:, lag] = np.einsum("ij,ij->i", centred[:, lag:], centred[:, :values.shape[1] - lag])
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator[:, None] > 0, acf / denominator[:, None], 0.0)


def hamed_rao_factor(values: np.ndarray, slope: np.ndarray, alpha: float = 0.05,
                     lags: int | None = None) -> np.ndarray:
    """n/n*s of Hamed & Rao (1998), eq. 22: the variance inflation for autocorrelated series.

    The series is detrended with Sen's slope, ranked, and the autocorrelations rho_s(i) of the
    ranks that are significant at ``alpha`` (outside +-z(1-alpha/2)/sqrt(n)) enter
    n/n*s = 1 + 2 / (n(n-1)(n-2)) * sum (n-i)(n-i-1)(n-i-2) rho_s(i), with rho_s(i) signed as
    in the paper (pymannkendall releases after 1.4.3 take its absolute value; we do not).
    ``lags`` limits i to the first lags (the paper suggests 3); default all n-1.
    """
    from scipy.special import ndtri  # here, not at import: the provider loads every algorithm

    n = values.shape[1]
    max_lag = n - 1 if lags is None else min(int(lags), n - 1)
    detrended = values - np.arange(1, n + 1)[None, :] * slope[:, None]
    acf = _autocorrelation(_rank_rows(detrended), max_lag)[:, 1:]
    bound = ndtri(1 - alpha / 2) / np.sqrt(n)
    lag = np.arange(1, max_lag + 1)
    coefficient = (n - lag) * (n - lag - 1) * (n - lag - 2)
    significant = (acf > bound) | (acf < -bound)
    total = (np.where(significant, acf, 0.0) * coefficient).sum(axis=1)
    return 1.0 + 2.0 / (n * (n - 1) * (n - 2)) * total


def _z_p_trend(s: np.ndarray, var_s: np.ndarray, alpha: float):
    from scipy.special import ndtr, ndtri

    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(s > 0, (s - 1) / np.sqrt(var_s),
                     np.where(s < 0, (s + 1) / np.sqrt(var_s), 0.0))
    z = np.where(var_s > 0, z, 0.0)  # a constant series has no trend
    p = 2.0 * ndtr(-np.abs(z))
    significant = np.abs(z) > ndtri(1 - alpha / 2)
    trend = np.where(significant, np.sign(z), 0).astype(np.int8)
    return z, p, trend


def hamed_rao_test(y, alpha: float = 0.05, lags: int | None = None) -> MannKendallResult:
    """Mann-Kendall with Hamed & Rao's (1998) autocorrelation correction of Var(S)."""
    _check_alpha(alpha)
    values = _as_rows(y)
    n = values.shape[1]
    s, var_s = _score_and_variance(values, _is_counts(values))
    slope, intercept = sens_slope(values)
    var_s = var_s * hamed_rao_factor(values.astype(np.float64), slope, alpha, lags)
    z, p, trend = _z_p_trend(s, var_s, alpha)
    return MannKendallResult(s, var_s, z, p, s / (0.5 * n * (n - 1)), trend, slope, intercept)


def seasonal_test(y, period: int = 12, alpha: float = 0.05,
                  with_slope: bool = True) -> MannKendallResult:
    """Seasonal Mann-Kendall (Hirsch, Slack & Smith 1982; Hirsch & Slack 1984 without the
    covariance term): S and Var(S) summed over seasons (months of the year for monthly data),
    each season tested on its own values; slope is the seasonal Kendall slope (median of the
    within-season slopes, per year) and tau is S over the summed pair counts.

    The series need not cover whole years: the last, partial year adds one value to the
    seasons it reaches (as pymannkendall's padding does)."""
    _check_alpha(alpha)
    values = np.asarray(y)
    if values.ndim == 1:
        values = values[None, :]
    if period < 2:
        raise ValueError("a season needs a period of at least 2")
    if values.ndim != 2 or values.shape[1] < 2 * period:
        raise ValueError(f"the seasonal test needs at least two full seasons of {period} periods")
    values = _as_rows(values)  # the shared NaN and dtype checks
    counts = _is_counts(values)
    s = np.zeros(values.shape[0], dtype=np.int64)
    var_s = np.zeros(values.shape[0])
    pairs = 0.0
    slopes = []
    for season in range(period):
        part = values[:, season::period]
        m = part.shape[1]
        season_s, season_var = _score_and_variance(part, counts)
        s += season_s
        var_s += season_var
        pairs += 0.5 * m * (m - 1)
        if with_slope:
            i, j = np.triu_indices(m, 1)
            part64 = part.astype(np.float64)
            slopes.append((part64[:, j] - part64[:, i]) / (j - i))
    z, p, trend = _z_p_trend(s, var_s, alpha)
    slope = intercept = None
    if with_slope:
        slope = np.median(np.concatenate(slopes, axis=1), axis=1)
        intercept = (np.median(values.astype(np.float64), axis=1)
                     - np.median(np.arange(values.shape[1])) / period * slope)
    return MannKendallResult(s, var_s, z, p, s / pairs, trend, slope, intercept)
