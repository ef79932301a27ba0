"""The Arrow text reader is an accelerator only: on every file, whatever its quoting, widths
or breakage, the import must see exactly what the csv reader (the reference) gives, either
because Arrow read it identically or because the csv reader took over."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from scribe_plugin.core.importers import arrow_text, mapping, profiles, readers, text_format
from scribe_plugin.core.importers.errors import ImportFileError

STREET = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "police_uk" / \
    "bedfordshire" / "street"
HEADER = "id,kind,place"


def read_both(path: Path, size: int, monkeypatch) -> tuple[list, list, set]:
    """(what each reader gives: rows, numbers, set-aside rows or the error) and the chunk kinds
    the Arrow side used."""
    results, kinds = [], set()
    for arrow in (False, True):
        monkeypatch.setattr(arrow_text, "ENABLED", arrow)
        out = []
        try:
            for chunk in readers.open_source(path).chunks(size):
                if arrow:
                    kinds.add(type(chunk).__name__)
                out.append((chunk.rows, chunk.row_numbers, chunk.rejected))
            out.append(("end", chunk.done if out else None))
        except ImportFileError as e:
            out.append(("error", str(e)))
        results.append(out)
    return results[0], results[1], kinds


CASES = {
    "plain": HEADER + "\n1,a,x\n2,b,y\n3,c,z\n",
    "quoted delimiters, doubled quotes, line breaks in a cell, blank lines":
        HEADER + '\r\n1,"a, b","say ""hi"""\r\n\r\n2,"two\nlines",y\r\n3,"",z',
    "a row too short and one too long mid-file":
        HEADER + "\n1,a,x\n2,b\n3,c,z\n4,d,w,extra\n5,e,v\n",
    "text after a closing quote (csv refuses it)": HEADER + '\n1,a,x\n2,"b"c,y\n3,c,z\n',
    "a quote inside an unquoted cell": HEADER + '\n1,a"b,x\n2,b,y\n',
    "an unterminated quote": HEADER + '\n1,a,x\n2,"b,y\n3,c,z\n',
    "a blank-celled row before the header": ",,\n" + HEADER + "\n1,a,x\n",
    "a byte-order mark": "\ufeff" + HEADER + "\n1,a,x\n2,b,y\n",
    "only a header": HEADER + "\n",
    "whitespace around cells and a whitespace-only line": HEADER + "\n 1 , a ,x\n  \n2,b,y\n",
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("size", [1, 2, 3, 100])
def test_arrow_reads_every_file_exactly_as_the_csv_reader(tmp_path, monkeypatch, name, size):
    path = tmp_path / "f.csv"
    path.write_text(CASES[name], encoding="utf-8", newline="")
    reference, arrow, _ = read_both(path, size, monkeypatch)
    assert arrow == reference


def test_tab_separated_windows_1252_and_utf_16_files(tmp_path, monkeypatch):
    tsv = tmp_path / "f.tsv"
    tsv.write_text("id\tkind\n1\t\"a\tb\"\n2\tc\n", encoding="utf-8")
    reference, arrow, kinds = read_both(tsv, 2, monkeypatch)
    assert arrow == reference and kinds == {"ArrowChunk"}
    latin = tmp_path / "g.csv"
    latin.write_bytes('id,place\n1,Caf\xe9 \xa3\n2,"Caf\xe9, na\xefve \u20ac"\n'
                      .encode("cp1252"))
    reference, arrow, kinds = read_both(latin, 2, monkeypatch)
    assert arrow == reference and kinds == {"ArrowChunk"}
    assert reference[0][0][1] == ["2", "Caf\xe9, na\xefve \u20ac"]
    utf16 = tmp_path / "h.csv"
    utf16.write_text("id,place\n1,Caf\xe9\n", encoding="utf-16")
    reference, arrow, kinds = read_both(utf16, 2, monkeypatch)
    assert arrow == reference and kinds == {"Chunk"}  # UTF-16: the csv reader


