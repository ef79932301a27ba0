"""Load validated incident records into the store through its import functions.

The importers turn a partner's file into ``IncidentRecords`` and quarantine entries, chunk by
chunk; a ``StoreLoad`` sends them, in the caller's single transaction, through
``scribe.begin_import`` -> per chunk: ``open_fresh_months`` (which of the chunk's months are
new to the store, for instants it has not answered yet), binary COPY of those rows straight
into the batch's new month tables (the store's trigger checks them and writes their keys),
and of the others into the staging table followed by ``stage_chunk`` (the store checks,
plans and writes them) -> ``quarantine_rows`` -> ``finish_import`` (new months attached,
counts, audit). Nothing is written unless the whole import commits, and the store refuses to
commit a batch that staged rows but was not finished.
"""

from __future__ import annotations

import hashlib
import threading
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np
import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from . import gil_slices
from .copy_rows import BinaryCopyRows, joined

STAGE_CHUNK = 50_000
# pg_temp.scribe_import_rows (made by scribe.begin_import), in IncidentRecords field order
COPY_TYPES = ("text", "text", "timestamptz", "timestamptz", "timestamptz", "float8", "float8",
              "float8", "float8", "text", "float4", "text", "text", "text", "text", "int2",
              "text", "text")
COPY_SQL = "COPY pg_temp.scribe_import_rows FROM STDIN (FORMAT binary)"
XY = slice(5, 7)  # x, y among the staging columns (IncidentRecords' fields)
# scribe.import_fresh_<batch> (016): the same columns with the point as EWKB in place of x, y
FRESH_COPY_TYPES = COPY_TYPES[:XY.start] + ("bytea",) + COPY_TYPES[XY.stop:]
BNG = 27700
# little-endian EWKB: byte order, Point with SRID, srid, x, y (25 bytes, unpadded)
_EWKB_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("srid", "<i4"), ("x", "<f8"),
                        ("y", "<f8")])
QUARANTINE_CHUNK = 10_000
UNDECIDED_GROUPS = 64  # instants a chunk's undecided rows are formatted apart by, at most
TRANSITION_WORK_MEM = "128MB"  # a chunk's rows in the store's transition table, unspilled


@dataclass
class IncidentRecords:
    """Column arrays, one entry per record, in British National Grid (EPSG:27700)."""

    source_record_id: list[str]
    category_code: list[str]
    occurred_from: list
    occurred_to: list = field(default_factory=list)
    reported_at: list = field(default_factory=list)
    x: list = field(default_factory=list)
    y: list = field(default_factory=list)
    original_x: list = field(default_factory=list)
    original_y: list = field(default_factory=list)
    original_crs: list = field(default_factory=list)
    location_precision_m: list = field(default_factory=list)
    location_description: list = field(default_factory=list)
    lsoa_code: list = field(default_factory=list)
    ward_code: list = field(default_factory=list)
    outcome: list = field(default_factory=list)
    sensitivity: list = field(default_factory=list)
    free_text: list = field(default_factory=list)
    exact_address: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.source_record_id)

    def slice(self, start: int, stop: int) -> IncidentRecords:
        return IncidentRecords(*(getattr(self, f.name)[start:stop] for f in fields(self)))

    def take(self, rows: list[int]) -> IncidentRecords:
        """The records at these positions (optional columns left empty stay empty)."""
        columns = (getattr(self, f.name) for f in fields(self))
        return IncidentRecords(*([values[i] for i in rows] if values else []
                                 for values in columns))

    def columns(self, default_sensitivity: int = 1) -> list[list]:
        """All columns in staging-table order, optional ones padded with NULLs."""
        n = len(self)
        out = []
        for f in fields(self):
            values = list(getattr(self, f.name))
            if not values:
                values = [default_sensitivity] * n if f.name == "sensitivity" else [None] * n
            if len(values) != n:
                raise ValueError(f"column {f.name} has {len(values)} values for {n} records")
            out.append(values)
        return out


