"""Read a delimited text file in columns with pyarrow, when that reads it exactly as the csv
module would (the reference path in ``readers``); an optional accelerator.

Python's csv module builds a list per row that the mapping then turns into columns; Arrow's
reader parses straight into columns, in C++, at several times the speed. The two agree on
every file both accept, and they differ in what they accept:

- Arrow reads UTF-8 and Windows-1252 text (``ARROW_ENCODINGS``), the encodings partners'
  files come in; others (UTF-16) take the csv path.
- csv (strict) refuses a quoted field followed by anything but a delimiter or line end
  (``"b"c``); Arrow reads it as ``bc``. So Arrow reads only files whose quotes are all plain
  (``plain_quoting``, checked before reading), with every quote opening a field, doubled
  inside it, or closing it.
- csv sets aside rows of the wrong width and refuses fields over ``readers.MAX_FIELD``, or
  an unterminated quote. From the first such place, the rest of the file is read by the csv
  reader, which starts after the records Arrow has already handed over, so rows, numbers
  and messages are exactly the reference path's.

Cells are returned as they are in the file (empty cells as ""), chunk by chunk of exactly
``size`` records, numbered as the reference path numbers them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import numpy as np

from .. import gil_slices

try:  # optional: without it, every file takes the csv path
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv
except ImportError:  # pragma: no cover (pyarrow is in the project's dependencies)
    pa = None

ENABLED = True  # tests and benchmarks switch the accelerator off to compare with the csv path
BLOCK_BYTES = 4 << 20
# text Arrow reads (other encodings than UTF-8 through Python's codec, a block at a time)
ARROW_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "cp1252"})
MAX_QUOTES = 200_000  # beyond this, checking each quote costs more than Arrow saves
_SCAN_BYTES = 16 << 20
_QUOTE = ord('"')
_CR, _LF = ord("\r"), ord("\n")
# a column whose distinct values are fewer than this share of its cells is handed over as one
# str object per distinct value (also quicker for the mapping's set and dict work)
_SHARED_SHARE = 4


def available() -> bool:
    return ENABLED and pa is not None


@dataclass
class ArrowChunk:
    """A chunk of records as Arrow string columns (header order); ``rows`` is built only
    when something asks for rows (the quarantine, outcome files)."""

    table: object  # pyarrow.Table
    row_numbers: list[int]
    done: float = 0.0
    x: None = None
    y: None = None
    rejected: list = field(default_factory=list)  # always empty: see the module doc
    _rows: list[list] | None = None

    @property
    def rows(self) -> list[list]:
        if self._rows is None:
            columns = [col.to_pylist() for col in self.table.columns]
            self._rows = [list(row) for row in zip(*columns)]
        return self._rows

    def rows_at(self, positions: list[int]) -> list[list]:
        if self._rows is not None or not positions:
            return [self.rows[i] for i in positions]
        picked = self.table.take(pa.array(positions, pa.int64()))
        return [list(row) for row in zip(*(col.to_pylist() for col in picked.columns))]


# Every character str.strip() removes, so trimming in Arrow matches it exactly. Written out:
# finding them among all code points took 0.12 s, before every process's first import could
# send its first rows (tests/importers/test_arrow_text.py pins the list to this Python's).
PYTHON_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
                     "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def cleaned_cells(column, nulls: dict) -> list:
    """The column's cells trimmed as ``str.strip`` trims, the null markers as None: what the
    mapping's ``column`` makes of a csv column, from an Arrow column."""
    trimmed = pc.utf8_trim(column, characters=PYTHON_WHITESPACE)
    if nulls:
        is_null = pc.is_in(trimmed, value_set=_string_array(tuple(nulls)))
        if pc.any(is_null).as_py():
            trimmed = pc.if_else(is_null, pa.nulls(len(trimmed), pa.string()), trimmed)
    n = len(trimmed)
    encoded = trimmed.dictionary_encode()
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    if len(encoded.dictionary) * _SHARED_SHARE < n:
        # each distinct value made once, and every row's taken by numpy (in C: half the time
        # of a Python getitem per row)
        values = np.empty(len(encoded.dictionary) + 1, dtype=object)
        values[:-1] = python_strings(encoded.dictionary)  # to_pylist: 25x as long
        return gil_slices.taken(values, _codes(encoded.indices, len(values) - 1))
    return python_strings(trimmed)


# Out of Arrow without pandas. pyarrow imports pandas (0.2 s here) the first time anything
# converts to numpy or builds an array from Python objects (``to_numpy``, ``pa.array``,
# ``pa.scalar``, ``fill_null(value)``), and in a fresh process that happened in the first
# chunk, while the store waited for its first rows. So until pandas is loaded, values come
# out of the arrays' own buffers; ``load_quick_conversions`` loads it when the reader has
# time to spare (the store is busy), and from then on ``to_numpy`` is used, 2-3 times as
# quick for columns of distinct strings.

