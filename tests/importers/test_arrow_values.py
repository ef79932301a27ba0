"""Values out of Arrow with and without pandas: until pandas is loaded, ``arrow_text`` takes
strings and dictionary codes from the arrays' own buffers (pyarrow would import pandas for
``to_numpy``, 0.2 s of a fresh process's first chunk). Both ways give the same values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scribe_plugin.core.importers import arrow_text

pa = pytest.importorskip("pyarrow")
REPO = Path(__file__).resolve().parents[2]
STREET = REPO.parent / "shared" / "data" / "police_uk" / "bedfordshire" / "street"

CELLS = ["plain", "", None, "café", "  spaced ", "🙂 emoji", "NULL", "x" * 300, None, "é"]


def arrays():
    ascii_only = pa.array(["a", "bc", "", None, "def"] * 7, pa.string())
    mixed = pa.array(CELLS * 5, pa.string())
    yield "ascii", ascii_only
    yield "non-ascii", mixed
    yield "sliced", mixed.slice(3, 31)
    yield "sliced ascii", ascii_only.slice(1, 9)
    yield "chunked", pa.chunked_array([mixed.slice(0, 7), ascii_only, mixed.slice(11)])
    yield "all null", pa.array([None] * 4, pa.string())
    yield "all empty", pa.array([""] * 3, pa.string())
    yield "empty", pa.array([], pa.string())
    yield "large_string", pa.array(CELLS, pa.large_string())


@pytest.mark.parametrize("name, array", list(arrays()), ids=[n for n, _ in arrays()])
def test_strings_out_of_the_buffers_equal_to_numpy(monkeypatch, name, array):
    expected = array.to_numpy(zero_copy_only=False).tolist()
    monkeypatch.setattr(arrow_text, "_pandas_loaded", lambda: False)
    assert arrow_text.python_strings(array) == expected


@pytest.mark.parametrize("loaded", [False, True])
def test_cleaned_cells_are_the_same_either_way(monkeypatch, loaded):
    monkeypatch.setattr(arrow_text, "_pandas_loaded", lambda: loaded)
    nulls = dict.fromkeys(["", "NULL"])
    expected = [None if v is None else nulls.get(v.strip(), v.strip()) for v in CELLS]
    assert arrow_text.cleaned_cells(pa.array(CELLS), nulls) == expected
    # few distinct values, nulls among them: the dictionary's codes, nulls filled
    many = pa.chunked_array([pa.array(CELLS * 30).slice(5), pa.array(CELLS[:5])])
    assert arrow_text.cleaned_cells(many, nulls) == (expected * 30)[5:] + expected[:5]
    assert arrow_text.cleaned_cells(pa.array(CELLS * 30), {}) == \
        [None if v is None else v.strip() for v in CELLS] * 30


def test_the_null_markers_array_is_built_without_pa_array():
    values = ("", "NULL", "n/a", "é")
    assert arrow_text._string_array(values).equals(pa.array(list(values), pa.string()))
    assert arrow_text._string_array(()).equals(pa.array([], pa.string()))


def test_a_first_chunk_leaves_pandas_unloaded_until_asked():
    """In a fresh process, reading and mapping a police.uk month's first chunk does not
    import pandas; ``load_quick_conversions`` does, and the values stay the same."""
    month = sorted(STREET.glob("*.csv"))[0]
    code = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from scribe_plugin.core.importers import arrow_text, profiles, readers
from scribe_plugin.core.importers.mapping import MappingState, map_chunk
profile = profiles.get_profile("police_uk_street")
source = readers.open_source({str(month)!r}, profile.encoding, profile.delimiter)
state = MappingState(profile, source)
chunk = next(source.chunks(first=10_000))
records, _ = map_chunk(chunk, state)
assert "pandas" not in sys.modules, "the first chunk imported pandas"
ids = list(records.source_record_id)
arrow_text.load_quick_conversions()
assert "pandas" in sys.modules
again, _ = map_chunk(chunk, MappingState(profile, source))
assert list(again.source_record_id) == ids and len(ids) > 1000
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
