"""Import police.uk outcome files: dated outcome events for crimes already in the store.

An outcome file is not a file of incidents: each row says that crime X reached outcome Y in
month M. The store keeps every event once and sets each crime's ``outcome`` to its latest
event (``server_schema/012_outcomes.sql``). Rows are validated here (crime id, month,
outcome) and the store quarantines events for crimes the partner does not have, so every
row is either recorded or quarantined with its reason, in one transaction like
``engine.run_import``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..store_load import ImportCancelled, ImportSummary, QuarantineEntry, StoreLoad
from . import readers
from .engine import ImportReport, Progress, in_one_transaction
from .errors import ImportFileError
from .gc_pause import cyclic_gc_paused

PROFILE_NAME = "police_uk_outcomes"
CRIME_ID, MONTH, OUTCOME = "Crime ID", "Month", "Outcome type"
REQUIRED = (CRIME_ID, MONTH, OUTCOME)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
EARLIEST = dt.date(1990, 1, 1)


def is_outcome_file(header: list[str]) -> bool:
    """police.uk outcome files have an "Outcome type" and no "Crime type" column."""
    names = {h.strip() for h in header}
    return set(REQUIRED) <= names and "Crime type" not in names


def _check_row(cells: dict[str, str], today: dt.date) -> tuple[str | None, str | None, tuple]:
    """(column, reason) of the first problem, or (None, None, (id, month, outcome))."""
    crime_id = (cells.get(CRIME_ID) or "").strip()
    if not crime_id:
        return CRIME_ID, "no Crime ID: an outcome must name its crime", ()
    if len(crime_id) > 200:
        return CRIME_ID, "Crime ID longer than 200 characters", ()
    month_text = (cells.get(MONTH) or "").strip()
    match = _MONTH.match(month_text)
    if not match or not 1 <= int(match[2]) <= 12:
        return MONTH, f"month {month_text[:40]!r} is not YYYY-MM", ()
    month = dt.date(int(match[1]), int(match[2]), 1)
    if month < EARLIEST or month > today:
        return MONTH, f"month {month_text} is before {EARLIEST.year} or in the future", ()
    outcome = (cells.get(OUTCOME) or "").strip()
    if not outcome:
        return OUTCOME, "no Outcome type", ()
    return None, None, (crime_id, month, outcome[:200])


def _open_outcome_file(path: Path | str) -> readers.Source:
    source = readers.open_source(Path(path))
    if not is_outcome_file(source.header):
        raise ImportFileError(source.file_name, "this is not a police.uk outcome file (it "
                              f"needs the columns {', '.join(REQUIRED)}).",
                              "Import street files with the police.uk street profile.")
    return source


def _checked_chunks(source: readers.Source, report: ImportReport):
    """Per chunk: the quarantined rows and the valid events (row numbers, (id, month,
    outcome)), counted into ``report``."""
    today = dt.date.today()
    for chunk in source.chunks():
        rejects = [QuarantineEntry(n, column, reason, raw)
                   for n, column, reason, raw in chunk.rejected]
        numbers, events = [], []
        for number, row in zip(chunk.row_numbers, chunk.rows):
            cells = dict(zip(source.header, row))
            column, reason, event = _check_row(cells, today)
            if reason:
                rejects.append(QuarantineEntry(number, column, reason, cells))
            else:
                numbers.append(number)
                events.append(event)
        report.rows_read += len(chunk.rows) + len(chunk.rejected)
        report.rows_valid += len(events)
        report.note_rejects(rejects)
        yield chunk, rejects, numbers, events


def check_outcome_file(path: Path | str, progress: Progress | None = None) -> ImportReport:
    """Validate an outcome file without a store (each event's crime is matched on import)."""
    source = _open_outcome_file(path)
    report = ImportReport(source.file_name, source.sha256, PROFILE_NAME)
    with cyclic_gc_paused():
        for chunk, *_ in _checked_chunks(source, report):
            if progress is not None and progress(chunk.done) is False:
                raise ImportCancelled("check cancelled")
    report.warnings.append("each outcome is matched to its crime in the store on import")
    return report


def run_outcome_import(conn, path: Path | str, dry_run: bool = False,
                       progress: Progress | None = None) -> ImportReport:
    """Record the file's outcome events as the signed-in data manager, in one transaction.
    Raises ImportFileError when the file is not an outcome file, ImportCancelled when
    ``progress`` returned False; in both cases nothing was written."""
    source = _open_outcome_file(path)

    def load() -> ImportReport:
        report = ImportReport(source.file_name, source.sha256, PROFILE_NAME)
        store = StoreLoad(conn, source.file_name, source.sha256, PROFILE_NAME)
        unmatched = 0
        with cyclic_gc_paused():
            for chunk, rejects, numbers, events in _checked_chunks(source, report):
                store.add_quarantine(rejects)
                if events:
                    ids, months, outcomes = (list(column) for column in zip(*events))
                    _, bad = conn.execute(
                        "SELECT * FROM scribe.record_outcomes(%s, %s, %s, %s, %s, %s)",
                        (store.batch_id, source.file_name, numbers, ids, months,
                         outcomes)).fetchone()
                    unmatched += bad
                if progress is not None and progress(chunk.done) is False:
                    raise ImportCancelled("import cancelled: nothing was written")
        # the store quarantined the events naming crimes it does not have
        report.rows_valid -= unmatched
        report.rows_quarantined += unmatched
        if unmatched:
            report.reasons["no crime with this Crime ID in the store"] += unmatched
        report.summary = ImportSummary(store.batch_id, report.rows_read, *conn.execute(
            "SELECT * FROM scribe.finish_outcomes(%s, %s, %s)",
            (store.batch_id, report.rows_read, report.rows_valid)).fetchone())
        return report

    return in_one_transaction(conn, dry_run, load)
