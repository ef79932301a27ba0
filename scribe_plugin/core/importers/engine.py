"""Import one partner file: read -> map -> validate -> load, in one transaction.

``run_import`` streams the file chunk by chunk through the profile into the store's import
functions, so memory stays flat however large the file: the reading thread maps each chunk
and formats it as binary COPY data (``StoreLoad.prepare``); a background thread asks the
store about months not asked about yet and sends the chunk (into the batch's new months, or
the staging table and ``stage_chunk``) while the next chunk is read; ``finish_import`` ends
the batch. Rejected rows go to the quarantine with their reasons; the whole import commits
at the end or not at all (error, lost connection, cancel). A dry run does the same work and
rolls back, so its counts (inserted, updated, unchanged) are exactly what the import will
do. ``check_file`` validates without a database.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..store_load import ImportCancelled, ImportSummary, QuarantineEntry, StoreLoad
from . import arrow_text, readers
from .background import OrderedBackgroundWork
from .coords import AreaFilter, load_osr_in_background
from .errors import ImportFileError
from .gc_pause import cyclic_gc_paused
from .mapping import MappingState, map_chunk
from .profiles import Profile
from .thread_switch import quick_thread_switch

FIRST_REJECTS = 50
# The store waits for the reading thread's first chunk, then (on a large file) the reading
# thread for the store: a small first chunk starts the store's work sooner.
FIRST_CHUNK_ROWS = 10_000
# Chunks read before pyarrow's quick conversions are loaded anyway (arrow_text: a one-off
# 0.2 s, which an import otherwise spends when the store is behind and the reader can wait):
# the fifth chunk of a file, from 150,000 rows on.
QUICK_CONVERSIONS_CHUNK = 5
Progress = Callable[[float], "bool | None"]


@dataclass
class ImportReport:
    file_name: str
    sha256: str
    profile: str
    rows_read: int = 0
    rows_valid: int = 0
    rows_quarantined: int = 0
    rows_without_location: int = 0
    warnings: list[str] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)
    first_rejects: list[QuarantineEntry] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    summary: ImportSummary | None = None   # None: checked only, not loaded
    dry_run: bool = False
    seconds: float = 0.0

    def note_rejects(self, entries: list[QuarantineEntry]) -> None:
        """Count one chunk's quarantined rows, their kinds, and keep the first few."""
        self.rows_quarantined += len(entries)
        room = FIRST_REJECTS - len(self.first_rejects)
        self.first_rejects += sorted(entries, key=lambda q: q.row_number)[:max(room, 0)]
        self.reasons.update(_reason_kind(q.reason) for q in entries)

    @property
    def nothing_valid(self) -> bool:
        return self.rows_read > 0 and self.rows_valid == 0 or self.rows_read == 0

    def message(self) -> str:
        """One paragraph for the data manager."""
        if self.rows_read == 0:
            return f"{self.file_name}: the file has a header but no rows: nothing to import."
        verb = "would import" if self.dry_run else ("imported" if self.summary else "checked")
        text = (f"{self.file_name} ({self.profile}): {self.rows_read:,} rows read, "
                f"{self.rows_valid:,} valid, {self.rows_quarantined:,} quarantined")
        if self.summary:
            s = self.summary
            text += (f"; {verb}: {s.inserted:,} new, {s.updated:,} updated, "
                     f"{s.unchanged:,} unchanged")
        if self.rows_without_location:
            text += f"; {self.rows_without_location:,} valid rows have no location"
        if self.nothing_valid:
            top = "; ".join(f"{why} ({n:,} rows)" for why, n in self.reasons.most_common(3))
            text += f". No row is valid, so no incident was imported. Most common: {top}"
        return text + "."


def _reason_kind(reason: str) -> str:
    """The reason without its row-specific values, for counting ("the point is outside
    bedfordshire", "... is not a date in the format %d/%m/%Y"); unknown labels keep the
    label, since each can be mapped in the dialog."""
    if reason.startswith(("unknown category", "no ")):
        return reason.split(":")[0]
    text = re.sub(r"^'[^']*' ", "… ", reason)            # the offending value first
    text = re.sub(r" \([^)]*\d[^)]*\)", "", text)          # coordinates, first row
    text = re.sub(r"'[^']*'|\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?", "…", text)
    return " ".join(text.split())


