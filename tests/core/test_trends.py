"""Mann-Kendall, Hamed-Rao and seasonal tests and Sen's slope against pymannkendall and a
reference written from Hamed & Rao (1998), on synthetic and real police.uk series."""

from __future__ import annotations

import csv
from collections import Counter

import numpy as np
import pytest
from scipy.stats import norm, rankdata

from scribe_plugin.core.analysis import trends

pmk = pytest.importorskip("pymannkendall")  # a dev dependency: installed by scripts/setup

TOL = 1e-9


def assert_matches(ours, k, ref, slope=True):
    assert ours.s[k] == ref.s
    assert ours.var_s[k] == pytest.approx(ref.var_s, rel=TOL, abs=TOL)
    assert ours.z[k] == pytest.approx(ref.z, abs=TOL)
    assert ours.p[k] == pytest.approx(ref.p, abs=TOL)
    assert ours.tau[k] == pytest.approx(ref.Tau, abs=TOL)
    direction = {"increasing": 1, "decreasing": -1, "no trend": 0}[ref.trend]
    assert ours.trend[k] == direction
    if slope:
        assert ours.slope[k] == pytest.approx(ref.slope, abs=TOL)
        assert ours.intercept[k] == pytest.approx(ref.intercept, abs=TOL)


@pytest.fixture(scope="module")
def synthetic():
    """Counts with known trends (up, down, none) plus continuous values without ties."""
    rng = np.random.default_rng(2026)
    months = np.arange(60)
    up = rng.poisson(5 + 0.15 * months, (40, 60))
    down = rng.poisson(np.maximum(14 - 0.2 * months, 0.5), (40, 60))
    flat = rng.poisson(4, (40, 60))
    return np.vstack([up, down, flat]).astype(np.int64)


def test_original_test_matches_pymannkendall_on_synthetic_counts(synthetic):
    ours = trends.mann_kendall(synthetic)
    for k in range(synthetic.shape[0]):
        assert_matches(ours, k, pmk.original_test(synthetic[k]))
    # the known trends are found
    assert (ours.trend[:40] == 1).mean() > 0.9
    assert (ours.trend[40:80] == -1).mean() > 0.9
    assert (ours.trend[80:] != 0).mean() < 0.2


def test_continuous_values_and_float_counts_give_the_same_answers(synthetic):
    rng = np.random.default_rng(1)
    values = rng.normal(size=(20, 37)).cumsum(axis=1)
    ours = trends.mann_kendall(values)
    for k in range(20):
        assert_matches(ours, k, pmk.original_test(values[k]))
    as_int = trends.mann_kendall(synthetic[:10])
    as_float = trends.mann_kendall(synthetic[:10].astype(float))
    np.testing.assert_array_equal(as_int.z, as_float.z)


def test_large_counts_use_a_wider_integer_type_exactly():
    rng = np.random.default_rng(5)
    values = rng.integers(0, 40_000, (5, 30))  # differences overflow int16
    ours = trends.mann_kendall(values)
    for k in range(5):
        assert_matches(ours, k, pmk.original_test(values[k]))


