"""Load validated incident records into the store through its import functions.

The importers turn a partner's file into ``IncidentRecords`` and quarantine entries, chunk by
chunk; a ``StoreLoad`` sends them, in the caller's single transaction, through
``scribe.begin_import`` -> per chunk: ``open_fresh_months`` (which of the chunk's months are
new to the store), binary COPY of those rows straight into the batch's new month tables (the
store's trigger checks them and writes their keys), and of the others into the staging table
followed by ``stage_chunk`` (the store checks, plans and writes them) -> ``quarantine_rows`` ->
``finish_import`` (new months attached, counts, audit). Nothing is written unless the whole
import commits, and the store refuses to commit a batch that staged rows but was not finished.
"""

from __future__ import annotations

import hashlib
import struct
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

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
_EWKB_POINT = struct.Struct("<BIidd")  # little-endian, Point with SRID, srid, x, y
QUARANTINE_CHUNK = 10_000


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


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class StoreLoad:
    """One import batch inside the caller's open transaction: ``add`` record chunks and
    quarantine entries as the file is read, then ``finish``."""

    def __init__(self, conn: psycopg.Connection, file_name: str, sha256: str, profile: str):
        self.conn = conn
        self.file_name = file_name
        self.batch_id: int = conn.execute("SELECT scribe.begin_import(%s, %s, %s)",
                                          (file_name, sha256, profile)).fetchone()[0]
        self.staged = 0
        self.quarantined = 0

    def add_records(self, records: IncidentRecords, default_sensitivity: int = 1) -> None:
        if not len(records):
            return
        fresh, known = self._split_by_month(records)
        if fresh is not None:
            self._copy_into_new_months(fresh, default_sensitivity)
        if known is not None:
            with self.conn.cursor().copy(COPY_SQL) as copy:
                copy.set_types(COPY_TYPES)
                for row in zip(*known.columns(default_sensitivity)):
                    copy.write_row(row)
            self.conn.execute("SELECT scribe.stage_chunk(%s)", (self.batch_id,))
        self.staged += len(records)

    def _split_by_month(self, records: IncidentRecords) -> tuple[IncidentRecords | None,
                                                                  IncidentRecords | None]:
        """(records in months new to the store, the others); either may be None. The store
        says which months are new, as instants, so no time zone is guessed here."""
        stamps = set(records.occurred_from)
        if any(getattr(t, "tzinfo", None) is None for t in stamps):
            return None, records  # the staging path refuses these with the store's message
        months = self.conn.execute(
            "SELECT month_start, month_end FROM scribe.open_fresh_months(%s, %s)",
            (self.batch_id, sorted(stamps))).fetchall()
        if not months:
            return None, records
        starts = [start for start, _ in months]

        def in_new_month(t) -> bool:
            i = bisect_right(starts, t) - 1
            return i >= 0 and t < months[i][1]

        new = {t: in_new_month(t) for t in stamps}
        if all(new.values()):
            return records, None
        flags = [new[t] for t in records.occurred_from]
        return (records.take([i for i, f in enumerate(flags) if f]),
                records.take([i for i, f in enumerate(flags) if not f]))

    def _copy_into_new_months(self, records: IncidentRecords, default_sensitivity: int) -> None:
        columns = records.columns(default_sensitivity)
        columns[XY] = [point_ewkb(*columns[XY])]
        sql = (f"COPY scribe.import_fresh_{int(self.batch_id)} ({', '.join(FRESH_COLUMNS)}) "
               "FROM STDIN (FORMAT binary)")
        with self.conn.cursor().copy(sql) as copy:
            copy.set_types(FRESH_COPY_TYPES)
            for row in zip(*columns):
                copy.write_row(row)

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


def point_ewkb(xs: list, ys: list, srid: int = BNG) -> list[bytes | None]:
    """Points as EWKB (what PostGIS reads from a binary COPY), None where there is none."""
    pack = _EWKB_POINT.pack
    out: list[bytes | None] = []
    append = out.append
    for x, y in zip(xs, ys):
        if x is None or y is None:
            if x is not y:
                raise ValueError("a record has one coordinate without the other")
            append(None)
        else:
            append(pack(1, 0x20000001, srid, x, y))
    return out


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back."""
