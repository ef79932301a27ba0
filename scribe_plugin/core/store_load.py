"""Load validated incident records into the store through its import functions.

The importers (issue: partner file import) turn a partner's file into ``IncidentRecords`` and
quarantine entries; this module sends them, in the caller's single transaction, through
``scribe.begin_import`` -> ``stage_rows`` (array chunks) -> ``quarantine_rows`` ->
``finish_import``. Nothing is written unless the whole import commits.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

STAGE_CHUNK = 50_000
# stage_rows' array parameters, typed explicitly so empty or all-NULL columns bind correctly
_STAGE_TYPES = ("text[]", "text[]", "timestamptz[]", "timestamptz[]", "timestamptz[]",
                "float8[]", "float8[]", "float8[]", "float8[]", "text[]", "real[]", "text[]",
                "text[]", "text[]", "text[]", "smallint[]", "text[]", "text[]")
STAGE_SQL = ("SELECT scribe.stage_rows(CAST(%s AS bigint), "
             + ", ".join(f"CAST(%s AS {t})" for t in _STAGE_TYPES) + ")")


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

    def columns(self, default_sensitivity: int = 1) -> list[list]:
        """All columns in stage_rows order, optional ones padded with NULLs."""
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


def load(conn: psycopg.Connection, records: IncidentRecords, file_name: str, sha256: str,
         profile: str, quarantine: list[QuarantineEntry] | tuple = (), rows_read: int = 0,
         progress=None) -> ImportSummary:
    """One import in one transaction: all of it lands, or (on any error, or if ``progress``
    returns False to cancel) none of it does."""
    columns = records.columns()
    with conn.transaction():
        batch = conn.execute("SELECT scribe.begin_import(%s, %s, %s)",
                             (file_name, sha256, profile)).fetchone()[0]
        n = len(records)
        for start in range(0, n, STAGE_CHUNK):
            chunk = [c[start:start + STAGE_CHUNK] for c in columns]
            conn.execute(STAGE_SQL, (batch, *chunk))
            if progress is not None and progress(min(start + STAGE_CHUNK, n) / max(n, 1)) \
                    is False:
                raise ImportCancelled("import cancelled: nothing was written")
        if quarantine:
            conn.execute("SELECT scribe.quarantine_rows(%s, %s, %s, %s, %s, %s)",
                         (batch, file_name, [q.row_number for q in quarantine],
                          [q.column for q in quarantine], [q.reason for q in quarantine],
                          [Jsonb(q.raw_row) for q in quarantine]))
        inserted, updated, unchanged, quarantined = conn.execute(
            "SELECT * FROM scribe.finish_import(%s, %s)",
            (batch, rows_read or n + len(quarantine))).fetchone()
    return ImportSummary(batch, rows_read or n + len(quarantine), inserted, updated, unchanged,
                         quarantined)


class ImportCancelled(Exception):
    """The user cancelled; the transaction was rolled back."""