def _pandas_loaded() -> bool:
    return "pandas" in sys.modules


def load_quick_conversions() -> None:
    """Load what pyarrow's quick conversions need (pandas), if pyarrow is here."""
    if pa is not None and not _pandas_loaded():
        import pandas  # noqa: F401


def python_strings(column) -> list:
    """A string column's values as Python str, nulls as None."""
    if _pandas_loaded():  # a slice at a time: each string is made holding the GIL
        out: list = []
        for a in gil_slices.starts(len(column)):
            out += column.slice(a, gil_slices.SLICE).to_numpy(zero_copy_only=False).tolist()
        return out
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if len(chunks) == 1:
        return _sliced_strings(chunks[0])
    return list(chain.from_iterable(_sliced_strings(chunk) for chunk in chunks))


def _sliced_strings(array) -> list:
    if array.type != pa.string():
        return array.to_pylist()
    n = len(array)
    if n == 0:
        return []
    _, offsets, data = array.buffers()  # validity read by _valid, only when there are nulls
    ends = np.frombuffer(offsets, np.int32, count=n + 1, offset=array.offset * 4)
    raw = memoryview(data)[ends[0]:ends[-1]] if data is not None else memoryview(b"")
    starts = (ends - ends[0]).tolist()
    text = str(raw, "utf-8")
    if len(text) == len(raw):  # ASCII: a character is a byte, so slice the decoded text
        out = list(map(text.__getitem__, map(slice, starts, starts[1:])))
    else:
        out = [str(raw[a:b], "utf-8") for a, b in zip(starts, starts[1:])]
    if array.null_count:
        for i in np.flatnonzero(~_valid(array)).tolist():
            out[i] = None
    return out


def _codes(indices, fill: int) -> np.ndarray:
    """A dictionary's indices as numpy, nulls as ``fill``."""
    if indices.type != pa.int32() or _pandas_loaded():
        return indices.fill_null(fill).to_numpy()
    codes = np.frombuffer(indices.buffers()[1], np.int32, count=len(indices),
                          offset=indices.offset * 4)
    return np.where(_valid(indices), codes, fill) if indices.null_count else codes


def _valid(array) -> np.ndarray:
    bits = np.frombuffer(array.buffers()[0], np.uint8)
    return np.unpackbits(bits, count=array.offset + len(array),
                         bitorder="little")[array.offset:].astype(bool)


@lru_cache(maxsize=16)
def _string_array(values: tuple[str, ...]):
    """``pa.array(values, pa.string())`` without pyarrow's pandas check."""
    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, np.int32)
    offsets[1:] = np.cumsum([len(d) for d in data])
    return pa.StringArray.from_buffers(len(data), pa.py_buffer(offsets.tobytes()),
                                       pa.py_buffer(b"".join(data)))


