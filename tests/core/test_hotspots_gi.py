"""Gi* by convolution and with sparse weights against esda's G_Local (binary weights, star),
on real police.uk incidents; FDR and classification by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from scribe_plugin.core.analysis import hotspots_gi as gi
from tests.data_helpers import police_points_bng

esda = pytest.importorskip("esda")  # dev dependencies, installed by scripts/setup
weights_module = pytest.importorskip("libpysal.weights")

TOL = 1e-9


def esda_z(values, w):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esda.G_Local(values, w, transform="B", star=True, permutations=0).Zs


@pytest.fixture(scope="module")
def burglary_grid(shared_data):
    """Real Bedfordshire burglaries (two months) binned on a 500 m grid."""
    files = sorted((shared_data / "police_uk" / "bedfordshire" / "street").glob("*.csv"))[:2]
    xs, ys = zip(*(police_points_bng(f, "Burglary") for f in files))
    x, y = np.concatenate(xs), np.concatenate(ys)
    cell = 500.0
    cols = ((x - x.min()) // cell).astype(int)
    rows = ((y.max() - y) // cell).astype(int)
    grid = np.zeros((rows.max() + 1, cols.max() + 1))
    np.add.at(grid, (rows, cols), 1)
    return grid, cell


def grid_centres(shape, cell):
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]]
    return np.column_stack([cols.ravel() * cell, -rows.ravel() * cell])


@pytest.mark.parametrize("distance", [500.0, 1200.0, 4000.0])  # 4 km: the FFT path
def test_grid_convolution_matches_esda_distance_band(burglary_grid, distance):
    grid, cell = burglary_grid
    kernel = gi.disc_kernel(distance, cell)
    ours, neighbours = gi.gi_star_grid(grid, kernel)
    w = weights_module.DistanceBand(grid_centres(grid.shape, cell), threshold=distance * (1 + 1e-9),
                                    binary=True, silence_warnings=True)
    np.testing.assert_allclose(ours.ravel(), esda_z(grid.ravel(), w), rtol=0, atol=TOL)
    assert neighbours[grid.shape[0] // 2, grid.shape[1] // 2] == kernel.sum()
    assert neighbours[0, 0] < kernel.sum()  # edge cells have fewer neighbours
    assert ours.max() > 3  # Luton and Bedford town centres are hot


def test_sparse_distance_band_equals_the_grid_convolution(burglary_grid):
    grid, cell = burglary_grid
    centres = grid_centres(grid.shape, cell)
    by_grid, _ = gi.gi_star_grid(grid, gi.disc_kernel(1000, cell))
    sparse, _ = gi.gi_star_weights(grid.ravel(),
                                   gi.distance_band_weights(centres[:, 0], centres[:, 1], 1000))
    np.testing.assert_allclose(sparse, by_grid.ravel(), atol=TOL)


def test_knn_weights_on_areas_match_esda(shared_data):
    """Areas: incidents per LSOA at the mean of their snap points (no ties in distance)."""
    import csv

    path = sorted((shared_data / "police_uk" / "bedfordshire" / "street").glob("*.csv"))[0]
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["LSOA code"] and r["Longitude"]]
    codes = sorted({r["LSOA code"] for r in rows})
    index = {c: i for i, c in enumerate(codes)}
    counts = np.zeros(len(codes))
    lon = np.zeros(len(codes))
    lat = np.zeros(len(codes))
    for r in rows:
        i = index[r["LSOA code"]]
        counts[i] += 1
        lon[i] += float(r["Longitude"])
        lat[i] += float(r["Latitude"])
    points = np.column_stack([lon / counts, lat / counts])
    for k in (4, 8):
        ours, neighbours = gi.gi_star_weights(counts,
                                              gi.knn_weights(points[:, 0], points[:, 1], k))
        np.testing.assert_allclose(ours, esda_z(counts, weights_module.KNN(points, k=k)),
                                   atol=TOL)
        assert np.all(neighbours == k + 1)


def test_benjamini_hochberg_by_hand():
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5])
    # sorted 0.005 0.01 0.03 0.04 0.5 -> *5/rank: .025 .025 .05 .05 .5 -> cumulative min from top
    np.testing.assert_allclose(gi.benjamini_hochberg(p), [0.025, 0.05, 0.05, 0.025, 0.5])


def test_classes_follow_confidence_levels():
    z = np.array([3.0, 2.0, 1.7, 0.5, -1.7, -2.0, -3.0])
    classes = gi.classify(z, gi.p_values(z))
    assert list(classes) == [3, 2, 1, 0, -1, -2, -3]


def test_bad_input_is_refused_clearly():
    with pytest.raises(gi.GiError, match="at least 3"):
        gi.gi_star_grid(np.ones((1, 2)), gi.disc_kernel(1, 1))
    with pytest.raises(gi.GiError, match="odd sides"):
        gi.gi_star_grid(np.ones((5, 5)), np.ones((2, 2)))
    with pytest.raises(gi.GiError, match="k must be"):
        gi.knn_weights(np.arange(4.0), np.arange(4.0), 4)
    flat, _ = gi.gi_star_grid(np.full((5, 5), 2.0), gi.disc_kernel(1, 1))
    assert np.all(flat == 0)  # no variation: nothing hot or cold