def _stream(path: Path | str, profile: Profile, area: AreaFilter | None, lookup,
            progress: Progress | None, on_chunk):
    load_osr_in_background()  # overlaps the opening and the first rows' read
    source = readers.open_source(path, profile.encoding, profile.delimiter)
    missing = profile.missing_columns(source.header)
    if missing:
        raise ImportFileError(source.file_name, f"the file has no column(s) "
                              f"{', '.join(repr(m) for m in missing)} that profile "
                              f"'{profile.name}' reads.", "Choose another profile, or map "
                              "the columns with the generic profile.")
    kwargs = {"lookup": lookup} if lookup else {}
    state = MappingState(profile, source, area=area, **kwargs)
    report = ImportReport(source.file_name, "", profile.name)  # the hash comes in later
    with cyclic_gc_paused():
        for number, chunk in enumerate(source.chunks(first=FIRST_CHUNK_ROWS), 1):
            if number == QUICK_CONVERSIONS_CHUNK:  # a large file: worth the one-off load
                arrow_text.load_quick_conversions()
            records, quarantine = map_chunk(chunk, state)
            report.rows_read += len(chunk.row_numbers) + len(chunk.rejected)
            report.rows_valid += len(records)
            report.note_rejects(quarantine)
            on_chunk(source, records, quarantine)
            if progress is not None and progress(chunk.done) is False:
                raise ImportCancelled("import cancelled: nothing was written")
    report.sha256 = source.sha256
    report.warnings = state.warnings
    report.unknown_labels = state.unknown_labels
    report.rows_without_location = state.no_location
    return source, report


def check_file(path: Path | str, profile: Profile, area: AreaFilter | None = None,
               lookup=None, progress: Progress | None = None) -> ImportReport:
    """Read and validate the whole file against the profile, without a database."""
    start = time.perf_counter()
    _, report = _stream(path, profile, area, lookup, progress, lambda *a: None)
    report.seconds = time.perf_counter() - start
    return report


class _RollBack(Exception):
    pass


def crosswalk_lookup(conn) -> Callable[[str, str], str | None]:
    """The store's crosswalk tables (the single truth at import time) as a lookup."""
    table = {(scheme, key): code for scheme, key, code in conn.execute(
        "SELECT scheme, label_key, category_code FROM scribe.crosswalk")}
    return lambda scheme, key: table.get((scheme, key))


def _roomy_temp_buffers(conn) -> None:
    """Let the session keep the batch's staging and plan tables in memory (PostgreSQL's
    default of 8 MB makes every pass over a large import's temp tables go through files).
    Possible only before the session's first temp table; otherwise the default stays."""
    try:
        with conn.transaction():
            conn.execute("SET temp_buffers = '256MB'")
    except Exception:  # noqa: BLE001 (psycopg's error for a session that used temp tables)
        pass


def in_one_transaction(conn, dry_run: bool, load: Callable[[], ImportReport]) -> ImportReport:
    """Run ``load`` in one transaction of ``conn``: committed with the caller's commit, or
    rolled back when it raises or (a dry run) when it is done, so its counts are exactly
    what the import would do."""
    start = time.perf_counter()
    done: list[ImportReport] = []
    try:
        with conn.transaction():
            done.append(load())
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    report = done[0]
    report.dry_run = dry_run
    report.seconds = time.perf_counter() - start
    return report


def run_import(conn, path: Path | str, profile: Profile, area: AreaFilter | None = None,
               dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import the file as the signed-in data manager, in one transaction (see module doc).
    Raises ImportFileError when the file as a whole cannot be read, ImportCancelled when
    ``progress`` returned False; in both cases nothing was written."""
    path = Path(path)
    lookup = crosswalk_lookup(conn)
    holder: dict = {}

    # Chunks prepared and not yet taken by the sending thread. When the server is behind,
    # the sending thread takes every chunk waiting and sends them together: one COPY per new
    # month for all of them (021 COPYs each month apart), so fewer round trips when it counts.
    ready: deque = deque()

    def send_ready(store: StoreLoad) -> None:  # background thread, in order
        taken = []
        while ready:
            taken.append(ready.popleft())
        if taken:
            store.send_many([chunk for chunk, _ in taken])
            store.add_quarantine([entry for _, entries in taken for entry in entries])

    def load() -> ImportReport:
        with quick_thread_switch(), OrderedBackgroundWork() as work:
            def on_chunk(source, records, quarantine):  # reading thread
                if "store" not in holder:  # the first chunk: nothing is on the connection
                    holder["store"] = StoreLoad(conn, source.file_name, source.hashing,
                                                profile.name)
                store = holder["store"]
                chunk = store.prepare(records, profile.sensitivity, connection_free=work.idle)
                ready.append((chunk, quarantine))
                if work.full():  # the store is behind: time to spare, for a one-off load
                    arrow_text.load_quick_conversions()
                work.submit(send_ready, store)

            _, report = _stream(path, profile, area, lookup, progress, on_chunk)
        if "store" in holder:
            report.summary = holder["store"].finish(report.rows_read)
        return report

    _roomy_temp_buffers(conn)
    return in_one_transaction(conn, dry_run, load)
