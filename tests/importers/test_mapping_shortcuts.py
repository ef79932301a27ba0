"""The mapping's set-wise shortcuts (each distinct cell judged once, ids checked as a set, one
transformation per distinct point) give what judging every row on its own would: the same
records and the same reasons, whatever the chunk size."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from scribe_plugin.core.importers import coords, mapping, profiles, readers

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
          "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
          "Context"]


def _row(crime_id: str, lon: str = "-0.4650", lat: str = "52.1360", month: str = "2022-01",
         kind: str = "Burglary", place: str = "On or near High Street") -> list[str]:
    return [crime_id, month, "Bedfordshire Police", "Bedfordshire Police", lon, lat, place,
            "E01017540", "Bedford 001A", kind, "Under investigation", ""]


ROWS = [
    _row("a1"),
    _row("a2", lon=" -0.4650 "),                 # same point, padded
    _row("a1"),                                   # duplicate of row 2, in the same chunk
    _row(""),                                     # ASB-like: id derived from the row
    _row(""),                                     # identical: numbered, not a duplicate
    _row("a3", lon="abc"),                        # text in a coordinate
    _row("a4", lat="nan"),                        # "nan" parses, yet is no coordinate
    _row("a5", kind="Made up crime"),             # unknown label
    _row("a6", kind=""),                          # no category
    _row("a7", kind=" burglary "),                # a known label, padded and in lower case
    _row("a8", lon="", lat=""),                   # no location: kept, without a point
    _row("a2"),                                   # duplicate of a row in an earlier chunk
    _row("a9", lon="-0.41", lat="52.0"),
    _row("a10", lon="-0.41", lat="52.0", month="2022-02"),
]


def _map_all(path, size: int):
    source = readers.open_source(path)
    state = mapping.MappingState(profiles.get_profile("police_uk_street"), source)
    records, rejects = [], []
    for chunk in source.chunks(size):
        got, quarantine = mapping.map_chunk(chunk, state)
        records += list(zip(got.source_record_id, got.category_code, got.occurred_from,
                            got.occurred_to, got.x, got.y, got.original_crs))
        rejects += [(q.row_number, q.column, q.reason) for q in quarantine]
    return records, sorted(rejects), state


@pytest.fixture
def police_file(tmp_path):
    path = tmp_path / "street.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


@pytest.mark.parametrize("size", [1, 3, 100])
def test_chunk_size_changes_nothing(police_file, size):
    assert _map_all(police_file, size)[:2] == _map_all(police_file, 1)[:2]


def test_every_row_is_judged_as_on_its_own(police_file):
    records, rejects, state = _map_all(police_file, 100)
    ids = [r[0] for r in records]
    assert ids[:2] == ["a1", "a2"]
    derived = [i for i in ids if i.startswith("row:")]
    assert len(derived) == 2 and derived[0].endswith(":1") and derived[1].endswith(":2")
    assert derived[0][:-2] == derived[1][:-2]
    assert {"a7", "a8", "a9", "a10"} <= set(ids)
    by_row = {number: (column, reason) for number, column, reason in rejects}
    assert by_row[4] == ("Crime ID", "duplicate record id 'a1' (first at row 2): only the "
                         "first is imported")
    assert by_row[13][1] == "duplicate record id 'a2' (first at row 3): only the first is " \
                            "imported"
    assert by_row[7][0] == "Longitude" and "abc" in by_row[7][1]
    assert by_row[8][0] == "Latitude"
    assert by_row[9] == ("Crime type", "unknown category label 'Made up crime' (scheme "
                         "police_uk_crime_type): map it to a SCRIBE category in the import "
                         "dialog")
    assert by_row[10] == ("Crime type", "no category: the 'Crime type' cell is empty")
    assert sorted(by_row) == [4, 7, 8, 9, 10, 13]
    assert state.unknown_labels == {"Made up crime": 1}
    a7 = next(r for r in records if r[0] == "a7")
    assert a7[1] == next(r for r in records if r[0] == "a1")[1]   # " burglary " = Burglary
    a8 = next(r for r in records if r[0] == "a8")
    assert a8[4] is None and a8[5] is None and a8[6] is None
    a9, a10 = (next(r for r in records if r[0] == k) for k in ("a9", "a10"))
    assert (a9[4], a9[5]) == (a10[4], a10[5])
    assert a9[3] == a10[2]   # January's period ends where February starts


def test_numbers_are_parsed_once_per_distinct_cell_with_the_same_result():
    cells = ["1.5", None, "1.5", " 2 ", "1_000", "२", "-0.25"] * 3
    numbers, why = mapping._numbers(cells)
    expected = [np.nan if c is None else float(c) for c in cells]
    assert np.array_equal(numbers, np.array(expected), equal_nan=True)
    assert why == [None] * len(cells)
    numbers, why = mapping._numbers(["1", "inf", "x", None, "1"])
    assert [w is None for w in why] == [True, False, False, True, True]
    assert numbers[0] == numbers[4] == 1.0 and np.isnan(numbers[3])


@pytest.mark.parametrize("repeats", [True, False])
def test_transforming_distinct_points_once_equals_transforming_each(repeats):
    rng = np.random.default_rng(5)
    lon = rng.uniform(-0.7, -0.2, 2000).round(6)
    lat = rng.uniform(51.8, 52.3, 2000).round(6)
    if repeats:
        lon, lat = np.tile(lon[:50], 40), np.tile(lat[:50], 40)
    x, y = coords.transform_unique("EPSG:4326", lon, lat)
    ex, ey = coords.transformer_to_bng("EPSG:4326").transform(lon, lat)
    assert np.array_equal(x, ex) and np.array_equal(y, ey)


def test_osr_is_loaded_on_a_thread_of_its_own_in_a_fresh_process():
    """``load_osr_in_background`` starts the module's import and returns at once; the
    transformations made afterwards are the same."""
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    code = f"""
import sys, threading
sys.path.insert(0, {str(repo)!r})
from scribe_plugin.core.importers import coords
assert "osgeo.osr" not in sys.modules
coords.load_osr_in_background()
loader = [t for t in threading.enumerate() if t.name == "scribe-load-osr"]
assert len(loader) == 1
loader[0].join(30)
assert "osgeo.osr" in sys.modules
coords.load_osr_in_background()  # loaded: no second thread
assert not [t for t in threading.enumerate() if t.name == "scribe-load-osr"]
x, y = coords.transformer_to_bng("EPSG:4326").transform([-0.4662], [52.1359])
assert abs(x[0] - 504950) < 200 and abs(y[0] - 249800) < 200, (x, y)
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