def hamed_rao_from_the_paper(x, alpha=0.05, lags=None):
    """Hamed & Rao (1998) written from the paper, one series, plain loops: eq. 22 with the
    signed autocorrelations of the ranks of the Sen-detrended series."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    ties = Counter(x.tolist()).values()
    var_s = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
    slope = np.median([(x[j] - x[i]) / (j - i) for i in range(n) for j in range(i + 1, n)])
    ranks = rankdata(x - slope * np.arange(1, n + 1))
    centred = ranks - ranks.mean()
    top = n - 1 if lags is None else lags
    total = 0.0
    for i in range(1, top + 1):
        rho = sum(centred[t] * centred[t + i] for t in range(n - i)) / sum(centred ** 2)
        if abs(rho) > norm.ppf(1 - alpha / 2) / np.sqrt(n):
            total += (n - i) * (n - i - 1) * (n - i - 2) * rho
    var_s *= 1 + 2 / (n * (n - 1) * (n - 2)) * total
    z = (s - np.sign(s)) / np.sqrt(var_s) if s != 0 else 0.0
    return s, var_s, z, 2 * norm.sf(abs(z))


def autocorrelated(rng, n, phi):
    e = rng.normal(size=n)
    out = np.zeros(n)
    for t in range(1, n):
        out[t] = phi * out[t - 1] + e[t]
    return out


@pytest.mark.parametrize("lags", [None, 3])
def test_hamed_rao_matches_the_paper(lags):
    rng = np.random.default_rng(11)
    # positive and negative autocorrelation: the sign of rho matters in eq. 22
    series = np.array([autocorrelated(rng, 48, phi) + 0.03 * np.arange(48)
                       for phi in (0.7, 0.5, -0.6, -0.4, 0.0, 0.3)])
    ours = trends.hamed_rao_test(series, lags=lags)
    for k, x in enumerate(series):
        s, var_s, z, p = hamed_rao_from_the_paper(x, lags=lags)
        assert ours.s[k] == s
        assert ours.var_s[k] == pytest.approx(var_s, rel=TOL)
        assert ours.z[k] == pytest.approx(z, abs=TOL)
        assert ours.p[k] == pytest.approx(p, abs=TOL)


def test_hamed_rao_matches_pymannkendall_where_it_follows_the_paper():
    """pymannkendall 1.4.3 keeps rho's sign like the paper (later releases take abs(rho),
    which only differs when a significant autocorrelation is negative)."""
    rng = np.random.default_rng(12)
    series = np.array([autocorrelated(rng, 40, 0.6) + 0.05 * np.arange(40) for _ in range(8)])
    ours = trends.hamed_rao_test(series)
    compared = 0
    for k, x in enumerate(series):
        ref = pmk.hamed_rao_modification_test(x)
        paper = hamed_rao_from_the_paper(x)
        if abs(ref.var_s - paper[1]) > TOL * paper[1]:
            continue  # an abs(rho) release: covered by the paper reference above
        assert_matches(ours, k, ref)
        compared += 1
    assert compared >= 4  # positive autocorrelation: both formulas agree on most series


def test_seasonal_test_matches_pymannkendall_with_whole_and_partial_years(synthetic):
    for months in (60, 53):
        values = synthetic[:, :months]
        ours = trends.seasonal_test(values, period=12)
        for k in range(0, values.shape[0], 7):
            assert_matches(ours, k, pmk.seasonal_test(values[k], period=12))


def police_monthly_counts(shared_data):
    """Monthly counts per LSOA from the 24 real Bedfordshire police.uk files."""
    files = sorted((shared_data / "police_uk" / "bedfordshire" / "street").glob("*.csv"))
    months = sorted({f.name[:7] for f in files})
    index = {m: i for i, m in enumerate(months)}
    counts: dict[str, np.ndarray] = {}
    for path in files:
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row["LSOA code"]:
                    series = counts.setdefault(row["LSOA code"], np.zeros(len(months), int))
                    series[index[row["Month"]]] += 1
    return np.array([counts[k] for k in sorted(counts)])


def test_real_police_uk_lsoa_series_match_pymannkendall(shared_data):
    counts = police_monthly_counts(shared_data)
    assert counts.shape[1] == 24 and counts.shape[0] > 300
    ours = trends.mann_kendall(counts)
    for k in range(0, counts.shape[0], 5):
        assert_matches(ours, k, pmk.original_test(counts[k]))
    seasonal = trends.seasonal_test(counts, period=12)
    for k in range(0, counts.shape[0], 25):
        assert_matches(seasonal, k, pmk.seasonal_test(counts[k], period=12))


@pytest.mark.parametrize("bad, message", [
    (np.zeros((3, 2)), "at least 3 periods"),
    (np.array([[1.0, np.nan, 2.0, 3.0]]), "NaN"),
    (np.zeros((2, 3, 4)), "one row per series"),
])
def test_bad_series_are_refused_clearly(bad, message):
    with pytest.raises(ValueError, match=message):
        trends.mann_kendall(bad)


def test_seasonal_needs_two_seasons_and_constant_series_have_no_trend():
    with pytest.raises(ValueError, match="two full seasons"):
        trends.seasonal_test(np.arange(20), period=12)
    flat = trends.mann_kendall(np.full((2, 10), 3))
    assert np.all(flat.z == 0) and np.all(flat.p == 1) and np.all(flat.trend == 0)
