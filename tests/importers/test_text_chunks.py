"""Reading a delimited text file in chunks: records numbered as the data manager counts them
(blank lines skipped, the header is record 1), rows of the wrong width set aside with a
reason, and a broken row named by its number, whatever the chunk size."""

from __future__ import annotations

from pathlib import Path

import pytest

from scribe_plugin.core.importers import arrow_text, readers
from scribe_plugin.core.importers.errors import ImportFileError

LINES = ["", "id,kind,place", "1,a,x", "", "2,b,y", "3,c", "4,d,z,extra", "5,e,w", ""]


@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_records_are_numbered_and_wrong_widths_set_aside_in_any_chunk_size(tmp_path, size):
    path = tmp_path / "f.csv"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    chunks = list(readers.open_source(path).chunks(size))
    rows = [(n, r) for c in chunks for n, r in zip(c.row_numbers, c.rows)]
    rejected = [(n, reason[:30]) for c in chunks for n, _, reason, _ in c.rejected]
    assert rows == [(2, ["1", "a", "x"]), (3, ["2", "b", "y"]), (6, ["5", "e", "w"])]
    assert rejected == [(4, "the row has 2 fields, fewer th"),
                        (5, "the row has 4 fields, more tha")]
    assert chunks[-1].done == 1.0


@pytest.mark.parametrize("size", [1, 2, 100])
def test_a_broken_row_is_named_by_its_record_number(tmp_path, size):
    path = tmp_path / "f.csv"
    path.write_text("id,kind\n\n1,a\n2,b\n3,\"c\"x\n4,d\n", encoding="utf-8")
    source = readers.open_source(path)
    with pytest.raises(ImportFileError, match="row 4: the file is not valid comma-separated"):
        list(source.chunks(size))


def test_every_chunk_but_the_last_holds_exactly_size_records(tmp_path):
    """The import dialog previews the first chunk of 20: blank lines and the header do not
    count against it."""
    path = tmp_path / "f.csv"
    path.write_text("\n\nid,kind\n" + "".join(f"{i},k\n\n" for i in range(45)), encoding="utf-8")
    chunks = list(readers.open_source(path).chunks(20))
    assert [len(c.rows) for c in chunks] == [20, 20, 5]
    assert chunks[1].row_numbers[0] == 22 and chunks[-1].row_numbers[-1] == 46


SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FIRST_CHUNK_FILES = [
    SHARED / "police_uk" / "bedfordshire" / "street" / "2021-05-bedfordshire-street.csv",
    SHARED / "asb" / "lancashire" / "lancashire_ward_pop.xlsx",
    SHARED / "boundaries" / "bedfordshire" / "merged" / "bedfordshire_wards.gpkg",
]


@pytest.mark.parametrize("arrow", [False, True])
@pytest.mark.parametrize("path", FIRST_CHUNK_FILES, ids=lambda p: p.suffix)
def test_a_smaller_first_chunk_in_every_format(path, arrow, monkeypatch):
    """An import starts the store's work after a small first chunk, then chunks double in
    size (and, in a text file Arrow reads, halve again near the end): the chunks' sizes
    change, the records and their numbers do not."""
    monkeypatch.setattr(arrow_text, "ENABLED", arrow)
    source = readers.open_source(path)
    whole = list(source.chunks(100_000))
    parts = list(source.chunks(7, first=2))
    sizes = [len(c.row_numbers) + len(c.rejected) for c in parts]  # boundaries: polygons,
    assert sizes[:2] == [2, 4] and max(sizes) <= 7  # boundaries: polygons set aside
    assert len(whole) == 1 and len(parts) > 2
    assert [n for c in parts for n in c.row_numbers] == whole[0].row_numbers
    assert [r for c in parts for r in c.rows] == whole[0].rows
    assert [r for c in parts for r in c.rejected] == whole[0].rejected
    assert parts[-1].done == 1.0


def test_chunks_halve_near_the_end_of_a_text_file():
    """The store's work on the last chunk is the import's tail: near the end of a file Arrow
    reads, chunks halve down to the first chunk's size, from an estimate of the rows left."""
    source = readers.open_source(FIRST_CHUNK_FILES[0])
    sizes = [len(c.row_numbers) for c in source.chunks(1000, first=100)]
    top = sizes.index(1000)
    tail = sizes[top:]
    peak_end = max(i for i, size in enumerate(tail) if size == 1000)
    ending = tail[peak_end + 1:]
    assert sizes[:top] == [100, 200, 400, 800] and len(ending) >= 3
    assert ending == sorted(ending, reverse=True) and min(ending[:-1]) >= 100
    assert ending[-1] < 200  # what is left after the smallest chunks
    assert sum(sizes) == len([r for c in source.chunks(100_000) for r in c.rows])


@pytest.mark.parametrize("handed, expected", [
    (0, 1000), (1000, 1000), (9000, 1000), (10_000, 500), (10_600, 200), (11_000, 100)])
def test_the_rows_left_are_estimated_from_the_bytes_read(handed, expected):
    """A 2.2 MB file at 200 bytes a row: 11,000 rows, the next chunk half of those left."""
    assert arrow_text.tapered(1000, 100, handed, 200 * handed, 2_200_000) == expected