def test_the_csv_reader_takes_over_after_the_records_arrow_handed_over(tmp_path,
                                                                       monkeypatch):
    lines = [HEADER] + [f"{i},k,p" for i in range(40)] + ["40,short"] + \
        [f"{i},k,p" for i in range(41, 45)]
    path = tmp_path / "f.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # several Arrow batches (Arrow parses a block ahead, so it notices the short row early)
    monkeypatch.setattr(arrow_text, "BLOCK_BYTES", 64)
    reference, arrow, kinds = read_both(path, 4, monkeypatch)
    assert arrow == reference
    assert kinds == {"ArrowChunk", "Chunk"}
    numbers = [n for rows, numbers, _ in arrow[:-1] for n in numbers]
    assert numbers == [n for n in range(2, 47) if n != 42]  # record 42 is set aside


def test_a_field_over_the_csv_limit_is_refused_as_the_csv_reader_refuses_it(tmp_path,
                                                                             monkeypatch):
    path = tmp_path / "f.csv"
    path.write_text(HEADER + "\n1,a,x\n2,bbbbbbbbbbbbbbbbbbbbbbbb,y\n", encoding="utf-8")
    source = readers.open_source(path)  # the header is read with the usual limit
    usual = readers.MAX_FIELD
    monkeypatch.setattr(readers, "MAX_FIELD", 10)
    try:
        reference, arrow, _ = [], [], None
        for arrow_on, out in ((False, reference), (True, arrow)):
            monkeypatch.setattr(arrow_text, "ENABLED", arrow_on)
            with pytest.raises(ImportFileError) as refused:
                out.extend((c.rows, c.row_numbers) for c in source.chunks(1))
            out.append(str(refused.value))
    finally:
        csv.field_size_limit(usual)  # the csv module's limit is process-wide
    assert arrow == reference
    assert reference[0] == ([["1", "a", "x"]], [2])
    assert "row 3" in reference[-1] and "field larger than field limit" in reference[-1]


@pytest.mark.parametrize("text, plain", [
    ('a,b\n1,2\n', True),
    ('a,b\n"1,x","say ""hi"""\n"two\nlines",3\n', True),
    ('a,b\n1,""\n', True),
    ('a,b\n1,"x"', True),                # the closing quote ends the file
    ('a,b\n1,"x"y\n', False),            # text after a closing quote
    ('a,b\n1,"" \n', False),             # a space after an empty quoted cell
    ('a,b\n1,x"y\n', False),             # a quote inside an unquoted cell
    ('"a",b\n', True),                   # a quote opening the file
])
def test_plain_quoting(tmp_path, text, plain):
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert arrow_text.plain_quoting(path, ",") is plain
    # the same verdict from the quotes the whole-file pass notes (no scan of its own)
    noted = text_format.inspect(path, max_quotes=arrow_text.MAX_QUOTES).quotes
    assert noted == [i for i, byte in enumerate(path.read_bytes()) if byte == ord('"')]
    assert arrow_text.plain_quoting(path, ",", quotes=noted) is plain


