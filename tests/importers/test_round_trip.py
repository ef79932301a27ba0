"""Property: any valid police.uk rows survive import -> export (read back from the store as
the data manager) unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scribe_plugin.core import vetting

from .test_real_files import POLICE_TYPES

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
          "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
          "Context"]
LONDON = ZoneInfo("Europe/London")
_counter = itertools.count()

text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
               max_size=40).map(str.strip).filter(
    lambda s: s and s[0] not in "=+-@")
row = st.fixed_dictionaries({
    "Month": st.dates(dt.date(1995, 1, 1), dt.date(2025, 12, 1)).map(lambda d: f"{d:%Y-%m}"),
    "Longitude": st.floats(-0.70, -0.10).map(lambda v: f"{v:.6f}"),
    "Latitude": st.floats(51.80, 52.30).map(lambda v: f"{v:.6f}"),
    "Location": text, "LSOA code": st.from_regex(r"E0[0-9]{7}", fullmatch=True),
    "Crime type": st.sampled_from(sorted(POLICE_TYPES - {"Anti-social behaviour"})),
    "Last outcome category": text, "Context": text})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=1, max_size=30))
def test_valid_rows_round_trip_unchanged(import_store, rows):
    batch = next(_counter)
    rows = [{**r, "Crime ID": f"rt{batch}-{i}", "Reported by": "Bedfordshire Police",
             "Falls within": "Bedfordshire Police", "LSOA name": "Somewhere 001A"}
            for i, r in enumerate(rows)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"round_trip_{batch}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
        report = import_store.run("police", path, "police_uk_street")
    assert report.summary.inserted == len(rows), report.first_rejects[:3]
    with import_store.manager("police") as conn:
        vetting.declare_purpose(conn, "Round-trip test of the importer")
        back = {r[0]: r[1:] for r in conn.execute(
            "SELECT i.source_record_id, i.occurred_from, c.label, i.original_x, "
            "i.original_y, i.location_description, i.lsoa_code, i.outcome, i.free_text "
            "FROM scribe.incident i JOIN scribe.category c ON c.code = i.category_code "
            "WHERE i.source_record_id LIKE %s", (f"rt{batch}-%",))}
    assert len(back) == len(rows)
    for r in rows:
        when, label, lon, lat, location, lsoa, outcome, context = back[r["Crime ID"]]
        assert f"{when.astimezone(LONDON):%Y-%m}" == r["Month"]
        assert when.astimezone(LONDON).timetuple()[2:6] == (1, 0, 0, 0)
        assert (label, f"{lon:.6f}", f"{lat:.6f}") == (r["Crime type"], r["Longitude"],
                                                      r["Latitude"])
        assert (location, lsoa, outcome, context) == (r["Location"], r["LSOA code"],
                                                      r["Last outcome category"], r["Context"])
