"""Loading through the store's import functions as real data-manager roles: one transaction,
re-import changes nothing, updates update, failures and cancels leave nothing behind, and only
data managers, for their own partner, can write."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future

import psycopg
import pytest
from psycopg import errors

from scribe_plugin.core import vetting
from scribe_plugin.core.store_load import (
    COPY_SQL,
    COPY_TYPES,
    FRESH_COLUMNS,
    TRANSITION_WORK_MEM,
    UNDECIDED_GROUPS,
    ImportCancelled,
    IncidentRecords,
    QuarantineEntry,
    StoreLoad,
    load,
)

from ..conftest import migrated_database
from ..store_helpers import KEYS_WITHOUT_THEIR_ROW

PASSWORD = "Import-test-password-1"  # noqa: S105 (throwaway users in the test cluster)
FUTURE = dt.date.today() + dt.timedelta(days=200)
SHA = "a" * 64


@pytest.fixture(scope="module")
def store(dev_cluster):
    name = "scribe_import"
    with psycopg.connect(migrated_database(dev_cluster, name), autocommit=True) as conn:
        for code, kind in (("imp_police", "police"), ("imp_fire", "fire_rescue")):
            vetting.add_partner(conn, code, code, kind)
        for user, partner, role in (("police_dm", "imp_police", "scribe_data_manager"),
                                    ("fire_dm", "imp_fire", "scribe_data_manager"),
                                    ("police_an", "imp_police", "scribe_analyst")):
            vetting.request_access(conn, user, partner, role, 3, FUTURE)
            vetting.approve_access(conn, user, PASSWORD)
    return dev_cluster, name


def as_user(store, user):
    cluster, name = store
    return psycopg.connect(cluster.user_conninfo(user, name), password=PASSWORD)


def admin(store):
    cluster, name = store
    return psycopg.connect(cluster.admin_conninfo(name), autocommit=True)


def records(n, month=1, category="crime.burglary", prefix="r"):
    return IncidentRecords(
        source_record_id=[f"{prefix}{i}" for i in range(n)],
        category_code=[category] * n,
        occurred_from=[dt.datetime(2023, month, 1 + i % 28, tzinfo=dt.timezone.utc)
                       for i in range(n)],
        x=[500_000.0 + i for i in range(n)], y=[230_000.0 + i for i in range(n)],
        location_description=["On or near High Street"] * n,
        free_text=[f"note {i}" for i in range(n)])


def counts(store, partner="imp_police"):
    with admin(store) as conn:
        return conn.execute(
            "SELECT count(*), count(DISTINCT category_code), min(occurred_from)::date::text "
            "FROM scribe.incident i JOIN scribe.partner p USING (partner_id) "
            "WHERE p.code = %s", (partner,)).fetchone()


def test_import_reimport_and_update(store):
    with as_user(store, "police_dm") as conn:
        first = load(conn, records(300), "police.csv", SHA, "police_uk",
                     quarantine=[QuarantineEntry(301, "Longitude", "no location", {"id": "x"})])
        assert (first.inserted, first.updated, first.unchanged, first.quarantined) == \
            (300, 0, 0, 1)
        again = load(conn, records(300), "police.csv", SHA, "police_uk")
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 300)
        changed = records(300)
        changed.category_code[:5] = ["crime.robbery"] * 5
        for i in range(5, 8):  # three records move to another month (another partition)
            changed.occurred_from[i] = dt.datetime(2023, 3, 2, tzinfo=dt.timezone.utc)
        update = load(conn, changed, "police.csv", SHA, "police_uk")
        assert (update.inserted, update.updated, update.unchanged) == (0, 8, 292)
    assert counts(store)[:2] == (300, 2)
    with admin(store) as conn:
        audit = conn.execute("SELECT details FROM scribe.audit_log WHERE action = 'import' "
                             "ORDER BY audit_id").fetchall()
        assert [a[0]["inserted"] for a in audit][-3:] == [300, 0, 0]
        assert conn.execute("SELECT count(*) FROM scribe.incident_key k JOIN scribe.partner p "
                            "USING (partner_id) WHERE p.code = 'imp_police'").fetchone()[0] == 300
    assert keys_without_their_row(store) == 0  # after updates and moves between months


def test_failure_or_cancel_leaves_the_store_unchanged(store):
    before = counts(store)
    with admin(store) as conn:
        batches_before = conn.execute("SELECT count(*) FROM scribe.import_batch").fetchone()[0]
    bad = records(120, prefix="bad")
    bad.category_code[110] = "crime.not_a_category"
    with as_user(store, "police_dm") as conn:
        with pytest.raises(errors.ForeignKeyViolation):
            load(conn, bad, "bad.csv", SHA, "police_uk")
        dupes = records(10, prefix="dup")
        dupes.source_record_id[3] = "dup1"
        with pytest.raises(psycopg.Error, match="unknown SCRIBE categories in the batch: "
                           "crime.not_a_category"):
            load(conn, bad, "bad.csv", SHA, "police_uk")
        with pytest.raises(psycopg.Error, match="duplicate source record ids"):
            load(conn, dupes, "dupes.csv", SHA, "police_uk")
        with pytest.raises(ImportCancelled):
            load(conn, records(60_000, prefix="big"), "big.csv", SHA, "police_uk",
                 progress=lambda fraction: False)
    assert counts(store) == before
    with admin(store) as conn:
        assert conn.execute("SELECT count(*) FROM scribe.import_batch").fetchone()[0] == \
            batches_before


def test_only_data_managers_write_and_only_for_their_partner(store):
    with as_user(store, "police_an") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="data managers"):
            load(conn, records(3, prefix="an"), "x.csv", SHA, "police_uk")
    with as_user(store, "police_dm") as conn:
        batch = conn.execute("SELECT scribe.begin_import('a.csv', %s, 'p')", (SHA,)).fetchone()[0]
        conn.commit()
    with as_user(store, "fire_dm") as conn:  # another partner's open batch
        with pytest.raises(psycopg.Error, match="not an open batch of yours"):
            conn.execute("SELECT * FROM scribe.finish_import(%s, 0)", (batch,))
        conn.rollback()
        with pytest.raises(psycopg.Error, match="no open import"):
            conn.execute("SELECT * FROM scribe.import_rows_table()")
        conn.rollback()
        summary = load(conn, records(4, category="fire.chimney", prefix="f"), "fire.csv", SHA,
                       "lfb")
        assert summary.inserted == 4
    assert counts(store, "imp_fire")[0] == 4
    with as_user(store, "police_dm") as conn:  # quarantine visible to own partner only
        rows = conn.execute("SELECT DISTINCT file_name FROM scribe.quarantine").fetchall()
        assert rows == [("police.csv",)]


def test_the_staging_table_is_the_callers_to_fill_and_nothing_more(store):
    """The batch's staging table belongs to the store: the data manager can COPY rows into it
    but not read it, alter it, hang triggers, rules or policies on it, or swap in their own."""
    with as_user(store, "police_dm") as conn:
        conn.execute("SELECT scribe.begin_import('a.csv', %s, 'p')", (SHA,))
        for hostile in (
                "SELECT * FROM pg_temp.scribe_import_rows",
                "ALTER TABLE pg_temp.scribe_import_rows ENABLE ROW LEVEL SECURITY",
                "CREATE RULE r AS ON INSERT TO pg_temp.scribe_import_rows DO INSTEAD NOTHING",
                "CREATE TRIGGER t BEFORE INSERT ON pg_temp.scribe_import_rows FOR EACH ROW "
                "EXECUTE FUNCTION scribe.incident_key_insert()",
                "DROP TABLE pg_temp.scribe_import_rows"):
            with pytest.raises(errors.InsufficientPrivilege):
                with conn.transaction():  # a savepoint, so the batch stays open
                    conn.execute(hostile)
        with pytest.raises(psycopg.Error, match="already open"):
            conn.execute("SELECT scribe.begin_import('b.csv', %s, 'p')", (SHA,))
        conn.rollback()
        # a look-alike table of their own is never taken for the store's
        conn.execute("CREATE TEMP TABLE scribe_import_rows (source_record_id text)")
        with pytest.raises(psycopg.Error, match="already open"):
            conn.execute("SELECT scribe.begin_import('c.csv', %s, 'p')", (SHA,))
        conn.rollback()
        conn.execute("CREATE TEMP TABLE scribe_import_rows (source_record_id text)")
        with pytest.raises(psycopg.Error, match="no open import"):
            conn.execute("SELECT scribe.import_rows_table()")
        conn.rollback()


def test_categories_and_partners_in_use_cannot_be_deleted(store):
    with admin(store) as conn:
        used = conn.execute("SELECT category_code FROM scribe.incident LIMIT 1").fetchone()[0]
        with pytest.raises(errors.ForeignKeyViolation, match="used by incidents"):
            conn.execute("DELETE FROM scribe.category WHERE code = %s", (used,))
        with pytest.raises(errors.ForeignKeyViolation, match="still has incidents"):
            conn.execute("DELETE FROM scribe.partner WHERE code = 'imp_police'")


def test_new_months_are_built_aside_and_vanish_with_a_rollback(store):
    """Rows for months without a partition go into a new table attached as the partition
    (indexes built in bulk); inside a rolled-back import it never existed."""
    moved = records(20, prefix="aside")
    for i in range(20):
        moved.occurred_from[i] = dt.datetime(2031, 1 + i % 2, 3, tzinfo=dt.timezone.utc)
    with as_user(store, "police_dm") as conn:
        conn.execute("BEGIN")
        summary = load(conn, moved, "aside.csv", SHA, "police_uk")
        assert summary.inserted == 20
        conn.rollback()
    with admin(store) as conn:
        assert conn.execute("SELECT to_regclass('scribe.incident_2031_01')").fetchone()[0] \
            is None
    with as_user(store, "police_dm") as conn:
        assert load(conn, moved, "aside.csv", SHA, "police_uk").inserted == 20
        again = load(conn, moved, "aside.csv", SHA, "police_uk")
        assert (again.inserted, again.unchanged) == (0, 20)
    with admin(store) as conn:
        parts = conn.execute(
            "SELECT c.relname, (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid) "
            "FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid "
            "WHERE h.inhparent = 'scribe.incident'::regclass AND c.relname LIKE "
            "'incident_2031_%' ORDER BY 1").fetchall()
        assert parts == [("incident_2031_01", 4), ("incident_2031_02", 4)]  # every index
        assert conn.execute("SELECT count(*) FROM scribe.incident_key "
                            "WHERE source_record_id LIKE 'aside%'").fetchone()[0] == 20


def month_partition(store, name):
    """(rows, indexes) of an attached partition of scribe.incident, or None."""
    with admin(store) as conn:
        found = conn.execute(
            "SELECT c.oid::regclass::text, (SELECT count(*) FROM pg_index x "
            "WHERE x.indrelid = c.oid) FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid "
            "WHERE h.inhparent = 'scribe.incident'::regclass AND c.relname = %s",
            (name,)).fetchone()
        if found is None:
            return None
        return conn.execute(f"SELECT count(*) FROM {found[0]}").fetchone()[0], found[1]


def leftovers(store, prefix):
    """What an import of ids starting with ``prefix`` could have left behind."""
    with admin(store) as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM scribe.incident_key WHERE source_record_id LIKE %s), "
            "(SELECT count(*) FROM scribe.incident WHERE source_record_id LIKE %s), "
            "(SELECT count(*) FROM pg_class WHERE relname LIKE 'import_fresh%%')",
            (prefix + "%", prefix + "%")).fetchone()


def test_a_month_set_aside_fills_across_chunks_and_staging_left_over_is_finished(store):
    """stage_chunk writes each chunk as it comes; a month new in the first chunk gets the
    second chunk's rows too; rows a client COPYs but never stages are staged by finish_import
    (the protocol before 015 still works)."""
    first, second = records(40, month=5, prefix="span_a"), records(25, month=5, prefix="span_b")
    with as_user(store, "police_dm") as conn:
        loader = StoreLoad(conn, "span.csv", SHA, "police_uk")
        loader.add_records(first)
        with conn.cursor().copy(COPY_SQL) as copy:  # staged by finish_import
            copy.set_types(COPY_TYPES)
            for row in zip(*second.columns()):
                copy.write_row(row)
        summary = loader.finish(65)
        conn.commit()
    assert (summary.inserted, summary.updated, summary.unchanged) == (65, 0, 0)
    assert month_partition(store, "incident_2023_05") == (65, 4)
    assert leftovers(store, "span_") == (65, 65, 0)
    with as_user(store, "police_dm") as conn:
        again = load(conn, records(40, month=5, prefix="span_a"), "span.csv", SHA, "police_uk")
    assert (again.inserted, again.unchanged) == (0, 40)


def test_duplicates_across_chunks_are_refused_and_nothing_is_kept(store):
    before = counts(store)
    with as_user(store, "police_dm") as conn:
        loader = StoreLoad(conn, "twice.csv", SHA, "police_uk")
        loader.add_records(records(10, month=6, prefix="twice"))
        with pytest.raises(psycopg.Error, match="duplicate source record ids"):
            loader.add_records(records(3, month=7, prefix="twice"))
        conn.rollback()
    assert counts(store) == before
    assert leftovers(store, "twice") == (0, 0, 0)
    assert month_partition(store, "incident_2023_06") is None


def test_a_batch_that_staged_rows_cannot_be_committed_unfinished(store):
    """Rows written chunk by chunk are kept only with their batch's counts and audit entry:
    committing before finish_import fails, and the whole transaction is rolled back."""
    before = counts(store)
    with admin(store) as conn:
        audits = conn.execute("SELECT count(*) FROM scribe.audit_log").fetchone()[0]
    with as_user(store, "police_dm") as conn:
        loader = StoreLoad(conn, "half.csv", SHA, "police_uk")
        loader.add_records(records(30, month=8, prefix="half"))   # a new month, set aside
        loader.add_records(records(5, month=1, prefix="half_old"))  # an existing month
        with pytest.raises(errors.InvalidTransactionState, match="was not finished"):
            conn.commit()
    assert counts(store) == before
    assert leftovers(store, "half") == (0, 0, 0)
    assert month_partition(store, "incident_2023_08") is None
    with admin(store) as conn:
        assert conn.execute("SELECT count(*) FROM scribe.import_batch "
                            "WHERE file_name = 'half.csv'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM scribe.audit_log").fetchone()[0] == audits


def test_rows_copied_straight_into_new_months_are_bounded_by_the_table(store):
    """A data manager may COPY data columns into their batch's new-month tables (016), each
    month's own table (021) or their parent, and nothing more: not the id, partner or batch,
    not another month, not reading, altering or writing the months otherwise. The table
    checks each row they send as it arrives (the batch's categories are checked when it
    finishes: see the next test). Once attached, the month takes rows only through incident."""
    with as_user(store, "police_dm") as conn:
        batch = conn.execute("SELECT scribe.begin_import('straight.csv', %s, 'p')",
                             (SHA,)).fetchone()[0]
        months = conn.execute("SELECT * FROM scribe.open_fresh_months(%s, %s)", (batch, [
            dt.datetime(2032, 3, 9, tzinfo=dt.timezone.utc),
            dt.datetime(2032, 3, 20, tzinfo=dt.timezone.utc)])).fetchall()
        assert [(a.date(), b.date(), table) for a, b, table in months] == \
            [(dt.date(2032, 3, 1), dt.date(2032, 4, 1), "incident_2032_03")]
        parent, month = f"scribe.import_fresh_{batch}", "scribe.incident_2032_03"
        assert conn.execute("SELECT scribe.import_fresh_columns()").fetchone()[0] == \
            ", ".join(FRESH_COLUMNS)  # the client's COPY column list is the store's
        good = ("INSERT INTO {} (source_record_id, category_code, occurred_from, geom) "
                "VALUES ('{}', 'crime.burglary', '2032-03-09', "
                "'SRID=27700;POINT(500000 230000)')")
        for table in (parent, month):
            for hostile, error in (
                    (f"INSERT INTO {table} (partner_id, source_record_id, category_code, "
                     "occurred_from) VALUES (2, 'h', 'crime.burglary', '2032-03-09')",
                     errors.InsufficientPrivilege),
                    (f"INSERT INTO {table} (import_batch_id, source_record_id, category_code, "
                     "occurred_from) VALUES (1, 'h', 'crime.burglary', '2032-03-09')",
                     errors.InsufficientPrivilege),
                    (f"INSERT INTO {table} (incident_id, source_record_id, category_code, "
                     "occurred_from) VALUES (1, 'h', 'crime.burglary', '2032-03-09')",
                     errors.InsufficientPrivilege),
                    (f"SELECT * FROM {table}", errors.InsufficientPrivilege),
                    (f"ALTER TABLE {table} DISABLE TRIGGER ALL", errors.InsufficientPrivilege),
                    (f"DROP TRIGGER import_fresh_rows ON {table}", errors.InsufficientPrivilege),
                    (good.replace("2032-03-09", "2032-05-09").format(table, "h"),
                     errors.CheckViolation),  # no new month of this batch holds it
                    (good.replace("SRID=27700;", "SRID=4326;").format(table, "h"),
                     psycopg.DataError),
                    (good.format(table, ""), errors.CheckViolation)):
                with pytest.raises(error):
                    with conn.transaction():  # a savepoint, so the batch stays open
                        conn.execute(hostile)
        conn.execute(good.format(parent, "s1"))  # the parent's trigger
        conn.execute(good.format(month, "s2"))   # the month's own
        with pytest.raises(errors.UniqueViolation):  # the same key, through either table
            with conn.transaction():
                conn.execute(good.format(month, "s1"))
                conn.execute("SELECT * FROM scribe.finish_import(%s, 3)", (batch,))
        checks = ("SELECT array_agg(pg_get_constraintdef(oid)) FROM pg_constraint "
                  "WHERE conrelid = 'scribe.incident_2032_03'::regclass "
                  "AND conname LIKE '%bounds'")
        bounds = conn.execute(checks).fetchone()[0]  # made with the month (017)
        assert len(bounds) == 1 and "2032-03-01" in bounds[0] and "2032-04-01" in bounds[0]
        summary = conn.execute("SELECT * FROM scribe.finish_import(%s, 2)", (batch,)).fetchone()
        assert conn.execute(checks).fetchone()[0] is None  # the partition bound replaces it
        conn.commit()
        for statement, error in ((good.format(month, "s3"), errors.InsufficientPrivilege),
                                 (f"SELECT * FROM {month}", errors.InsufficientPrivilege)):
            with pytest.raises(error):
                conn.execute(statement)
            conn.rollback()
    assert summary == (2, 0, 0, 0)
    with admin(store) as conn:
        rows = conn.execute(
            "SELECT i.source_record_id, p.code, i.import_batch_id, i.incident_id IS NOT NULL "
            "FROM scribe.incident i JOIN scribe.partner p USING (partner_id) "
            "WHERE i.source_record_id IN ('s1', 's2') ORDER BY 1").fetchall()
        assert rows == [("s1", "imp_police", batch, True), ("s2", "imp_police", batch, True)]
        assert conn.execute(  # the month keeps none of the batch's defaults
            "SELECT array_agg(a.attname::text ORDER BY 1) FROM pg_attrdef d JOIN pg_attribute a "
            "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
            "WHERE d.adrelid = 'scribe.incident_2032_03'::regclass").fetchone()[0] == \
            ["sensitivity"]
        assert conn.execute(  # nor its trigger, nor the data manager's grant
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'scribe.incident_2032_03'::regclass "
            "AND tgname = 'import_fresh_rows'").fetchone()[0] == 0
        assert conn.execute(
            "SELECT has_any_column_privilege('police_dm', 'scribe.incident_2032_03', 'INSERT') "
            "OR has_table_privilege('police_dm', 'scribe.incident_2032_03', 'INSERT')"
        ).fetchone()[0] is False
        assert conn.execute("SELECT count(*) FROM scribe.incident_key "
                            "WHERE source_record_id IN ('s1', 's2')").fetchone()[0] == 2


def test_an_unknown_category_sent_into_new_months_is_refused_when_the_batch_ends(store):
    """Categories of the rows set aside are checked once, by finish_import (019), over every
    new month: a hostile client's unknown one, even in the last month among known ones, fails
    the import with the store's message, and nothing is kept."""
    before = counts(store)
    with as_user(store, "police_dm") as conn:
        batch = conn.execute("SELECT scribe.begin_import('nope.csv', %s, 'p')",
                             (SHA,)).fetchone()[0]
        conn.execute("SELECT * FROM scribe.open_fresh_months(%s, %s)", (batch, [
            dt.datetime(2033, m, 9, tzinfo=dt.timezone.utc) for m in (4, 5)]))
        rows = [(f"nope{i}", code, f"2033-0{month}-09")
                for i, (code, month) in enumerate([
                    ("crime.burglary", 4), ("crime.robbery", 4), ("crime.drugs", 5),
                    ("crime.burglary", 5), ("crime.vehicle", 5), ("crime.zzz_nope", 5),
                    ("asb.nuisance", 4)])]
        with conn.cursor().copy(f"COPY scribe.import_fresh_{batch} (source_record_id, "
                                "category_code, occurred_from) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        with pytest.raises(errors.ForeignKeyViolation,
                           match=r"unknown SCRIBE categories in the batch: crime\.zzz_nope\n"):
            conn.execute("SELECT * FROM scribe.finish_import(%s, %s)", (batch, len(rows)))
        conn.rollback()
    assert counts(store) == before
    assert leftovers(store, "nope") == (0, 0, 0)
    assert month_partition(store, "incident_2033_05") is None


