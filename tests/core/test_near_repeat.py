"""The Knox test against an independent brute force (every pair, written here) on real
Bedfordshire police.uk burglaries and London Fire Brigade call times, and on synthetic data
with and without planted near repeats."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from scribe_plugin.core.analysis.near_repeat import KnoxBands, KnoxError, knox_test

from ..conftest import POLICE_STREET
from ..data_helpers import lfb_animal_rescue_rows, lfb_call_time, police_rows, to_bng


def brute_force_knox(x, y, t_seconds, bands: KnoxBands, permutations: int, seed: int):
    """Every pair i < j, no tree, no chunks: the reference."""
    n = len(x)
    i, j = np.triu_indices(n, 1)
    dx, dy = np.abs(x[i] - x[j]), np.abs(y[i] - y[j])
    d = np.hypot(dx, dy) if bands.metric == "euclidean" else dx + dy
    dband = np.floor(d / bands.distance).astype(np.int64)
    near = dband < bands.distance_bands

    def table(t):
        tband = np.floor(np.abs(t[i] - t[j]) / (bands.days * 86_400.0)).astype(np.int64)
        ok = near & (tband < bands.time_bands)
        counts = np.zeros((bands.distance_bands, bands.time_bands), dtype=np.int64)
        np.add.at(counts, (dband[ok], tband[ok]), 1)
        return counts

    t = np.asarray(t_seconds, float) - np.min(t_seconds)
    observed = table(t)
    rng = np.random.default_rng(seed)
    runs = np.array([table(t[rng.permutation(n)]) for _ in range(permutations)])
    expected = runs.mean(axis=0)
    p = ((runs >= observed).sum(axis=0) + 1) / (permutations + 1)
    return observed, expected, p


def assert_same(result, reference):
    observed, expected, p = reference
    np.testing.assert_array_equal(result.observed, observed)
    np.testing.assert_allclose(result.expected, expected, rtol=1e-12)
    np.testing.assert_allclose(result.p_value, p, rtol=1e-12)


def test_real_bedfordshire_burglaries_equal_the_brute_force():
    rows = [r for path in sorted(POLICE_STREET.glob("2022-*.csv")) for r in police_rows(path)
            if r["Crime type"] == "Burglary" and r["Longitude"]]
    assert 1500 < len(rows) < 4000
    x, y = to_bng(np.array([float(r["Longitude"]) for r in rows]),
                  np.array([float(r["Latitude"]) for r in rows]))
    t = np.array([dt.datetime.strptime(r["Month"], "%Y-%m").replace(
        tzinfo=dt.timezone.utc).timestamp() for r in rows])
    for metric in ("euclidean", "manhattan"):
        bands = KnoxBands(200.0, 5, 31.0, 4, metric)
        result = knox_test(x, y, t, bands, permutations=99, seed=7)
        assert_same(result, brute_force_knox(x, y, t, bands, 99, 7))
        assert result.observed.sum() > 0


def test_real_fire_call_times_equal_the_brute_force(shared_data):
    rows = [r for r in lfb_animal_rescue_rows(shared_data)
            if r["Easting_rounded"] and r["DateTimeOfCall"].startswith(("2019", "2020"))]
    x = np.array([float(r["Easting_rounded"]) for r in rows])
    y = np.array([float(r["Northing_rounded"]) for r in rows])
    t = np.array([lfb_call_time(r["DateTimeOfCall"]).timestamp() for r in rows])
    bands = KnoxBands(500.0, 6, 14.0, 6)
    result = knox_test(x, y, t, bands, permutations=99, seed=3)
    assert_same(result, brute_force_knox(x, y, t, bands, 99, 3))


def synthetic(planted: int, seed: int = 11):
    rng = np.random.default_rng(seed)
    n = 1500
    x = rng.uniform(0, 10_000, n)
    y = rng.uniform(0, 10_000, n)
    t = rng.uniform(0, 365, n) * 86_400
    if planted:
        source = rng.choice(n, planted, replace=False)
        angle = rng.uniform(0, 2 * np.pi, planted)
        radius = rng.uniform(0, 60, planted)
        x = np.concatenate([x, x[source] + radius * np.cos(angle)])
        y = np.concatenate([y, y[source] + radius * np.sin(angle)])
        t = np.concatenate([t, t[source] + rng.uniform(0, 5, planted) * 86_400])
    return x, y, t


def test_planted_near_repeats_are_detected_and_absent_ones_are_not():
    bands = KnoxBands(100.0, 5, 7.0, 5)
    found = knox_test(*synthetic(planted=150), bands, permutations=99, seed=1)
    assert found.ratio[0, 0] > 3 and found.p_value[0, 0] == pytest.approx(0.01)
    none = knox_test(*synthetic(planted=0), bands, permutations=99, seed=1)
    assert none.p_value[0, 0] > 0.05
    assert (none.p_value <= 0.01).sum() <= 1  # no more than chance allows in 25 cells


def test_band_edges_are_lower_inclusive_upper_exclusive():
    # pairs exactly 100 m and exactly 7 days apart belong to the second bands
    x = np.array([0.0, 100.0, 0.0, 5000.0])
    y = np.zeros(4)
    t = np.array([0.0, 7 * 86_400.0, 3 * 86_400.0, 0.0])
    result = knox_test(x, y, t, KnoxBands(100.0, 2, 7.0, 2), permutations=19, seed=1)
    # pairs: (0,1) 100 m / 7 d -> [1][1]; (0,2) 0 m / 3 d -> [0][0]; (1,2) 100 m / 4 d -> [1][0]
    assert result.observed.tolist() == [[1, 0], [1, 1]]
    assert KnoxBands(100.0, 2, 7.0, 2).distance_labels() == ["[0, 100) m", "[100, 200) m"]
    assert KnoxBands(100.0, 2, 7.0, 2).time_labels() == ["[0, 7) days", "[7, 14) days"]


def test_bad_inputs_are_refused_clearly():
    with pytest.raises(KnoxError, match="at least 3 incidents"):
        knox_test(np.zeros(2), np.zeros(2), np.zeros(2), KnoxBands(100, 2, 7, 2))
    with pytest.raises(KnoxError, match="band widths must be positive"):
        knox_test(np.zeros(5), np.zeros(5), np.zeros(5), KnoxBands(0, 2, 7, 2))
    with pytest.raises(KnoxError, match="at least 19 permutations"):
        knox_test(np.arange(5.0), np.zeros(5), np.zeros(5), KnoxBands(100, 2, 7, 2),
                  permutations=5)