def plain_quoting(path, delimiter: str, start: int = 0, quotes: list[int] | None = None
                  ) -> bool:
    """Whether every double quote in the file opens a field, is doubled inside a quoted
    field, or closes one (followed by the delimiter, a line end or the end of the file):
    then Arrow and the csv module split the file alike. False also when the file has more
    than MAX_QUOTES quotes. ``start``: where the text begins (after a byte-order mark).

    The file is scanned as bytes: in UTF-8 and Windows-1252, the quote, delimiter and line-end
    bytes never occur inside another character. ``quotes``: the quotes' offsets, when the
    whole-file pass of ``text_format.inspect`` noted them (then the file is not scanned)."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    size = len(data)
    if quotes is None:
        quotes = _quote_offsets(data)
    if quotes is None or len(quotes) > MAX_QUOTES:
        return False
    if not quotes:
        return True
    delim = ord(delimiter)
    ends = {delim, _CR, _LF}
    inside = False
    i, count = 0, len(quotes)
    while i < count:
        q = quotes[i]
        if not inside:  # a quote that must open a field
            if q > start and data[q - 1] not in ends:
                return False  # a quote within an unquoted field: keep to the csv reader
            inside = True
        elif q + 1 < size and data[q + 1] == _QUOTE:
            i += 1  # a doubled quote inside the field
        elif q + 1 == size or data[q + 1] in ends:
            inside = False
        else:
            return False  # text after a closing quote: the csv reader refuses it
        i += 1
    return True


def _quote_offsets(data: np.ndarray) -> list[int] | None:
    """Where the double quotes are, or None when there are more than MAX_QUOTES."""
    quotes: list[int] = []
    for at in range(0, len(data), _SCAN_BYTES):
        found = np.flatnonzero(data[at:at + _SCAN_BYTES] == _QUOTE)
        if len(found):
            quotes.extend((found + at).tolist())
            if len(quotes) > MAX_QUOTES:
                return None
    return quotes


def text_chunks(source, sizes: Iterator[int], header_row: list[str], max_field: int,
                fallback: Callable[[int, Iterator[int]], Iterator],
                taper_to: int | None = None) -> Iterator:
    """The file's records in chunks of ``next(sizes)``, read by Arrow; from the first place
    Arrow and csv could differ, ``fallback(records_handed_over, sizes)`` reads the rest.
    ``header_row``: the csv reader's first record, which Arrow's must equal; ``max_field``:
    its longest field (characters; Arrow measures bytes, never fewer). ``taper_to``: near
    the end of the file, chunks halve down to this size (``tapered``)."""
    names = [f"c{j}" for j in range(len(source.header))]
    trouble: list = []

    def note_invalid(row) -> str:  # a row of the wrong width: the csv reader sets it aside
        trouble.append(row)
        return "skip"

    handed = 0  # records handed over
    handed_bytes = 0  # about how many bytes of the file they took
    size = next(sizes)
    total = max(source.size or 1, 1)
    with pa.OSFile(str(source.path)) as stream:
        try:
            reader = pa_csv.open_csv(
                stream,
                read_options=pa_csv.ReadOptions(
                    column_names=names, block_size=BLOCK_BYTES, use_threads=False,
                    encoding="utf8" if source.encoding.startswith("utf-8") else source.encoding),
                parse_options=pa_csv.ParseOptions(delimiter=source.delimiter,
                                                  newlines_in_values=True,
                                                  invalid_row_handler=note_invalid),
                convert_options=pa_csv.ConvertOptions(
                    column_types={name: pa.string() for name in names},
                    strings_can_be_null=False, quoted_strings_can_be_null=False))
            pending: list = []
            buffered = 0
            header_seen = False
            # Arrow reads ahead of the records it hands over: short of the end, ``done``
            # stays below 1
            for batch in _batches(reader):
                if trouble or not _fields_fit(batch, max_field):
                    break
                if not header_seen:
                    header_seen = True
                    if [col[0].as_py() for col in batch.columns] != header_row:
                        break  # something before the header: the csv reader decides
                    batch = batch.slice(1)
                pending.append(batch)
                buffered += batch.num_rows
                while buffered > size:  # more follows: this is not the last chunk
                    table = pa.Table.from_batches(pending)
                    rest = table.slice(size)
                    chunk = table.slice(0, size)
                    handed_bytes += _text_bytes(chunk)
                    yield _chunk(chunk, handed, min(stream.tell() / total, 0.99))
                    handed += size
                    size = next(sizes)
                    pending, buffered = rest.to_batches(), rest.num_rows
                    if taper_to:
                        size = tapered(size, taper_to, handed, handed_bytes, total)
            else:
                if header_seen and not trouble:
                    if buffered:
                        yield _chunk(pa.Table.from_batches(pending), handed, 1.0)
                    return
        except pa.ArrowInvalid:
            pass  # an unterminated quote or the like: the csv reader names it
    yield from fallback(handed, chain([size], sizes))


def tapered(size: int, smallest: int, handed: int, handed_bytes: int, total: int) -> int:
    """The next chunk's size near the end of the file: half the rows left, down to
    ``smallest``. Whatever the store does with the last chunk is the import's tail, with the
    reader done and nothing to overlap it: a million police.uk rows in 100,000-row chunks
    ended 0.45 s after the last row was read, the store's time for one full chunk. The rows
    left are estimated from the bytes the rows ``handed`` over took (``handed_bytes``, of the
    file's ``total``); Arrow's own read position runs far ahead of them."""
    if not handed or not handed_bytes:
        return size
    rows_left = max(total - handed_bytes, 0) * handed / handed_bytes
    return max(smallest, min(size, int(rows_left // 2)))


def _text_bytes(table) -> int:
    """About how many bytes of text the rows took: their values (Arrow's string data, less
    the 4-byte offset each value has there) plus a delimiter or line end after each."""
    return max(table.nbytes - 3 * table.num_columns * table.num_rows, 0)


def _batches(reader) -> Iterator:
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        if batch.num_rows:
            yield batch


def _chunk(table, handed: int, done: float) -> ArrowChunk:
    first = handed + 2  # the header is record 1
    return ArrowChunk(table.combine_chunks(), list(range(first, first + table.num_rows)),
                      done=done)


def _fields_fit(batch, max_field: int) -> bool:
    return all((pc.max(pc.binary_length(col)).as_py() or 0) <= max_field
               for col in batch.columns)