_STAGED = [f.name for f in fields(IncidentRecords)]
FRESH_COLUMNS = tuple(_STAGED[:XY.start] + ["geom"] + _STAGED[XY.stop:])


@dataclass(frozen=True)
class QuarantineEntry:
    row_number: int
    column: str | None
    reason: str
    raw_row: dict


@dataclass(frozen=True)
class ImportSummary:
    batch_id: int
    read: int
    inserted: int
    updated: int
    unchanged: int
    quarantined: int


HASH_BLOCK = 16 << 20


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read into one 16 MiB buffer at a time: the read and the hash each
    let go of the GIL, and with blocks this large another thread's Python work holds the
    hash up at few hand-overs (1 MiB blocks made it wait at 444 per 222 MB, up to 5 ms each).
    Not through mmap: every page of a mapped file would count as the process's memory."""
    digest = hashlib.sha256()
    buffer = bytearray(HASH_BLOCK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as f:
        while n := f.readinto(buffer):
            digest.update(view[:n])
    return digest.hexdigest()


def file_sha256_in_background(path: Path) -> Future[str]:
    """The file's SHA-256, worked out on a thread of its own: hashlib and file reads let go
    of the GIL, so the hash (0.11 s per 222 MB) overlaps the reading of the first rows instead
    of coming before them."""
    future: Future[str] = Future()

    def work() -> None:
        try:
            future.set_result(file_sha256(path))
        except BaseException as exc:  # noqa: BLE001 (handed to whoever asks for the hash)
            future.set_exception(exc)

    threading.Thread(target=work, name="scribe-file-hash", daemon=True).start()
    return future


@dataclass(frozen=True)
class PreparedChunk:
    """One chunk of records as the binary COPY data the store takes (``StoreLoad.prepare``)."""

    rows: int
    fresh: dict | None = None     # month table -> its rows, COPYed straight into it
    staged: bytearray | None = None  # into the staging table, then stage_chunk
    # Rows in months the store has not yet been asked about: the instants to ask about, and
    # the rows formatted both ways, so that sending them takes no formatting (unless the
    # store's answer splits them, which only a file reaching from stored months into new ones
    # does, and then ``records`` are formatted as it says).
    asking: tuple = ()
    undecided: IncidentRecords | None = None
    undecided_fresh: dict | None = None  # by instant when they are few, else under None
    undecided_staged: bytearray | None = None
    sensitivity: int = 1


class StoreLoad:
    """One import batch inside the caller's open transaction: ``add`` record chunks and
    quarantine entries as the file is read, then ``finish``.

    ``add_records`` is ``prepare`` (client work: split by month, format the COPY data) then
    ``send`` (the connection's work: ask the store about months it has not been asked about,
    COPY). The engine prepares on its reading thread and sends on a background thread, so the
    background thread holds the GIL only briefly: a thread formatting rows while another
    parses them made both wait for the GIL at every hand-over. ``prepare`` uses the connection
    only when it is free, so the reading thread never waits for it: rows in months not yet
    asked about are then formatted both ways, and ``send`` picks one when the store has
    answered.
    """

    _SETTLED_LIMIT = 200_000  # instants remembered as in a new month or not

    def __init__(self, conn: psycopg.Connection, file_name: str, sha256: str | Future[str],
                 profile: str):
        """``sha256``: the file's hash, or its future (``file_sha256_in_background``): then
        the batch opens at once, and the hash is recorded when it is done, by ``finish``
        (the store's first rows no longer wait for the whole file to be hashed)."""
        self.conn = conn
        self.file_name = file_name
        self._hash_to_follow: Future[str] | None = None
        if isinstance(sha256, Future):
            if sha256.done() and sha256.exception() is None:
                sha256 = sha256.result()
            else:
                self._hash_to_follow, sha256 = sha256, None
        self.batch_id: int = conn.execute("SELECT scribe.begin_import(%s, %s, %s)",
                                          (file_name, sha256, profile)).fetchone()[0]
        # The store's trigger reads each COPY's rows from a transition table, which fills
        # under the session's work_mem: at PostgreSQL's 4 MB (32 MB on the dev cluster) a
        # 100,000-row chunk spills to temporary files (231 MB per million police.uk rows).
        # For this transaction only.
        conn.execute(f"SET LOCAL work_mem = '{TRANSITION_WORK_MEM}'")
        self.staged = 0
        self.quarantined = 0
        # COPY formatting for the reading thread (staged rows, rows for new months), and the
        # sending thread's own, for the rare chunk the store's answer splits
        self._formatting = _Formatting(BinaryCopyRows(conn, COPY_TYPES),
                                       BinaryCopyRows(conn, FRESH_COPY_TYPES))
        self._sender_formatting = _Formatting(BinaryCopyRows(conn, COPY_TYPES),
                                              BinaryCopyRows(conn, FRESH_COPY_TYPES))
        # instant -> whether its month is new to the store; written by the sending thread
        self._settled: dict = {}

    def add_records(self, records: IncidentRecords, default_sensitivity: int = 1) -> None:
        self.send(self.prepare(records, default_sensitivity))

    def prepare(self, records: IncidentRecords, default_sensitivity: int = 1,
                connection_free: Callable[[], bool] = lambda: True) -> PreparedChunk:
        """The records as COPY data, split between new months, the staging table and (in
        months the store has not been asked about) both. Asks the store at once only when
        ``connection_free()`` says nothing else is using the connection."""
        if not len(records):
            return PreparedChunk(0)
        if len(self._settled) > self._SETTLED_LIMIT:
            self._settled.clear()  # many distinct instants: memory stays bounded
        groups, asking, known = self._split_by_month(records)
        if asking and connection_free():  # ask now, and format the rows one way only
            self._settle(sorted(asking))
            groups, asking, known = self._split_by_month(records)
        fresh, staged, undecided = (groups.get(key) for key in (True, False, None))
        formatting = self._formatting
        return PreparedChunk(
            len(records),
            fresh=self._fresh_data(formatting, fresh, default_sensitivity, known),
            staged=self._staged_data(formatting, staged, default_sensitivity),
            asking=asking, undecided=undecided,
            undecided_fresh=self._fresh_data(formatting, undecided, default_sensitivity,
                                             _by_instant(undecided)),
            undecided_staged=self._staged_data(formatting, undecided, default_sensitivity),
            sensitivity=default_sensitivity)

    def send(self, chunk: PreparedChunk) -> None:
        self.send_many([chunk])

    def send_many(self, chunks: list[PreparedChunk]) -> None:
        """Ask the store about the chunks' new instants (it makes their new months), then
        COPY the chunks into the store together: each new month's rows straight into its
        table, the others into the staging table (and have them written). Chunks sent
        together take one COPY per month, not one per month and chunk."""
        fresh: dict = {}
        staged = None
        for chunk in chunks:
            pieces, more_staged = list((chunk.fresh or {}).items()), None
            if chunk.asking:
                placed, more_staged = self._place_undecided(
                    chunk, self._settle(sorted(chunk.asking)))
                pieces += placed
            for table, data in pieces:
                fresh[table] = joined(fresh.get(table), data)
            staged = joined(joined(staged, chunk.staged), more_staged)
        for table, data in fresh.items():
            self._copy(sql.SQL("COPY scribe.{} ({}) FROM STDIN (FORMAT binary)").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, FRESH_COLUMNS))),
                data)
        if staged is not None:
            self._copy(COPY_SQL, staged)
            self.conn.execute("SELECT scribe.stage_chunk(%s)", (self.batch_id,))
        self.staged += sum(chunk.rows for chunk in chunks)

    def _place_undecided(self, chunk: PreparedChunk,
                         answer: dict) -> tuple[list, bytearray | None]:
        """The chunk's undecided rows as the store's answer places them: (month table, data)
        pairs and the staged data. Formatted already when the answer keeps them together (or
        they were formatted by instant); formatted again, on this thread, when it splits
        them."""
        tables = set(answer.values())
        if False not in tables and None not in chunk.undecided_fresh:  # by instant
            return [(answer[t], data) for t, data in chunk.undecided_fresh.items()], None
        if False not in tables and len(tables) == 1:  # one new month
            return [(tables.pop(), chunk.undecided_fresh[None])], None
        if tables == {False}:
            return [], chunk.undecided_staged
        groups = _grouped(chunk.undecided, {t: bool(table) for t, table in answer.items()})
        formatting, level = self._sender_formatting, chunk.sensitivity
        fresh = self._fresh_data(formatting, groups.get(True), level, answer) or {}
        return list(fresh.items()), self._staged_data(formatting, groups.get(False), level)

    def _copy(self, statement: str | sql.Composed, data: bytearray) -> None:
        with self.conn.cursor().copy(statement) as copy:
            copy.write(data)  # signature, rows and trailer, as formatted by BinaryCopyRows

    @staticmethod
    def _fresh_data(formatting: _Formatting, records: IncidentRecords | None, sensitivity: int,
                    group_of: dict | None) -> dict | None:
        """The records as COPY data for the new months, one stream per ``group_of[instant]``
        (all in one, under None, without ``group_of``)."""
        if records is None:
            return None
        labels = None if group_of is None else gil_slices.mapped(group_of.__getitem__,
                                                                 records.occurred_from)
        return formatting.fresh.format_by(fresh_columns(records, sensitivity), labels)

    @staticmethod
    def _staged_data(formatting: _Formatting, records: IncidentRecords | None,
                     sensitivity: int) -> bytearray | None:
        if records is None:
            return None
        return formatting.staged.format(records.columns(sensitivity))

    def _split_by_month(self, records: IncidentRecords) -> tuple[dict, tuple, dict]:
        """The records by what the store said of their months: {True: in months new to the
        store, False: in months it has, None: not asked about yet} (only groups with rows),
        the instants to ask about, and what is known of each instant (its new month's table,
        False, or None). The store says which months are new, as instants, so
        no time zone is guessed here; its answers hold for the rest of the batch (a month set
        aside stays so until finish_import)."""
        stamps = gil_slices.distinct(records.occurred_from)
        if any(getattr(t, "tzinfo", None) is None for t in stamps):
            # the staging path refuses these with the store's message
            return {False: records}, (), {}
        known = {t: self._settled.get(t) for t in stamps}
        asking = tuple(t for t, table in known.items() if table is None)
        return _grouped(records, {t: None if table is None else bool(table)
                                  for t, table in known.items()}), asking, known

    def _settle(self, stamps: list) -> dict:
        """Ask the store which of these instants are in months new to it (it makes them):
        instant -> the new month's table, or False. Remembered for the chunks that follow."""
        months = self.conn.execute(
            "SELECT month_start, month_end, month_table "
            "FROM scribe.open_fresh_months(%s, %s)", (self.batch_id, stamps)).fetchall()
        starts = [start for start, _, _ in months]
        answer = {}
        for t in stamps:
            i = bisect_right(starts, t) - 1
            answer[t] = months[i][2] if i >= 0 and t < months[i][1] else False
        self._settled.update(answer)
        return answer

    def add_quarantine(self, entries: list[QuarantineEntry]) -> None:
        for start in range(0, len(entries), QUARANTINE_CHUNK):
            part = entries[start:start + QUARANTINE_CHUNK]
            self.conn.execute(
                "SELECT scribe.quarantine_rows(%s, %s, %s, %s, %s, %s)",
                (self.batch_id, self.file_name, [q.row_number for q in part],
                 [q.column for q in part], [q.reason for q in part],
                 [Jsonb(q.raw_row) for q in part]))
        self.quarantined += len(entries)

    def finish(self, rows_read: int) -> ImportSummary:
        if self._hash_to_follow is not None:
            self.conn.execute("SELECT scribe.record_file_hash(%s, %s)",
                              (self.batch_id, self._hash_to_follow.result()))
        inserted, updated, unchanged, quarantined = self.conn.execute(
            "SELECT * FROM scribe.finish_import(%s, %s)", (self.batch_id, rows_read)).fetchone()
        return ImportSummary(self.batch_id, rows_read, inserted, updated, unchanged,
                             quarantined)