def test_an_id_twice_in_one_chunk_of_a_new_month_is_refused(store):
    dupes = records(12, month=10, prefix="twin")
    dupes.source_record_id[7] = "twin2"
    with as_user(store, "police_dm") as conn:
        with pytest.raises(psycopg.Error, match="duplicate source record ids"):
            load(conn, dupes, "twin.csv", SHA, "police_uk")
    assert leftovers(store, "twin") == (0, 0, 0)
    assert month_partition(store, "incident_2023_10") is None


def test_a_record_moving_to_a_new_month_keeps_its_recorded_outcome(store):
    """The trigger on the new months adopts outcomes from outcome files (012) as stage_chunk
    does, and counts the move as an update."""
    with as_user(store, "police_dm") as conn:
        load(conn, records(3, month=2, prefix="oc"), "oc.csv", SHA, "police_uk")
        batch = conn.execute("SELECT scribe.begin_import('oc_outcomes.csv', %s, 'o')",
                             (SHA,)).fetchone()[0]
        conn.execute("SELECT * FROM scribe.record_outcomes(%s, 'oc_outcomes.csv', %s, %s, %s, "
                     "%s)", (batch, [2], ["oc1"], [dt.date(2023, 4, 1)],
                             ["Offender sent to prison"]))
        conn.execute("SELECT * FROM scribe.finish_outcomes(%s, 1, 1)", (batch,))
        conn.commit()
        moved = records(3, month=2, prefix="oc")
        moved.occurred_from[1] = dt.datetime(2033, 6, 1, tzinfo=dt.timezone.utc)
        summary = load(conn, moved, "oc.csv", SHA, "police_uk")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 1, 2)
    with admin(store) as conn:
        assert conn.execute("SELECT occurred_from::date, outcome FROM scribe.incident "
                            "WHERE source_record_id = 'oc1'").fetchall() == \
            [(dt.date(2033, 6, 1), "Offender sent to prison")]
    assert keys_without_their_row(store) == 0


