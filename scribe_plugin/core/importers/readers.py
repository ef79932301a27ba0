"""Open a partner's file as a header and chunks of rows, whatever its format.

CSV/TSV/TXT (encoding and delimiter detected: see ``text_format``), Excel .xlsx (read-only
streaming; XML parsed through defusedxml, and zip members checked before parsing, so a hostile
workbook cannot exhaust memory), and spatial files GDAL reads (GeoPackage, GeoJSON, shapefile,
...) through pyogrio. Every reader streams: a chunk at a time, never the whole file.
Row numbers are what a person opening the file sees: spreadsheet rows (the header is row 1)
for tables, feature numbers (from 1) for spatial files.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from itertools import chain, islice, repeat
from pathlib import Path

import numpy as np

from ..store_load import file_sha256_in_background
from . import arrow_text, text_format
from .errors import ImportFileError

CHUNK_ROWS = 100_000
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
SPATIAL_SUFFIXES = {".gpkg", ".geojson", ".json", ".geojsonl", ".shp", ".fgb", ".gml", ".kml",
                    ".zip"}
MAX_XLSX_MEMBER = 2 << 30      # uncompressed bytes of one part of a workbook
MAX_XLSX_RATIO = 200           # compression ratio above which a large part is a zip bomb
MAX_FIELD = 1 << 20            # characters in one CSV field


@dataclass
class Chunk:
    rows: list[list]                       # cell values in header order
    row_numbers: list[int]
    # spatial files: each feature's point in the file's CRS (NaN when it has none)
    x: np.ndarray | None = None
    y: np.ndarray | None = None
    # rows refused while reading (wrong number of fields, non-point geometry):
    # (row number, column or None, reason, raw cells)
    rejected: list[tuple[int, str | None, str, dict]] = field(default_factory=list)
    done: float = 0.0                      # fraction of the file read so far

    def rows_at(self, positions: list[int]) -> list[list]:
        return [self.rows[i] for i in positions]


@dataclass
class Source:
    path: Path
    kind: str                              # "text", "excel" or "spatial"
    header: list[str]
    hashing: Future[str]                   # the file's SHA-256, worked out in the background
    encoding: str | None = None
    delimiter: str | None = None
    crs: str | None = None                 # spatial files: the layer's CRS
    layer: str | None = None
    excel_epoch: dt.datetime | None = None  # Excel serial day 0 for this workbook
    size: int | None = None                # text files: bytes, and how many of them the
    checked_bytes: int | None = None       # encoding was decided on (less after a quick look)
    quotes: list[int] | None = None        # text files: the double quotes' offsets in the
                                           # checked bytes (None: more than MAX_QUOTES)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def sha256(self) -> str:
        """The file's SHA-256 (waits for it; "" for a quick look at a text file)."""
        return self.hashing.result()

    def chunks(self, size: int = CHUNK_ROWS, first: int | None = None) -> Iterator[Chunk]:
        """The records, ``size`` to a chunk (the last may hold fewer); given ``first``, the
        chunks start at that size and double up to ``size`` (an import starts the store's
        work sooner), and in a text file halve back down to it near the end (the store's
        work on the last chunk ends sooner: ``arrow_text.tapered``)."""
        ramp = []
        smallest = first
        while first and first < size:
            ramp.append(first)
            first *= 2
        sizes = chain(ramp, repeat(size))
        if self.kind == "text":  # and near the end, back down (arrow_text.tapered)
            yield from _text_chunks(self, sizes, taper_to=smallest)
        else:
            yield from {"excel": _excel_chunks, "spatial": _spatial_chunks}[self.kind](self, sizes)

    def preview(self, n: int = 20) -> list[list]:
        for chunk in self.chunks(n):
            return chunk.rows[:n]
        return []


