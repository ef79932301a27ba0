"""The importer pauses Python's cyclic garbage collector while a file streams (see
gc_pause.py) and always gives it back as it was: after a good file, a broken one, a cancel."""

from __future__ import annotations

import gc

import pytest

from scribe_plugin.core.importers import engine, profiles
from scribe_plugin.core.importers.errors import ImportFileError
from scribe_plugin.core.importers.gc_pause import cyclic_gc_paused
from scribe_plugin.core.store_load import ImportCancelled

from ..data_helpers import police_rows
from .test_hostile_files import HEADER, unique, write

POLICE = "police_uk_street"


@pytest.fixture(scope="module")
def sample_rows(shared_data) -> list[dict]:
    rows = police_rows(shared_data / "police_uk/bedfordshire/street/"
                       "2022-06-bedfordshire-street.csv")
    return [r for r in rows if r["Crime ID"] and r["Longitude"]][:40]


def test_the_collector_is_paused_during_a_check_and_back_after_it(tmp_path, sample_rows):
    path = write(tmp_path / "good.csv", unique(sample_rows, "gc-good"))
    seen: list[bool] = []

    def progress(done: float) -> None:
        seen.append(gc.isenabled())

    assert gc.isenabled()
    report = engine.check_file(path, profiles.get_profile(POLICE), progress=progress)
    assert report.rows_valid == len(sample_rows)
    assert seen and not any(seen)  # paused while the rows streamed
    assert gc.isenabled()


def test_a_broken_file_or_a_cancel_gives_the_collector_back(tmp_path, sample_rows):
    broken = tmp_path / "broken.csv"
    broken.write_text(",".join(HEADER) + '\nx,"2022-06,unterminated\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid comma-separated text"):
        engine.check_file(broken, profiles.get_profile(POLICE))
    assert gc.isenabled()

    good = write(tmp_path / "good.csv", unique(sample_rows, "gc-cancel"))
    with pytest.raises(ImportCancelled):
        engine.check_file(good, profiles.get_profile(POLICE), progress=lambda done: False)
    assert gc.isenabled()


def test_a_collector_the_caller_had_paused_stays_paused():
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