def keys_without_their_row(store) -> int:
    with admin(store) as conn:
        return conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0]


def test_months_the_store_answered_once_are_not_asked_again_and_forgetting_is_safe(store):
    """StoreLoad asks the store about an instant once per batch (a month set aside stays so
    until finish_import), and when it forgets answers to bound its memory, chunks still land
    in the right months: new months through the trigger, existing ones through staging."""
    with as_user(store, "police_dm") as conn:
        load(conn, records(6, month=11, prefix="settle_old"), "settle.csv", SHA, "police_uk")
        loader = StoreLoad(conn, "settle2.csv", SHA, "police_uk")
        loader._SETTLED_LIMIT = 5  # forget at every chunk from the second on
        asked = []
        settle = loader._settle
        loader._settle = lambda stamps: asked.append(len(stamps)) or settle(stamps)
        chunk = records(8, month=11, prefix="settle_new")        # an existing month
        for i in range(4):                                        # and a new one
            chunk.occurred_from[i] = dt.datetime(2034, 2, 1 + i, tzinfo=dt.timezone.utc)
        loader.add_records(chunk)
        same_instants = records(8, month=11, prefix="settle_more")
        same_instants.occurred_from = list(chunk.occurred_from)
        loader._SETTLED_LIMIT = 100
        loader.add_records(same_instants)   # every instant answered already: no question
        summary = loader.finish(16)
        conn.commit()
    assert asked == [8]
    assert (summary.inserted, summary.updated, summary.unchanged) == (16, 0, 0)
    assert month_partition(store, "incident_2034_02")[0] == 8
    with as_user(store, "police_dm") as conn:
        loader = StoreLoad(conn, "settle3.csv", SHA, "police_uk")
        loader._SETTLED_LIMIT = 5
        first = records(8, month=11, prefix="settle_x")
        first.occurred_from[0] = dt.datetime(2034, 4, 2, tzinfo=dt.timezone.utc)
        loader.add_records(first)
        second = records(8, month=11, prefix="settle_y")
        second.occurred_from[0] = dt.datetime(2034, 4, 3, tzinfo=dt.timezone.utc)
        loader.add_records(second)          # over the limit: answers forgotten, asked again
        summary = loader.finish(16)
        conn.commit()
    assert (summary.inserted, summary.updated, summary.unchanged) == (16, 0, 0)
    assert month_partition(store, "incident_2034_04")[0] == 2


