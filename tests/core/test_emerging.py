"""Emerging hot spot categories: one hand-built case per category, and the whole pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from scribe_plugin.core.analysis import emerging, hotspots_gi

H, C, _ = 1, -1, 0  # hot, cold, not significant in a time step (10 steps: 90 % = 9 steps)
CASES = {
    "new hot spot": ([_, _, _, _, _, _, _, _, _, H], 0),
    "consecutive hot spot": ([_, _, _, _, _, _, _, H, H, H], 0),
    "intensifying hot spot": ([_, H, H, H, H, H, H, H, H, H], 1),
    "persistent hot spot": ([H, H, H, H, H, H, H, H, H, H], 0),
    "diminishing hot spot": ([H, H, H, H, H, H, H, H, H, H], -1),
    "sporadic hot spot": ([H, _, _, H, _, _, _, H, _, H], 0),
    "oscillating hot spot": ([C, _, _, _, _, _, _, _, H, H], 0),
    "historical hot spot": ([H, H, H, H, H, H, H, H, H, _], 0),
    "no pattern": ([_, H, H, _, _, _, _, _, _, _], 0),
}


def cases_both_sides():
    for name, (series, trend) in CASES.items():
        yield name, series, trend
        if name != "no pattern":
            yield name.replace("hot", "cold"), [-v for v in series], -trend


@pytest.mark.parametrize("name, series, trend", list(cases_both_sides()),
                         ids=[c[0] for c in cases_both_sides()])
def test_each_category_by_hand(name, series, trend):
    significance = np.array(series, dtype=np.int8)[:, None]
    code = emerging.categorise(significance, np.array([trend]))[0]
    assert emerging.CATEGORY_NAMES[int(code)] == name


def test_boundaries_of_the_definitions():
    def category(series, trend=0):
        return emerging.CATEGORY_NAMES[int(emerging.categorise(
            np.array(series, dtype=np.int8)[:, None], np.array([trend]))[0])]

    # a single hot step at the end after earlier hot steps is sporadic, not consecutive
    assert category([H, _, _, _, _, _, _, _, _, H]) == "sporadic hot spot"
    # a final run that is all there is but shorter than 2 steps is new, not consecutive
    assert category([_, _, _, _, _, _, _, _, _, H]) == "new hot spot"
    # 8 of 10 hot steps is below 90 %: a final run of 8 is consecutive
    assert category([_, _, H, H, H, H, H, H, H, H]) == "consecutive hot spot"
    # an intensifying trend without 90 % hot steps is not intensifying
    assert category([_, _, _, _, _, _, _, H, H, H], trend=1) == "consecutive hot spot"


def test_pipeline_finds_a_new_and_an_intensifying_hot_spot():
    rng = np.random.default_rng(7)
    steps = 12
    cube = rng.poisson(1.0, (steps, 30, 30)).astype(float)
    for t in range(steps):
        cube[t, 8:11, 8:11] += 6 + 2 * t  # always hot, more so each step
    cube[-1, 20:23, 20:23] += 12  # appears in the final step only
    result = emerging.emerging_hotspots(cube, hotspots_gi.disc_kernel(1.5, 1.0))
    assert emerging.CATEGORY_NAMES[int(result.category[9, 9])] == "intensifying hot spot"
    assert emerging.CATEGORY_NAMES[int(result.category[21, 21])] == "new hot spot"
    assert result.hot_steps[9, 9] == steps
    assert result.z.shape == cube.shape
    assert (result.category == 0).mean() > 0.8  # most of the map shows no pattern


def test_bad_cubes_are_refused():
    kernel = hotspots_gi.disc_kernel(1, 1)
    with pytest.raises(emerging.EmergingError, match="at least 3 time steps"):
        emerging.emerging_hotspots(np.ones((2, 5, 5)), kernel)
    with pytest.raises(emerging.EmergingError, match="time steps, rows, columns"):
        emerging.emerging_hotspots(np.ones((5, 5)), kernel)
