"""Incidents over time: counts per period, change between periods, and when in the week.

Pure numpy/scipy. Times are int64 *wall-clock* milliseconds: local date and time written as if
they were UTC (the Processing readers convert to the partnership's time zone first), so an
incident at 23:30 BST is in hour 23 of its own day, and periods and hours need no time-zone
arithmetic here. Durations across a clock change are therefore off by the hour the clocks
moved, which aoristic hour weights can live with.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PERIODS = ("day", "week", "month", "quarter", "year")
MS_PER_HOUR = 3_600_000
MS_PER_DAY = 24 * MS_PER_HOUR
MS_PER_WEEK = 7 * MS_PER_DAY
_MONDAY_SHIFT_MS = 3 * MS_PER_DAY  # 1970-01-01 was a Thursday; shift so weeks start on Monday
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class TemporalError(ValueError):
    """Input that no period count or profile can be made from (the message says why)."""


# -- periods -----------------------------------------------------------------------------------

def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise TemporalError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")


def period_keys(times_ms: np.ndarray, period: str) -> np.ndarray:
    """A consecutive integer per period (days since 1970, Monday-weeks since 1970, months since
    year 0, quarters, years), so neighbouring periods differ by exactly 1."""
    _check_period(period)
    t = np.asarray(times_ms, dtype=np.int64)
    if period == "day":
        return t // MS_PER_DAY
    if period == "week":
        return (t + _MONDAY_SHIFT_MS) // MS_PER_WEEK
    months = t.astype("datetime64[ms]").astype("datetime64[M]").astype(np.int64) + 1970 * 12
    if period == "month":
        return months
    if period == "quarter":
        return months // 3
    return months // 12


def period_start(keys: np.ndarray, period: str) -> np.ndarray:
    """The first day of each period, as datetime64[D]."""
    _check_period(period)
    k = np.asarray(keys, dtype=np.int64)
    if period == "day":
        return k.astype("datetime64[D]")
    if period == "week":
        return (k * 7 - 3).astype("datetime64[D]")
    months = {"month": k, "quarter": k * 3, "year": k * 12}[period] - 1970 * 12
    return months.astype("datetime64[M]").astype("datetime64[D]")


def period_days(keys: np.ndarray, period: str) -> np.ndarray:
    """Length of each period in days (the exposure of a count: February is shorter)."""
    k = np.asarray(keys, dtype=np.int64)
    return (period_start(k + 1, period) - period_start(k, period)).astype(np.int64)


def period_labels(keys: np.ndarray, period: str) -> list[str]:
    """Human labels: 2024-03-05, 2024-W10 (ISO week of its Monday), 2024-03, 2024-Q1, 2024."""
    _check_period(period)
    starts = period_start(keys, period)
    if period == "day":
        return [str(d) for d in starts]
    if period == "week":
        import datetime as _dt

        out = []
        for d in starts:
            year, week, _ = _dt.date.fromisoformat(str(d)).isocalendar()
            out.append(f"{year}-W{week:02d}")
        return out
    if period == "month":
        return [str(d)[:7] for d in starts]
    if period == "quarter":
        return [f"{str(d)[:4]}-Q{(int(str(d)[5:7]) - 1) // 3 + 1}" for d in starts]
    return [str(d)[:4] for d in starts]


@dataclass(frozen=True)
class PeriodCounts:
    """counts[g, p]: incidents of group g in period first_key + p (every period in between,
    zeros included, so series are regular)."""

    counts: np.ndarray
    first_key: int
    period: str

    @property
    def keys(self) -> np.ndarray:
        return self.first_key + np.arange(self.counts.shape[1])

    @property
    def labels(self) -> list[str]:
        return period_labels(self.keys, self.period)


def count_by_period(times_ms: np.ndarray, period: str, groups: np.ndarray | None = None,
                    n_groups: int = 1, first_key: int | None = None,
                    last_key: int | None = None) -> PeriodCounts:
    """Incidents per group and period. ``groups`` holds each incident's group index (0..n-1);
    incidents with a negative group (outside every area) are left out."""
    t = np.asarray(times_ms, dtype=np.int64)
    if t.size == 0:
        raise TemporalError("no incidents with a date to count")
    keys = period_keys(t, period)
    g = np.zeros(t.size, dtype=np.int64) if groups is None else np.asarray(groups, np.int64)
    lo = int(keys.min()) if first_key is None else int(first_key)
    hi = int(keys.max()) if last_key is None else int(last_key)
    if hi < lo:
        raise TemporalError("the last period is before the first")
    keep = (g >= 0) & (g < n_groups) & (keys >= lo) & (keys <= hi)
    width = hi - lo + 1
    flat = g[keep] * width + (keys[keep] - lo)
    counts = np.bincount(flat, minlength=n_groups * width).reshape(n_groups, width)
    return PeriodCounts(counts, lo, period)


def moving_average(counts: np.ndarray, window: int) -> np.ndarray:
    """Trailing mean over ``window`` periods (NaN until a full window exists)."""
    c = np.atleast_2d(np.asarray(counts, dtype=np.float64))
    if window < 1:
        raise TemporalError("the moving-average window must be at least 1 period")
    out = np.full(c.shape, np.nan)
    if window > c.shape[1]:
        return out
    cumulative = np.cumsum(np.pad(c, ((0, 0), (1, 0))), axis=1)
    out[:, window - 1:] = (cumulative[:, window:] - cumulative[:, :-window]) / window
    return out


def percent_change(current: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """100 * (current - previous) / previous; NaN where the previous count is 0."""
    cur = np.asarray(current, dtype=np.float64)
    prev = np.asarray(previous, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(prev > 0, 100.0 * (cur - prev) / prev, np.nan)


def rate_change_p(current: np.ndarray, previous: np.ndarray,
                  days_current: np.ndarray | float = 1.0,
                  days_previous: np.ndarray | float = 1.0) -> np.ndarray:
    """Two-sided p-value that two Poisson counts share one rate per day.

    The exact conditional test (Przyborowski & Wilenski 1940): given the total n = c1 + c0,
    c1 ~ Binomial(n, d1 / (d1 + d0)) when the rates are equal; the two-sided p doubles the
    smaller tail (capped at 1). Exposures in days make a 31-day month comparable with
    February. NaN where both counts are 0 (nothing to test)."""
    from scipy.stats import binom

    c1 = np.asarray(current, dtype=np.float64)
    c0 = np.asarray(previous, dtype=np.float64)
    d1 = np.asarray(days_current, dtype=np.float64)
    d0 = np.asarray(days_previous, dtype=np.float64)
    n = c1 + c0
    share = d1 / (d1 + d0)
    lower = binom.cdf(c1, n, share)
    upper = binom.sf(c1 - 1, n, share)
    p = np.minimum(1.0, 2.0 * np.minimum(lower, upper))
    return np.where(n > 0, p, np.nan)


# -- when in the week: aoristic hour x weekday ------------------------------------------------

def hour_of_week(times_ms: np.ndarray) -> np.ndarray:
    """0..167: Monday 00:00-00:59 is 0, Sunday 23:00-23:59 is 167."""
    t = np.asarray(times_ms, dtype=np.int64) + _MONDAY_SHIFT_MS
    return (t % MS_PER_WEEK) // MS_PER_HOUR


def _time_in_hour_of_week_before(t_shifted: np.ndarray) -> np.ndarray:
    """For times since a Monday 00:00, how much time before each one fell in each hour of
    the week: G[i, h] = whole weeks * 1 h + the part of hour h in the current week."""
    weeks = t_shifted // MS_PER_WEEK
    into_week = t_shifted - weeks * MS_PER_WEEK
    hour_starts = np.arange(168, dtype=np.int64) * MS_PER_HOUR
    part = np.clip(into_week[:, None] - hour_starts[None, :], 0, MS_PER_HOUR)
    return weeks[:, None] * MS_PER_HOUR + part


@dataclass(frozen=True)
class WeekProfile:
    matrix: np.ndarray  # 7 x 24, Monday first: the (aoristic) incident count
    exact: int  # incidents with one time
    apportioned: int  # incidents spread over a time window
    too_long: int  # windows longer than the limit, left out


def aoristic_weights(start_ms: np.ndarray, end_ms: np.ndarray) -> np.ndarray:
    """Each incident's share of itself in each of the 168 hours of the week (rows sum to 1).

    A window [start, end) is spread in proportion to the time it spends in each hour
    (Ratcliffe 2002): 02:30-04:30 gives 30 min to 02:00, 60 to 03:00 and 30 to 04:00, so
    weights 0.25, 0.5, 0.25. ``end <= start`` means an exact time (weight 1 in its hour)."""
    s = np.asarray(start_ms, dtype=np.int64) + _MONDAY_SHIFT_MS
    e = np.asarray(end_ms, dtype=np.int64) + _MONDAY_SHIFT_MS
    out = np.zeros((s.size, 168))
    window = e > s
    exact = ~window
    out[np.flatnonzero(exact), ((s[exact] % MS_PER_WEEK) // MS_PER_HOUR)] = 1.0
    idx = np.flatnonzero(window)
    if idx.size:
        spent = (_time_in_hour_of_week_before(e[idx])
                 - _time_in_hour_of_week_before(s[idx])).astype(np.float64)
        out[idx] = spent / (e[idx] - s[idx])[:, None]
    return out


def week_profile(start_ms: np.ndarray, end_ms: np.ndarray | None = None,
                 max_window_hours: float = 0.0, chunk: int = 65_536) -> WeekProfile:
    """Hour-of-day x day-of-week counts; windows (when ``end_ms`` is given) apportioned
    aoristically. Windows longer than ``max_window_hours`` (0: no limit) are left out and
    counted, since a fortnight's window says little about the hour."""
    start = np.asarray(start_ms, dtype=np.int64)
    if start.size == 0:
        raise TemporalError("no incidents with a date to profile")
    end = start if end_ms is None else np.asarray(end_ms, dtype=np.int64)
    if end.shape != start.shape:
        raise TemporalError("start and end times differ in length")
    window = end > start
    too_long = np.zeros(start.size, dtype=bool)
    if max_window_hours > 0:
        too_long = window & ((end - start) > max_window_hours * MS_PER_HOUR)
    exact = ~window
    totals = np.bincount(hour_of_week(start[exact]), minlength=168).astype(np.float64)
    spread = np.flatnonzero(window & ~too_long)
    for first in range(0, spread.size, chunk):
        part = spread[first:first + chunk]
        totals += aoristic_weights(start[part], end[part]).sum(axis=0)
    return WeekProfile(totals.reshape(7, 24), int(exact.sum()), int(spread.size),
                       int(too_long.sum()))