def test_chunks_prepared_while_the_connection_is_busy_land_where_the_store_says(store):
    """While the sending thread has the connection, ``prepare`` does not ask the store: rows
    in months not asked about are formatted both ways, and ``send`` asks, then takes the one
    the answer calls for: all new months, all stored ones, or both (those rows formatted
    then), beside rows of months already answered."""
    def stamped(prefix, instants):
        chunk = records(len(instants), prefix=prefix)
        chunk.occurred_from = [dt.datetime(*when, tzinfo=dt.timezone.utc) for when in instants]
        return chunk

    def busy():
        return False

    with as_user(store, "police_dm") as conn:
        load(conn, records(4, month=10, prefix="busy_old"), "busy.csv", SHA, "police_uk")
        loader = StoreLoad(conn, "busy2.csv", SHA, "police_uk")
        all_new = loader.prepare(stamped("busy_a", [(2035, 1, 2), (2035, 2, 2)]),
                                 connection_free=busy)
        assert len(all_new.asking) == 2 and all_new.fresh is None and all_new.staged is None
        loader.send(all_new)
        all_stored = loader.prepare(stamped("busy_b", [(2023, 10, 2), (2023, 10, 2)]),
                                    connection_free=busy)
        loader.send(all_stored)
        split = loader.prepare(stamped("busy_c", [(2035, 3, 2), (2023, 10, 3)]),
                               connection_free=busy)
        assert len(split.undecided) == 2
        loader.send(split)
        beside = loader.prepare(stamped("busy_d", [(2035, 1, 2), (2023, 10, 2), (2035, 4, 2)]),
                                connection_free=busy)
        assert beside.fresh and beside.staged and beside.asking == (
            dt.datetime(2035, 4, 2, tzinfo=dt.timezone.utc),)
        loader.send(beside)
        summary = loader.finish(9)
        conn.commit()
    assert (summary.inserted, summary.updated, summary.unchanged) == (9, 0, 0)
    assert [month_partition(store, f"incident_2035_0{m}")[0] for m in (1, 2, 3, 4)] == \
        [2, 1, 1, 1]
    assert month_partition(store, "incident_2023_10")[0] == 4 + 2 + 1 + 1


