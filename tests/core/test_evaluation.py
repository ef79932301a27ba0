"""Assessment measures against examples worked by hand from the papers' definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scribe_plugin.core.analysis.evaluation import (
    ResponseCounts,
    pai,
    relative_effect_size,
    rri,
    top_cells,
    weighted_displacement,
)


def test_wdq_diffusion_displacement_and_failure_by_hand():
    # control fell 5 % (200 -> 190); target 100 -> 60; buffer 80 -> 70:
    # SM = 60/190 - 100/200 = -35/190; BDM = 70/190 - 80/200 = -6/190; WDQ = 6/35
    result = weighted_displacement(ResponseCounts(100, 60, 80, 70, 200, 190))
    assert result.success_measure == pytest.approx(-35 / 190)
    assert result.buffer_measure == pytest.approx(-6 / 190)
    assert result.wdq == pytest.approx(6 / 35)
    assert "diffusion of benefits to the buffer" in result.interpretation
    # TNE = (100 * 0.95 - 60) + (80 * 0.95 - 70) = 35 + 6
    assert result.total_net_effect == pytest.approx(41.0)
    some = weighted_displacement(ResponseCounts(100, 60, 80, 100, 200, 190))
    assert some.wdq == pytest.approx(-24 / 35) and "net success" in some.interpretation
    worse = weighted_displacement(ResponseCounts(100, 60, 80, 120, 200, 190))
    assert worse.wdq == pytest.approx(-44 / 35) and "net failure" in worse.interpretation
    big = weighted_displacement(ResponseCounts(100, 60, 80, 30, 200, 190))
    assert big.wdq == pytest.approx(46 / 35) and "larger than the direct" in big.interpretation
    none = weighted_displacement(ResponseCounts(100, 110, 80, 70, 200, 190))
    assert none.success_measure > 0 and "not interpreted" in none.interpretation
    empty = weighted_displacement(ResponseCounts(100, 60, 80, 70, 0, 190))
    assert math.isnan(empty.wdq) and "control area needs incidents" in empty.interpretation


def test_relative_effect_size_by_hand():
    result = relative_effect_size(100, 60, 200, 190)
    assert result.res == pytest.approx(19000 / 12000)
    se = math.sqrt(1 / 100 + 1 / 60 + 1 / 200 + 1 / 190)
    assert result.low == pytest.approx(math.exp(math.log(19000 / 12000) - 1.96 * se), rel=1e-4)
    assert result.high == pytest.approx(math.exp(math.log(19000 / 12000) + 1.96 * se), rel=1e-4)
    assert result.p_value == pytest.approx(0.0168, abs=5e-4)  # z = 2.391
    assert math.isnan(relative_effect_size(0, 60, 200, 190).res)


def test_pai_and_rri_by_hand():
    # hotspots cover 5 of 100 km2 and hold 40 of 200 test incidents: 20 % / 5 % = 4
    assert pai(40, 200, 5.0, 100.0) == pytest.approx(4.0)
    # 50 of 250 fitted incidents in the hotspots, 40 of 200 in the test period: RRI = 1
    assert rri(50, 40, 250, 200) == pytest.approx(1.0)
    assert rri(50, 60, 250, 200) == pytest.approx(1.5)
    assert math.isnan(pai(1, 0, 1, 1)) and math.isnan(rri(0, 1, 1, 1))


def test_top_cells_cover_exactly_the_share_asked():
    surface = np.arange(16, dtype=float).reshape(4, 4)
    mask = top_cells(surface, 25.0)
    assert mask.sum() == 4 and set(surface[mask]) == {12, 13, 14, 15}
    study = np.zeros((4, 4), bool)
    study[:2] = True  # 8 cells: 25 % is 2, the highest inside
    assert set(surface[top_cells(surface, 25.0, study)]) == {6, 7}
    assert top_cells(np.zeros((4, 4)), 50.0).sum() == 0  # empty cells are never hotspots