def load(conn: psycopg.Connection, records: IncidentRecords, file_name: str, sha256: str,
         profile: str, quarantine: list[QuarantineEntry] | tuple = (), rows_read: int = 0,
         progress=None) -> ImportSummary:
    """One import of records already in memory, in one transaction: all of it lands, or (on
    any error, or if ``progress`` returns False to cancel) none of it does."""
    with conn.transaction():
        store = StoreLoad(conn, file_name, sha256, profile)
        n = len(records)
        for start in range(0, n, STAGE_CHUNK):
            store.add_records(records.slice(start, start + STAGE_CHUNK))
            if progress is not None and progress(min(start + STAGE_CHUNK, n) / max(n, 1)) \
                    is False:
                raise ImportCancelled("import cancelled: nothing was written")
        store.add_quarantine(list(quarantine))
        return store.finish(rows_read or n + len(quarantine))


@dataclass(frozen=True)
class _Formatting:
    """One thread's COPY formatting: rows for the staging table, rows for new months."""

    staged: BinaryCopyRows
    fresh: BinaryCopyRows


def _by_instant(records: IncidentRecords | None) -> dict | None:
    """Each instant as its own group, when the records have few (police.uk's months): their
    streams join by month table once the store has answered. Otherwise None (one stream)."""
    if records is None:
        return None
    stamps = gil_slices.distinct(records.occurred_from)
    return {t: t for t in stamps} if len(stamps) <= UNDECIDED_GROUPS else None