def test_each_new_month_is_copied_into_its_own_table_however_its_rows_were_formatted(store):
    """Rows of months the store answered go to each month's table (021). Rows prepared while
    the connection was busy are formatted by instant when they have few (their streams join
    per month once the store answers) and as one stream otherwise (formatted again per
    month when the answer spans months): every path lands every row in its month."""
    def stamped(prefix, instants):
        chunk = records(len(instants), prefix=prefix)
        chunk.occurred_from = list(instants)
        return chunk

    def at(month, minute):
        return dt.datetime(2036, month, 2, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=minute)

    with as_user(store, "police_dm") as conn:
        loader = StoreLoad(conn, "months.csv", SHA, "police_uk")
        answered = loader.prepare(stamped("mon_a", [at(1, 0), at(2, 0), at(2, 1)]))
        assert set(answered.fresh) == {"incident_2036_01", "incident_2036_02"}
        loader.send(answered)
        few = loader.prepare(stamped("mon_b", [at(3, 0), at(4, 0), at(4, 1)]),
                             connection_free=lambda: False)
        assert set(few.undecided_fresh) == {at(3, 0), at(4, 0), at(4, 1)}  # by instant
        loader.send(few)
        many_instants = [at(5 + i % 2, i) for i in range(UNDECIDED_GROUPS + 40)]
        many = loader.prepare(stamped("mon_c", many_instants), connection_free=lambda: False)
        assert set(many.undecided_fresh) == {None}  # one stream, split once answered
        loader.send(many)
        summary = loader.finish(3 + 3 + len(many_instants))
        conn.commit()
    assert summary.inserted == 6 + len(many_instants)
    assert [month_partition(store, f"incident_2036_0{m}")[0] for m in range(1, 7)] == \
        [1, 2, 1, 2, 52, 52]
    assert keys_without_their_row(store) == 0


