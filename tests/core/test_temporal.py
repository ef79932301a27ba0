"""Periods, counts, change tests and aoristic hour-of-week profiles."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest

from scribe_plugin.core.analysis import temporal as tm


def ms(*stamps: str) -> np.ndarray:
    return np.array(stamps, dtype="datetime64[ms]").astype(np.int64)


def test_period_keys_are_consecutive_and_labelled():
    t = ms("2023-12-31T23:59", "2024-01-01T00:00", "2024-02-29T12:00", "2024-04-01")
    assert list(np.diff(tm.period_keys(t[:2], "day"))) == [1]
    assert tm.period_labels(tm.period_keys(t, "month"), "month") == [
        "2023-12", "2024-01", "2024-02", "2024-04"]
    assert tm.period_labels(tm.period_keys(t, "quarter"), "quarter") == [
        "2023-Q4", "2024-Q1", "2024-Q1", "2024-Q2"]
    # 2024-01-01 is a Monday: a new week starts there; 2023-12-31 is ISO week 52 of 2023
    weeks = tm.period_keys(t[:2], "week")
    assert weeks[1] - weeks[0] == 1
    assert tm.period_labels(weeks, "week") == ["2023-W52", "2024-W01"]
    assert list(tm.period_days(tm.period_keys(t[2:3], "month"), "month")) == [29]
    with pytest.raises(tm.TemporalError, match="unknown period"):
        tm.period_keys(t, "fortnight")


def test_counts_fill_empty_periods_and_drop_incidents_outside_areas():
    t = ms("2024-01-05", "2024-01-20", "2024-03-02", "2024-03-09")
    result = tm.count_by_period(t, "month", groups=np.array([0, 1, 1, -1]), n_groups=2)
    assert result.labels == ["2024-01", "2024-02", "2024-03"]
    np.testing.assert_array_equal(result.counts, [[1, 0, 0], [1, 0, 1]])
    with pytest.raises(tm.TemporalError, match="no incidents"):
        tm.count_by_period(np.array([], dtype=np.int64), "month")


def test_moving_average_and_percent_change():
    np.testing.assert_allclose(tm.moving_average([[2, 4, 6, 8]], 2), [[np.nan, 3, 5, 7]])
    np.testing.assert_allclose(tm.percent_change([15, 5, 3], [10, 10, 0]), [50, -50, np.nan])


def test_rate_change_p_is_the_doubled_exact_binomial_tail():
    cur, prev = np.array([30, 12, 5, 0]), np.array([18, 12, 9, 4])
    d1, d0 = np.array([31, 30, 28, 31]), np.array([31, 31, 31, 30])
    ours = tm.rate_change_p(cur, prev, d1, d0)
    for k in range(4):
        share = d1[k] / (d1[k] + d0[k])
        less = binomtest(int(cur[k]), int(cur[k] + prev[k]), share, "less").pvalue
        greater = binomtest(int(cur[k]), int(cur[k] + prev[k]), share, "greater").pvalue
        assert ours[k] == pytest.approx(min(1.0, 2 * min(less, greater)), abs=1e-12)
    assert np.isnan(tm.rate_change_p([0], [0])[0])


def test_aoristic_window_is_split_by_the_time_spent_in_each_hour():
    start = ms("2024-01-29T02:30")  # a Monday
    weights = tm.aoristic_weights(start, start + 2 * tm.MS_PER_HOUR)[0]
    assert list(np.flatnonzero(weights)) == [2, 3, 4]
    np.testing.assert_allclose(weights[[2, 3, 4]], [0.25, 0.5, 0.25])  # 30, 60, 30 minutes


def test_aoristic_windows_across_midnight_sunday_and_whole_weeks():
    sunday_night = ms("2024-02-04T23:00")
    w = tm.aoristic_weights(sunday_night, sunday_night + 2 * tm.MS_PER_HOUR)[0]
    np.testing.assert_allclose(w[[167, 0]], [0.5, 0.5])  # Sunday 23:00 and Monday 00:00
    week = tm.aoristic_weights(sunday_night, sunday_night + tm.MS_PER_WEEK)[0]
    np.testing.assert_allclose(week, np.full(168, 1 / 168))
    assert tm.aoristic_weights(sunday_night, sunday_night)[0][167] == 1.0


def test_week_profile_counts_exact_times_and_windows_and_leaves_out_long_windows():
    start = ms("2024-01-29T02:30", "2024-01-30T10:15", "2024-01-01T00:00")
    end = start.copy()
    end[0] += 2 * tm.MS_PER_HOUR
    end[2] += 30 * tm.MS_PER_DAY
    profile = tm.week_profile(start, end, max_window_hours=72)
    assert (profile.exact, profile.apportioned, profile.too_long) == (1, 1, 1)
    assert profile.matrix.sum() == pytest.approx(2.0)
    assert profile.matrix[1, 10] == 1.0  # Tuesday 10:00
    np.testing.assert_allclose(profile.matrix[0, 2:5], [0.25, 0.5, 0.25])
    with pytest.raises(tm.TemporalError, match="no incidents"):
        tm.week_profile(np.array([], dtype=np.int64))
