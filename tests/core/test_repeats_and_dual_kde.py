"""Repeat locations against a groupby written here, on real police.uk snap points; dual KDE
ratio and difference identities."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from scribe_plugin.core.analysis.dual_kde import combine, dual_kde
from scribe_plugin.core.analysis.kde import GridSpec, KdeParams
from scribe_plugin.core.analysis.repeats import group_places, rank_places

from ..conftest import POLICE_STREET
from ..data_helpers import police_rows, to_bng


@pytest.fixture(scope="module")
def snap_points():
    rows = [r for r in police_rows(POLICE_STREET / "2022-03-bedfordshire-street.csv")
            if r["Longitude"]]
    return to_bng(np.array([float(r["Longitude"]) for r in rows]),
                  np.array([float(r["Latitude"]) for r in rows]))


def test_exact_places_equal_a_groupby(snap_points):
    x, y = snap_points
    places = rank_places(x, y)
    expected = Counter(zip(x.tolist(), y.tolist()))
    assert places.n_places == len(expected)
    assert places.count.tolist() == sorted(expected.values(), reverse=True)
    for p in range(20):  # each place's point holds exactly its count
        assert expected[(places.x[p], places.y[p])] == places.count[p]
    assert places.cumulative_pct[-1] == pytest.approx(100.0)
    assert np.bincount(places.label).tolist() == places.count.tolist()
    half = places.places_for_share(50.0)
    assert places.cumulative_pct[half - 1] >= 50.0 > (places.cumulative_pct[half - 2]
                                                      if half > 1 else 0.0)


def test_tolerance_merges_chains_of_nearby_points():
    x = np.array([0.0, 4.0, 8.0, 100.0, 100.0, 300.0])
    y = np.zeros(6)
    assert len(set(group_places(x, y, 0.0))) == 5
    labels = group_places(x, y, 5.0)  # 0-4-8 chain, the two at 100, 300 alone
    assert labels[0] == labels[1] == labels[2] and labels[3] == labels[4]
    assert len(set(labels)) == 3
    places = rank_places(x, y, 5.0)
    assert places.count.tolist() == [3, 2, 1]
    assert (places.x[1], places.y[1]) == (100.0, 0.0)


def test_dual_kde_of_identical_surfaces(snap_points):
    x, y = snap_points
    grid = GridSpec.qgis_heatmap((x.min(), y.min(), x.max(), y.max()), 800.0, 100.0)
    params = KdeParams(bandwidth=800.0)
    ratio, a, b = dual_kde((x, y, None), (x, y, None), grid, params, "ratio",
                           min_denominator=5.0, scale=1e6)
    usable = b >= 5.0
    assert usable.sum() > 1000
    np.testing.assert_allclose(ratio[usable], 1.0, rtol=1e-12)
    assert np.isnan(ratio[~usable]).all()
    difference, _, _ = dual_kde((x, y, None), (x, y, None), grid, params, "difference")
    assert np.abs(difference).max() == 0.0
    assert combine(np.array([2.0, 1.0]), np.array([4.0, 0.0]), "ratio").tolist()[0] == 0.5
    assert np.isnan(combine(np.array([2.0, 1.0]), np.array([4.0, 0.0]), "ratio")[1])