def test_the_whole_file_pass_notes_quotes_across_blocks_up_to_its_limit(tmp_path):
    lines = '1,"a ""b"", c",x\n' + "2,plain,y\n" * 40  # quotes in every block, not many
    path = tmp_path / "f.csv"
    path.write_text("a,b,c\n" + lines * (3 * text_format.BLOCK // len(lines)), encoding="utf-8")
    data = path.read_bytes()
    everyone = [i for i, byte in enumerate(data) if byte == ord('"')]
    assert len(data) > 2 * text_format.BLOCK
    assert text_format.inspect(path, max_quotes=len(everyone)).quotes == everyone
    assert text_format.inspect(path, max_quotes=len(everyone) - 1).quotes is None
    assert text_format.inspect(path).quotes is None  # not asked for
    assert arrow_text.plain_quoting(path, ",", quotes=everyone)


def test_plain_quoting_after_a_byte_order_mark_and_with_too_many_quotes(tmp_path,
                                                                        monkeypatch):
    path = tmp_path / "f.csv"
    path.write_text('\ufeff"a",b\n"1",2\n', encoding="utf-8")
    assert arrow_text.plain_quoting(path, ",", start=3)
    monkeypatch.setattr(arrow_text, "MAX_QUOTES", 3)
    assert not arrow_text.plain_quoting(path, ",", start=3)


def test_cells_are_trimmed_of_exactly_what_str_strip_trims():
    pa = pytest.importorskip("pyarrow")
    cells = ["\x1c a\xa0", "\u3000b\u2028", "\u200bc\u200b", "NULL", " ", "", "d"]
    nulls = dict.fromkeys(["", "NULL"])
    expected = [nulls.get(v.strip(), v.strip()) for v in cells]
    assert arrow_text.cleaned_cells(pa.array(cells), nulls) == expected
    many = cells * 20  # few distinct values: one str object per value
    assert arrow_text.cleaned_cells(pa.array(many), nulls) == expected * 20


@pytest.mark.parametrize("short_row", [False, True])
def test_real_police_files_map_identically(tmp_path, monkeypatch, short_row):
    """Records, quarantine and the file-wide state, from real police.uk months with broken
    rows added (bad dates and coordinates, a formula cell, a duplicate id; and a short row,
    from which the csv reader takes over)."""
    months = sorted(STREET.glob("*.csv"))[:3]
    text = "".join(m.read_text(encoding="utf-8-sig") if i == 0 else
                   m.read_text(encoding="utf-8-sig").split("\n", 1)[1]
                   for i, m in enumerate(months))
    header, *rows = text.splitlines()
    plain = [i for i, row in enumerate(rows) if '"' not in row]
    with_id = [i for i in plain if row_cells(rows, i)[0]]

    def change(i: int, column: int, value: str) -> None:
        cells = row_cells(rows, i)
        cells[column] = value
        rows[i] = ",".join(cells)

    change(plain[5], 1, "2021-13")                  # no such month
    change(plain[9], 4, "west")                     # not a longitude
    change(plain[11], 6, "=cmd|' /C calc'!A0")      # a formula
    rows[with_id[3]] = rows[with_id[2]]             # a duplicate id
    if short_row:
        rows.insert(len(rows) - 10, "short,row")
    monkeypatch.setattr(arrow_text, "BLOCK_BYTES", 64 << 10)  # Arrow hands over chunks first
    path = tmp_path / "street.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    profile = profiles.get_profile("police_uk_street")
    now = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
    results = []
    for arrow in (False, True):
        monkeypatch.setattr(arrow_text, "ENABLED", arrow)
        source = readers.open_source(path)
        state = mapping.MappingState(profile, source, now=now)
        chunks = list(source.chunks(5_000))
        out = [(vars(records), quarantine) for records, quarantine in
               (mapping.map_chunk(chunk, state) for chunk in chunks)]
        kinds = {type(chunk).__name__ for chunk in chunks}
        assert kinds == ({"ArrowChunk", "Chunk"} if arrow and short_row else
                         {"ArrowChunk"} if arrow else {"Chunk"})
        results.append((out, state.seen_ids.first_rows(), state.derived, state.warnings,
                        state.unknown_labels, state.no_location))
    assert results[1] == results[0]
    assert sum(len(q) for _, q in results[0][0]) == 4 + short_row


def row_cells(rows: list[str], i: int) -> list[str]:
    return rows[i].split(",")


def test_the_trimmed_characters_are_exactly_those_str_strip_removes():
    """arrow_text writes the list out (finding it took 0.12 s per process): it must stay what
    this Python's str.strip() removes, or Arrow and the csv reader would trim differently."""
    import sys

    found = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace())
    assert arrow_text.PYTHON_WHITESPACE == found
    assert all(not ch.strip() for ch in arrow_text.PYTHON_WHITESPACE)
