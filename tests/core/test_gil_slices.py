"""The sliced forms of bulk calls give what the calls give, at every slice boundary."""

from __future__ import annotations

import numpy as np
import pytest

from scribe_plugin.core import gil_slices


@pytest.fixture(autouse=True)
def small_slices(monkeypatch):
    monkeypatch.setattr(gil_slices, "SLICE", 4)


LENGTHS = range(0, 14)


@pytest.mark.parametrize("n", LENGTHS)
def test_mapped_distinct_and_update_match_the_whole_calls(n):
    values = [f" v{i % 5} " for i in range(n)]
    assert gil_slices.mapped(str.strip, values) == list(map(str.strip, values))
    assert gil_slices.distinct(values) == set(values)
    into, expected = {"x"}, {"x"}
    gil_slices.update(into, values)
    expected.update(values)
    assert into == expected


@pytest.mark.parametrize("n", LENGTHS)
def test_disjoint_and_add_pairs_match_the_dict_calls(n):
    known = {"a": 1, "k7": 2}
    values = [f"k{i}" for i in range(n)]
    assert gil_slices.disjoint(known.keys(), values) == known.keys().isdisjoint(values)
    assert gil_slices.disjoint(set(known), values) == set(known).isdisjoint(values)
    into, expected = dict(known), dict(known)
    gil_slices.add_pairs(into, values, list(range(n)))
    expected.update(zip(values, range(n)))
    assert into == expected and list(into) == list(expected)  # the same order too


@pytest.mark.parametrize("n", LENGTHS)
def test_number_conversions_match(n):
    values = np.array([np.nan if i % 3 == 0 else i / 7 for i in range(n)])
    expected = np.where(np.isnan(values), None, values).tolist()
    assert gil_slices.floats_or_none(values) == expected
    cells = [str(i) for i in range(n)]
    got = gil_slices.floats_mapped(float, cells)
    assert got.dtype == float and got.tolist() == [float(c) for c in cells]
    objects = np.array(["x", None, "y"], dtype=object)
    positions = np.array([i % 3 for i in range(n)], dtype=np.intp)
    assert gil_slices.taken(objects, positions) == objects.take(positions).tolist()