def open_source(path: Path | str, encoding: str | None = None, delimiter: str | None = None,
                layer: str | None = None, whole_file: bool = True) -> Source:
    """The file's header, format and hash, ready to read in chunks. ``whole_file=False``
    decides a text file's encoding from its first MiBs only (a preview: ``checked_bytes``
    says how much; no hash), so a large file opens at once."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(path.name, "the file does not exist or is not a file.")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _open_excel(path)
    if suffix in SPATIAL_SUFFIXES:
        return _open_spatial(path, layer)
    if suffix == ".xls":
        raise ImportFileError(path.name, "old Excel 97-2003 workbooks (.xls) are not read.",
                              "Open it in Excel and save it as .xlsx, or export CSV.")
    fmt = text_format.inspect(path, encoding, delimiter, whole_file,
                              max_quotes=arrow_text.MAX_QUOTES)
    if whole_file:  # a file text_format let through: hash it while its first rows are read
        hashing = file_sha256_in_background(path)
    else:
        hashing = Future()
        hashing.set_result("")
    source = Source(path, "text", [], hashing, fmt.encoding, fmt.delimiter,
                    size=fmt.size, checked_bytes=fmt.checked_bytes, quotes=fmt.quotes)
    source.header = _text_header(source)
    return source


def unique_header(names: list) -> list[str]:
    """Header names trimmed, blanks named by position and repeats numbered, so every column
    can be mapped."""
    out: list[str] = []
    for i, raw in enumerate(names):
        name = "" if raw is None else str(raw).strip()
        name = name or f"column {i + 1}"
        candidate, k = name, 2
        while candidate in out:
            candidate, k = f"{name} ({k})", k + 1
        out.append(candidate)
    return out


# -- text --------------------------------------------------------------------------------------

def _csv_reader(source: Source, f):
    csv.field_size_limit(MAX_FIELD)
    return csv.reader(f, delimiter=source.delimiter, strict=True)


def _text_header(source: Source) -> list[str]:
    with open(source.path, newline="", encoding=source.encoding) as f:
        for row in _csv_reader(source, f):
            if any(cell.strip() for cell in row):
                return unique_header(row)
    raise ImportFileError(source.file_name, "the file has no header row.",
                          "The first line must name the columns.")


def _text_chunks(source: Source, sizes: Iterator[int],
                 taper_to: int | None = None) -> Iterator[Chunk]:
    """Records (non-blank rows) after the header, numbered from 2, ``next(sizes)`` to a chunk
    (the last may hold fewer): read by Arrow when it reads the file exactly as the csv reader
    would (``arrow_text``), otherwise by the csv reader."""
    header_row = _arrow_readable(source)
    if header_row is None:
        return _csv_chunks(source, sizes)
    return arrow_text.text_chunks(
        source, sizes, header_row, MAX_FIELD,
        lambda handed, rest: _csv_chunks(source, rest, skip=handed), taper_to=taper_to)


def _arrow_readable(source: Source) -> list[str] | None:
    """The header row as the csv reader reads it, when Arrow may read the file; else None.
    Only a file whose every byte was checked (not a preview's quick look) qualifies, and
    only with its quotes noted by that pass (more than MAX_QUOTES: the csv reader's)."""
    if not arrow_text.available() or source.encoding not in arrow_text.ARROW_ENCODINGS \
            or source.checked_bytes != source.size or len(source.delimiter or "") != 1 \
            or source.quotes is None:
        return None
    with open(source.path, newline="", encoding=source.encoding) as f:
        first = next((row for row in _csv_reader(source, f) if row), None)
    if first is None or unique_header(first) != source.header:
        return None  # blank-celled rows before the header: the csv reader skips them
    start = len(codecs.BOM_UTF8) if source.encoding == "utf-8-sig" else 0
    plain = arrow_text.plain_quoting(source.path, source.delimiter, start, source.quotes)
    return first if plain else None


def _csv_chunks(source: Source, sizes: Iterator[int], skip: int = 0) -> Iterator[Chunk]:
    """The csv reader's records, the first ``skip`` of them left out (another reader has
    handed them over). Rows are taken from the csv reader many at a time (``list.extend``
    runs the reader's loop in C)."""
    width = len(source.header)
    record = 0  # records read so far, the header included
    total = max(source.path.stat().st_size, 1)
    at_end = False
    with open(source.path, newline="", encoding=source.encoding) as f:
        reader = _csv_reader(source, f)
        while not at_end:
            size = next(sizes)
            batch: list[list[str]] = []
            while len(batch) < size and not at_end:
                wanted = size - len(batch)
                part: list[list[str]] = []
                try:
                    part.extend(islice(reader, wanted))
                except csv.Error as e:  # the rows before the broken one are in ``part``
                    broken = record + sum(1 for row in part if row) + 1
                    raise ImportFileError(source.file_name, f"the file is not valid "
                                          f"{'tab' if source.delimiter == chr(9) else 'comma'}"
                                          f"-separated text ({e}).", "Check quotes in that "
                                          "row, or export the file again.", row=broken) from None
                at_end = len(part) < wanted
                if not all(part):
                    part = [row for row in part if row]  # blank lines are not records
                if record == 0 and part:
                    del part[0]  # the header
                    record = 1
                record += len(part)
                if skip:
                    dropped = min(skip, len(part))
                    del part[:dropped]
                    skip -= dropped
                batch += part
            first = record - len(batch) + 1
            if set(map(len, batch)) <= {width}:
                rows, numbers, rejected = batch, list(range(first, record + 1)), []
            else:
                rows, numbers, rejected = _split_by_width(source.header, batch, first)
            if rows or rejected:
                yield Chunk(rows, numbers, rejected=rejected,
                            done=1.0 if at_end else f.buffer.tell() / total)


def _split_by_width(header: list[str], batch: list[list[str]], first: int):
    """(rows with as many fields as the header, their numbers, the others as rejects)."""
    width = len(header)
    rows, numbers, rejected = [], [], []
    for number, row in enumerate(batch, first):
        if len(row) == width:
            rows.append(row)
            numbers.append(number)
            continue
        what = "fewer" if len(row) < width else "more"
        raw = dict(zip(header, row))
        if len(row) > width:
            raw["_extra_fields"] = row[width:]
        rejected.append((number, None, f"the row has {len(row)} fields, {what} than the "
                         f"header's {width} (a truncated or broken row?)", raw))
    return rows, numbers, rejected


# -- Excel -------------------------------------------------------------------------------------

def _open_excel(path: Path) -> Source:
    import openpyxl
    from openpyxl import xml as openpyxl_xml

    if not getattr(openpyxl_xml, "DEFUSEDXML", False):
        raise ImportFileError(path.name, "Excel files are read only with defusedxml "
                              "installed (it protects against hostile workbooks).",
                              "Install the Python package defusedxml.")
    if path.stat().st_size == 0:
        raise ImportFileError(path.name, "the file is empty (0 bytes).")
    try:
        with zipfile.ZipFile(path) as z:
            for member in z.infolist():
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > MAX_XLSX_MEMBER or (
                        ratio > MAX_XLSX_RATIO and member.file_size > 100 << 20):
                    raise ImportFileError(path.name, f"part {member.filename} of the workbook "
                                          f"expands to {member.file_size:,} bytes: refused as "
                                          "a possible zip bomb.", "Export the sheet as CSV.")
    except zipfile.BadZipFile:
        raise ImportFileError(path.name, "this is not an Excel .xlsx workbook (not a zip "
                              "file).", "Open it in Excel and save it as .xlsx.") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for damaged workbooks
        raise ImportFileError(path.name, f"the workbook cannot be read ({e}).",
                              "Open it in Excel, save it again as .xlsx.") from None
    try:
        sheet = book.worksheets[0]
        header = None
        for values in sheet.iter_rows(values_only=True):
            if any(v not in (None, "") for v in values):
                header = unique_header(list(values))
                break
        epoch = book.epoch
    finally:
        book.close()
    if header is None:
        raise ImportFileError(path.name, "the first sheet is empty.")
    return Source(path, "excel", header, file_sha256_in_background(path), layer=sheet.title,
                  excel_epoch=dt.datetime(epoch.year, epoch.month, epoch.day))


def _excel_chunks(source: Source, sizes: Iterator[int]) -> Iterator[Chunk]:
    import openpyxl

    book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    width = len(source.header)
    rows, numbers = [], []
    size = next(sizes)
    seen_header = False
    try:
        sheet = book[source.layer] if source.layer else book.worksheets[0]
        total = max(sheet.max_row or 1, 1)
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not any(v not in (None, "") for v in values):
                continue
            if not seen_header:
                seen_header = True
                continue
            row = list(values[:width]) + [None] * (width - len(values))
            rows.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
            numbers.append(number)
            if len(rows) >= size:
                yield Chunk(rows, numbers, done=number / total)
                rows, numbers, size = [], [], next(sizes)
    finally:
        book.close()
    if rows:
        yield Chunk(rows, numbers, done=1.0)


# -- spatial -----------------------------------------------------------------------------------

def _open_spatial(path: Path, layer: str | None) -> Source:
    import pyogrio

    try:
        info = pyogrio.read_info(path, layer=layer)
    except Exception as e:  # pyogrio raises DataSourceError/DataLayerError and others
        raise ImportFileError(path.name, f"GDAL cannot read it as a spatial file ({e}).",
                              "Check that all parts of the file were sent (a shapefile "
                              "needs .shp, .shx, .dbf and .prj).") from None
    return Source(path, "spatial", unique_header(list(info["fields"])),
                  file_sha256_in_background(path), crs=info.get("crs"), layer=layer)


def _spatial_chunks(source: Source, sizes: Iterator[int]) -> Iterator[Chunk]:
    # pyogrio's raw reader: arrays and WKB, no geopandas/pyproj objects (this runs in QGIS
    # task threads, where pyproj's bundled PROJ is not safe next to QGIS's own)
    import shapely
    from pyogrio.raw import read

    start = 0
    total = max(pyogrio_features(source), 1)
    while True:
        size = next(sizes)
        meta, _, wkb, columns = read(source.path, layer=source.layer, skip_features=start,
                                     max_features=size)[:4]
        n = len(wkb) if wkb is not None else (len(columns[0]) if columns else 0)
        if n == 0:
            return
        geoms = shapely.from_wkb(wkb) if wkb is not None else np.full(n, None, dtype=object)
        kinds = shapely.get_type_id(geoms)
        points = np.where(kinds == 4, shapely.get_point(geoms, 0), geoms)  # 1-point multis
        is_point = shapely.get_type_id(points) == 0
        x = np.where(is_point, shapely.get_x(points), np.nan)
        y = np.where(is_point, shapely.get_y(points), np.nan)
        cells = [list(row) for row in zip(*[[_cell(v) for v in col] for col in columns])] \
            if columns else [[] for _ in range(n)]
        numbers = list(range(start + 1, start + n + 1))
        rejected, keep = [], []
        for i in range(n):
            if geoms[i] is not None and not is_point[i] and not shapely.is_empty(geoms[i]):
                rejected.append((numbers[i], "geometry", f"the geometry is a "
                                 f"{geoms[i].geom_type}, not a point: SCRIBE stores "
                                 "incidents as points", dict(zip(source.header, cells[i]))))
            else:
                keep.append(i)
        if len(keep) < n:
            cells = [cells[i] for i in keep]
            numbers = [numbers[i] for i in keep]
            x, y = x[keep], y[keep]
        yield Chunk(cells, numbers, x=x, y=y, rejected=rejected,
                    done=min((start + n) / total, 1.0))
        start += n
        if n < size:
            return


def pyogrio_features(source: Source) -> int:
    import pyogrio

    return int(pyogrio.read_info(source.path, layer=source.layer)["features"])


def _cell(value):
    """Plain Python values from a data frame cell."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        return dt.datetime.fromisoformat(str(value.astype("datetime64[us]")))
    if isinstance(value, np.generic):
        return value.item()
    return value