def _grouped(records: IncidentRecords, group_of: dict) -> dict:
    """The records by ``group_of[instant]``, only groups with rows; all of them, uncopied,
    when they share one group."""
    groups = set(group_of.values())
    if len(groups) == 1:
        return {groups.pop(): records}
    labels = gil_slices.mapped(group_of.__getitem__, records.occurred_from)
    return {group: records.take([i for i, label in enumerate(labels) if label == group])
            for group in groups if group in labels}


def fresh_columns(records: IncidentRecords, default_sensitivity: int = 1) -> list[list]:
    """The records' columns for a COPY into the new months (``FRESH_COLUMNS``)."""
    columns = records.columns(default_sensitivity)
    columns[XY] = [point_ewkb(*columns[XY])]
    return columns


def point_ewkb(xs: list, ys: list, srid: int = BNG) -> list[bytes | None]:
    """Points as EWKB (what PostGIS reads from a binary COPY), None where there is none.
    Packed for all rows at once by numpy, then cut into one ``bytes`` per row."""
    x = np.array(xs, dtype=float)  # None becomes NaN
    y = np.array(ys, dtype=float)
    missing = np.isnan(x)
    if not np.array_equal(missing, np.isnan(y)):
        raise ValueError("a record has one coordinate without the other")
    packed = np.empty(len(x), dtype=_EWKB_POINT)
    packed["order"], packed["kind"], packed["srid"] = 1, 0x20000001, srid
    packed["x"], packed["y"] = x, y
    data, size = packed.tobytes(), _EWKB_POINT.itemsize
    out: list[bytes | None] = [data[i:i + size] for i in range(0, len(data), size)]
    for i in np.flatnonzero(missing).tolist():
        out[i] = None
    return out


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back."""
