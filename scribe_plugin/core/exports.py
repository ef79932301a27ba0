"""Tables for partners: CSV and XLSX with a metadata sheet, safe to open in a spreadsheet,
and the audit record of every export of store data.

Spreadsheet formula injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return is run as a formula by Excel and LibreOffice when a CSV is opened. In
CSV such text is written with a leading apostrophe (the cell shows the text, nothing runs);
in XLSX it is stored as a typed string cell, so the value stays exactly as it was and still
never runs. Numbers are numbers and are left alone (``-5`` in a numeric column is fine).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The value as a CSV cell that no spreadsheet will run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return value


def write_csv(path: Path | str, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    """UTF-8 with a byte-order mark (so Excel reads the pound sign right), CRLF rows."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow([neutralise(h) for h in header])
        for row in rows:
            writer.writerow([neutralise(_plain(v)) for v in row])
            count += 1
    return count


def write_xlsx(path: Path | str, header: Sequence[str], rows: Iterable[Sequence],
               metadata: dict[str, str], sheet: str = "data") -> int:
    """The rows on a data sheet (text always typed as text) and a metadata sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    data = book.create_sheet(sheet[:31])

    def cells(values, target):
        out = []
        for value in values:
            value = _plain(value)
            cell = WriteOnlyCell(target, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
            out.append(cell)
        return out

    data.append(cells(header, data))
    count = 0
    for row in rows:
        data.append(cells(row, data))
        count += 1
    info = book.create_sheet("metadata")
    info.append(cells(["item", "value"], info))
    for key, value in {**metadata, "rows": str(count)}.items():
        info.append(cells([key, value], info))
    book.save(path)
    return count


def export_metadata(title: str, source: str, filter_text: str, purpose: str, note: str,
                    user: str = "") -> dict[str, str]:
    return {"title": title, "source": source, "filter": filter_text or "(none)",
            "exported by": user or "(not signed in to the SCRIBE store)",
            "exported at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "purpose": purpose, "licence and sharing": note}


def check_purpose(purpose: str) -> str:
    text = (purpose or "").strip()
    if not 5 <= len(text) <= 500:
        raise ValueError("state the purpose of the export in 5 to 500 characters")
    return text


def audit_export(conn, metadata: dict[str, str], files: list[str]) -> int:
    """Record the export in the store's audit table (through ``scribe.log_event``, which adds
    who and when); returns the audit id."""
    details = {"title": metadata.get("title", ""), "source": metadata.get("source", ""),
               "filter": metadata.get("filter", ""), "purpose": metadata.get("purpose", ""),
               "rows": metadata.get("rows", ""), "files": [Path(f).name for f in files]}
    return conn.execute("SELECT scribe.log_event('export', CAST(%s AS jsonb))",
                        (json.dumps(details),)).fetchone()[0]