def test_chunks_sent_together_take_one_copy_per_month(store):
    """The engine's sending thread takes every chunk waiting and sends them together: one COPY
    per new month for all of them, and one staging pass for their rows in stored months."""
    def stamped(prefix, months):
        chunk = records(len(months), prefix=prefix)
        chunk.occurred_from = [dt.datetime(y, m, 3, tzinfo=dt.timezone.utc) for y, m in months]
        return chunk

    with as_user(store, "police_dm") as conn:
        load(conn, records(2, month=9, prefix="tog_old"), "tog.csv", SHA, "police_uk")
        loader = StoreLoad(conn, "tog2.csv", SHA, "police_uk")
        copied = []
        copy = loader._copy
        loader._copy = lambda statement, data: copied.append(statement) or copy(statement, data)
        first = loader.prepare(stamped("tog_a", [(2037, 1), (2037, 2), (2023, 9)]))
        second = loader.prepare(stamped("tog_b", [(2037, 2), (2037, 1), (2023, 9)]),
                                connection_free=lambda: False)
        loader.send_many([first, second])
        summary = loader.finish(6)
        conn.commit()
    assert len(copied) == 3  # January, February, the staging table
    assert (summary.inserted, summary.updated, summary.unchanged) == (6, 0, 0)
    assert [month_partition(store, f"incident_2037_0{m}")[0] for m in (1, 2)] == [2, 2]
    assert month_partition(store, "incident_2023_09")[0] == 2 + 2
    assert keys_without_their_row(store) == 0


