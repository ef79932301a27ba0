"""SeenIds: the duplicate check's memory of a file's ids, set-wise with rows made on demand."""

from __future__ import annotations

import pytest

from scribe_plugin.core import gil_slices
from scribe_plugin.core.importers.seen_ids import SeenIds


@pytest.fixture(autouse=True)
def small_slices(monkeypatch):
    monkeypatch.setattr(gil_slices, "SLICE", 3)  # every check crosses slice boundaries


def test_chunks_of_new_ids_are_taken_with_their_rows():
    seen = SeenIds()
    assert seen.add_if_all_new(["a", "b", "c", "d"], [2, 3, 4, 5])
    assert seen.add_if_all_new(["e", "f"], [9, 10])
    assert len(seen) == 6
    assert seen.first_row("c") == 4 and seen.first_row("f") == 10
    assert seen.first_row("zz") is None
    assert seen.first_rows() == {"a": 2, "b": 3, "c": 4, "d": 5, "e": 9, "f": 10}


def test_a_chunk_repeating_an_earlier_id_changes_nothing():
    seen = SeenIds()
    seen.add_if_all_new(["a", "b"], [2, 3])
    assert not seen.add_if_all_new(["x", "y", "z", "b", "w"], [4, 5, 6, 7, 8])
    assert len(seen) == 2 and seen.first_row("x") is None


def test_a_chunk_repeating_an_id_of_its_own_changes_nothing():
    seen = SeenIds()
    seen.add_if_all_new(["a"], [2])
    assert not seen.add_if_all_new(["p", "q", "r", "s", "q"], [3, 4, 5, 6, 7])
    assert len(seen) == 1 and seen.first_rows() == {"a": 2}


def test_one_by_one_after_a_repeat_and_chunks_after_that():
    seen = SeenIds()
    seen.add_if_all_new(["a", "b"], [2, 3])
    assert seen.first_row("b") == 3  # the rows are made now
    seen.add("c", 4)
    assert seen.add_if_all_new(["d", "e", "f", "g"], [5, 6, 7, 8])  # kept up to date
    assert not seen.add_if_all_new(["c"], [9])
    assert seen.first_rows() == {"a": 2, "b": 3, "c": 4, "d": 5, "e": 6, "f": 7, "g": 8}
