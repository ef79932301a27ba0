"""police.uk outcome files update the outcome of crimes already in the store: checked against
outcomes worked out here from the raw files with the csv module."""

from __future__ import annotations

import csv
import datetime as dt

import psycopg
import pytest

from scribe_plugin.core import vetting
from scribe_plugin.core.importers import engine, outcomes, profiles, readers
from scribe_plugin.core.importers.errors import ImportFileError
from scribe_plugin.core.store_load import ImportCancelled

from ..store_helpers import PASSWORD

MONTHS = ("2021-05", "2021-06", "2021-07")
PARTNER, MANAGER = "outcome_police", "outcome_police_manager"


def rows(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def police(dev_cluster, shared_data):
    """A store of its own (other tests count every incident in theirs) with one police
    partner and three months of its street files imported."""
    from ..conftest import migrated_database
    from ..store_helpers import Store

    migrated_database(dev_cluster, "scribe_outcomes")
    import_store = Store(dev_cluster, "scribe_outcomes")
    with import_store.admin() as conn:
        vetting.add_partner(conn, PARTNER, "Outcome test police", "police")
        vetting.request_access(conn, MANAGER, PARTNER, "scribe_data_manager", 3,
                               dt.date.today() + dt.timedelta(days=100), restricted_ok=True)
        vetting.approve_access(conn, MANAGER, PASSWORD)
    folder = shared_data / "police_uk" / "bedfordshire"
    street = [folder / "street" / f"{m}-bedfordshire-street.csv" for m in MONTHS]
    outcome_files = [folder / "outcomes" / f"{m}-bedfordshire-outcomes.csv" for m in MONTHS]
    profile = profiles.get_profile("police_uk_street")
    with connect(import_store) as conn:
        for path in street:
            engine.run_import(conn, path, profile)
            conn.commit()
    return import_store, street, outcome_files


def connect(store) -> psycopg.Connection:
    return psycopg.connect(store.cluster.user_conninfo(MANAGER, store.name), password=PASSWORD)


def outcome_state(store) -> dict[str, str | None]:
    with store.admin() as conn:
        return dict(conn.execute(
            "SELECT i.source_record_id, i.outcome FROM scribe.incident i JOIN scribe.partner p "
            "USING (partner_id) WHERE p.code = %s", (PARTNER,)).fetchall())


def expected_outcomes(street: list, outcome_files: list) -> tuple[dict, int, int]:
    """Each crime's outcome (latest month's event; ties by the later name; else the street
    file's last outcome), the events that name a known crime, and those that do not."""
    outcome = {}
    for path in street:
        for r in rows(path):
            if r["Crime ID"] and r["Crime ID"] not in outcome:
                outcome[r["Crime ID"]] = r["Last outcome category"] or None
    latest: dict[str, tuple[str, str]] = {}
    matched = unmatched = 0
    for path in outcome_files:
        for r in rows(path):
            if r["Crime ID"] not in outcome:
                unmatched += 1
                continue
            matched += 1
            event = (r["Month"], r["Outcome type"])
            latest[r["Crime ID"]] = max(latest.get(r["Crime ID"], event), event)
    for crime_id, (_, name) in latest.items():
        outcome[crime_id] = name
    return outcome, matched, unmatched


def test_outcome_files_set_each_crimes_latest_outcome(police):
    store, street, outcome_files = police
    assert all(outcomes.is_outcome_file(readers.open_source(p).header) for p in outcome_files)
    assert not outcomes.is_outcome_file(readers.open_source(street[0]).header)
    expected, matched, unmatched = expected_outcomes(street, outcome_files)
    reports = []
    with connect(store) as conn:
        for path in reversed(outcome_files):  # any order: the latest month wins
            reports.append(outcomes.run_outcome_import(conn, path))
            conn.commit()
    state = outcome_state(store)
    assert {k: v for k, v in state.items() if k in expected} == expected
    assert sum(r.rows_read for r in reports) == matched + unmatched
    assert sum(r.rows_quarantined for r in reports) == unmatched > 0
    assert sum(r.rows_valid for r in reports) == matched > 0
    quarantined = [q for p in outcome_files for q in store.quarantine(p.name)]
    assert len(quarantined) == unmatched
    assert {q[2] for q in quarantined} == {
        "no crime with this Crime ID in the store (import its street file first)"}
    assert all(q[3]["Crime ID"] not in expected for q in quarantined)
    assert "updated" in reports[0].message()

    # Re-importing outcome and street files changes nothing, and says so.
    with connect(store) as conn:
        again = [outcomes.run_outcome_import(conn, p) for p in outcome_files]
        conn.commit()
        street_again = engine.run_import(conn, street[0], profiles.get_profile(
            "police_uk_street"))
        conn.commit()
    assert [r.summary.updated for r in again] == [0, 0, 0]
    assert street_again.summary.updated == street_again.summary.inserted == 0
    assert outcome_state(store) == state


def test_bad_outcome_rows_are_quarantined_and_non_outcome_files_refused(police, tmp_path):
    store, street, _ = police
    crime_id = next(r["Crime ID"] for r in rows(street[0]) if r["Crime ID"])
    header = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
              "Location", "LSOA code", "LSOA name", "Outcome type"]
    bad = tmp_path / "bad-outcomes.csv"
    with open(bad, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerow(["", "2021-06", "", "", "", "", "", "", "", "Local resolution"])
        w.writerow([crime_id, "June 2021", "", "", "", "", "", "", "", "Local resolution"])
        w.writerow([crime_id, "2099-01", "", "", "", "", "", "", "", "Local resolution"])
        w.writerow([crime_id, "2021-06", "", "", "", "", "", "", "", ""])
        w.writerow([crime_id, "2021-08", "", "", "", "", "", "", "", "=cmd|' /C calc'!A0"])
    before = outcome_state(store)
    with connect(store) as conn:
        report = outcomes.run_outcome_import(conn, bad)
        conn.commit()
    reasons = [(q[0], q[1], q[2]) for q in store.quarantine(bad.name)]
    assert reasons == [
        (2, "Crime ID", "no Crime ID: an outcome must name its crime"),
        (3, "Month", "month 'June 2021' is not YYYY-MM"),
        (4, "Month", "month 2099-01 is before 1990 or in the future"),
        (5, "Outcome type", "no Outcome type")]
    assert report.rows_read == 5 and report.rows_quarantined == 4
    after = outcome_state(store)
    # the formula-looking outcome is stored as text (exports neutralise it), nothing else moved
    assert after.pop(crime_id) == "=cmd|' /C calc'!A0"
    before.pop(crime_id)
    assert after == before

    with connect(store) as conn, pytest.raises(ImportFileError, match="not a police.uk outcome"):
        outcomes.run_outcome_import(conn, street[0])
    assert outcome_state(store) == {**before, crime_id: "=cmd|' /C calc'!A0"}


def test_a_dry_run_and_a_failed_import_leave_the_store_unchanged(police):
    store, _, outcome_files = police
    before = outcome_state(store)
    with connect(store) as conn:
        batches = conn.execute("SELECT count(*) FROM scribe.import_batch").fetchone()[0]
        report = outcomes.run_outcome_import(conn, outcome_files[1], dry_run=True)
        conn.commit()
        assert report.dry_run and report.summary is not None
        assert conn.execute("SELECT count(*) FROM scribe.import_batch").fetchone()[0] == batches
    with connect(store) as conn, pytest.raises(ImportCancelled):
        outcomes.run_outcome_import(conn, outcome_files[1], progress=lambda done: False)
    assert outcome_state(store) == before