def test_an_import_widens_work_mem_for_its_own_transaction_only(store):
    """The store's transition table fills under the session's work_mem: StoreLoad raises it
    for the import's transaction, and the connection is as it was afterwards."""
    with as_user(store, "police_dm") as conn:
        before = conn.execute("SHOW work_mem").fetchone()[0]
        StoreLoad(conn, "wm.csv", SHA, "police_uk")
        assert conn.execute("SHOW work_mem").fetchone()[0] == TRANSITION_WORK_MEM != before
        conn.rollback()
        assert conn.execute("SHOW work_mem").fetchone()[0] == before


@pytest.mark.parametrize("record_id, kept", [
    ("x" * 200, True), ("x" * 201, False), ("é" * 200, True), ("é" * 201, False),
    ("€" * 100 + "x" * 100, True), ("", False)])
def test_record_ids_are_1_to_200_characters_on_both_write_paths(store, record_id, kept):
    """020 checks the bytes first and counts characters only past 200 bytes: the rule is
    still 1 to 200 characters, in the months the store has and in the months an import sets
    aside alike."""
    def check(conn, insert):
        if kept:
            conn.execute(insert, (record_id,))
        else:
            with pytest.raises(errors.CheckViolation, match="incident_source_record_id_check"):
                with conn.transaction():
                    conn.execute(insert, (record_id,))
        conn.rollback()

    with admin(store) as conn:  # the months the store has
        conn.autocommit = False
        check(conn, "INSERT INTO scribe.incident (partner_id, source_record_id, category_code, "
                    "occurred_from) SELECT partner_id, %s, 'crime.drugs', "
                    "'2023-01-15 12:00+00' FROM scribe.partner WHERE code = 'imp_fire'")
    with as_user(store, "fire_dm") as conn:  # a month an import sets aside
        batch = conn.execute("SELECT scribe.begin_import('ids.csv', %s, 'p')",
                             (SHA,)).fetchone()[0]
        conn.execute("SELECT * FROM scribe.open_fresh_months(%s, %s)",
                     (batch, [dt.datetime(2047, 2, 3, tzinfo=dt.timezone.utc)]))
        check(conn, f"INSERT INTO scribe.import_fresh_{batch} (source_record_id, "
                    "category_code, occurred_from) VALUES (%s, 'crime.drugs', "
                    "'2047-02-03 00:00+00')")


def test_a_batch_opened_before_its_file_is_hashed_records_the_hash_at_the_end(store):
    """022: StoreLoad given the hash's future opens the batch at once (NULL hash) and records
    the hash when it finishes; the batch row ends with the file's real hash."""
    hashing: Future[str] = Future()
    with as_user(store, "police_dm") as conn:
        with conn.transaction():
            store_load = StoreLoad(conn, "later.csv", hashing, "police_uk")
            assert conn.execute("SELECT file_sha256 FROM scribe.import_batch "
                                "WHERE import_batch_id = %s",
                                (store_load.batch_id,)).fetchone()[0] is None
            store_load.add_records(records(5, month=3, prefix="later"))
            hashing.set_result("b" * 64)
            summary = store_load.finish(5)
        assert summary.inserted == 5
    with admin(store) as conn:
        assert conn.execute("SELECT file_sha256, finished_at IS NOT NULL FROM "
                            "scribe.import_batch WHERE import_batch_id = %s",
                            (summary.batch_id,)).fetchone() == ("b" * 64, True)
    done: Future[str] = Future()
    done.set_result("c" * 64)  # a hash already worked out is passed to begin_import
    with as_user(store, "police_dm") as conn:
        batch = StoreLoad(conn, "ready.csv", done, "police_uk").batch_id
        assert conn.execute("SELECT file_sha256 FROM scribe.import_batch WHERE "
                            "import_batch_id = %s", (batch,)).fetchone()[0] == "c" * 64
        conn.rollback()


def test_a_hash_that_follows_is_recorded_once_by_the_batch_owner_and_is_needed(store):
    """record_file_hash: once, valid, by whoever opened the batch; a batch cannot be finished
    without a hash, and such a failure leaves nothing behind."""
    before = counts(store)
    with as_user(store, "police_dm") as conn:
        batch = conn.execute("SELECT scribe.begin_import('h.csv', NULL, 'p')").fetchone()[0]
        with pytest.raises(psycopg.Error, match="64 lower-case hex"):
            with conn.transaction():
                conn.execute("SELECT scribe.record_file_hash(%s, 'not-a-hash')", (batch,))
        with pytest.raises(psycopg.Error, match="64 lower-case hex"):
            with conn.transaction():
                conn.execute("SELECT scribe.begin_import('h.csv', 'ABC', 'p')")
        conn.execute("SELECT scribe.record_file_hash(%s, %s)", (batch, SHA))
        with pytest.raises(psycopg.Error, match="already has its file hash"):
            with conn.transaction():
                conn.execute("SELECT scribe.record_file_hash(%s, %s)", (batch, "d" * 64))
        conn.rollback()
        batch = conn.execute("SELECT scribe.begin_import('h.csv', NULL, 'p')").fetchone()[0]
        conn.commit()  # left open and unhashed, as a client that died would leave it
    with as_user(store, "fire_dm") as conn:
        with pytest.raises(psycopg.Error, match="not an open batch of yours"):
            conn.execute("SELECT scribe.record_file_hash(%s, %s)", (batch, SHA))
    with as_user(store, "police_dm") as conn:  # a client that never sends the hash
        with pytest.raises(errors.CheckViolation, match="import_batch_hashed_when_finished"):
            load(conn, records(4, month=5, prefix="h"), "h2.csv", None, "police_uk")
    assert counts(store) == before
    with admin(store) as conn:
        assert conn.execute("SELECT count(*) FROM scribe.import_batch WHERE file_name = "
                            "'h2.csv'").fetchone()[0] == 0
        conn.execute("DELETE FROM scribe.import_batch WHERE file_name = 'h.csv'")
