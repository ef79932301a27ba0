"""A partner's first import writes its natural keys into a table of its own and builds their
index in one pass at the end (019): the same records, counts and refusals as the row-by-row
path, keys attached as the partner's partition of incident_key, nothing left by a failure,
and a second first import of the same partner waits for the first."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
import time

import psycopg
import pytest
from psycopg import errors

from scribe_plugin.core import vetting
from scribe_plugin.core.store_load import StoreLoad, load

from ..conftest import migrated_database
from ..store_helpers import KEYS_WITHOUT_THEIR_ROW
from .test_import_functions import FUTURE, PASSWORD, SHA, admin, as_user, records

_partner_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def store(dev_cluster):
    name = "scribe_first_load"
    with psycopg.connect(migrated_database(dev_cluster, name), autocommit=True) as conn:
        # another partner's rows, so some months exist before any first load below
        vetting.add_partner(conn, "other", "other", "police")
        vetting.request_access(conn, "other_dm", "other", "scribe_data_manager", 3, FUTURE)
        vetting.approve_access(conn, "other_dm", PASSWORD)
    store = dev_cluster, name
    with as_user(store, "other_dm") as conn:
        load(conn, records(50, month=1, prefix="other"), "other.csv", SHA, "police_uk")
    return store


@pytest.fixture
def partner(store):
    """A partner with no rows yet (so its next import is a first load) and its manager."""
    code = f"first{next(_partner_numbers)}"
    with admin(store) as conn:
        vetting.add_partner(conn, code, code, "council")
        vetting.request_access(conn, f"{code}_dm", code, "scribe_data_manager", 3, FUTURE)
        vetting.approve_access(conn, f"{code}_dm", PASSWORD)
        pid = conn.execute("SELECT partner_id FROM scribe.partner WHERE code = %s",
                           (code,)).fetchone()[0]
    return pid, f"{code}_dm"


def key_tables(store, pid):
    """(the partner's attached key partition with its indexes, key tables of batches left)."""
    with admin(store) as conn:
        part = conn.execute(
            "SELECT c.relname, array_agg(pg_get_indexdef(x.indexrelid)) FROM pg_inherits h "
            "JOIN pg_class c ON c.oid = h.inhrelid LEFT JOIN pg_index x ON x.indrelid = c.oid "
            "WHERE h.inhparent = 'scribe.incident_key'::regclass "
            "AND c.relname = scribe.key_partition_name(%s::smallint) GROUP BY 1",
            (pid,)).fetchone()
        fresh = conn.execute("SELECT count(*) FROM pg_class "
                             "WHERE relname LIKE 'incident_key_fresh%'").fetchone()[0]
    return part, fresh


def partitions_without_their_unique_index(store):
    """incident_key has no unique index of its own (019): each partition must have one on
    the record id alone (it holds one partner), however it was made."""
    with admin(store) as conn:
        return [name for (name,) in conn.execute(
            "SELECT c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid "
            "WHERE h.inhparent = 'scribe.incident_key'::regclass AND NOT EXISTS ("
            " SELECT 1 FROM pg_index x WHERE x.indrelid = c.oid AND x.indisunique "
            " AND x.indisvalid AND x.indkey::text = ("
            "  SELECT a.attnum::text FROM pg_attribute a WHERE a.attrelid = c.oid"
            "  AND a.attname = 'source_record_id') AND x.indpred IS NULL) ORDER BY 1")]


def partner_state(store, pid):
    with admin(store) as conn:
        return conn.execute(
            "SELECT (SELECT count(*) FROM scribe.incident WHERE partner_id = %s), "
            "(SELECT count(*) FROM scribe.incident_key WHERE partner_id = %s), "
            "(SELECT count(*) FROM scribe.import_batch WHERE partner_id = %s)",
            (pid, pid, pid)).fetchone()


def test_a_first_load_builds_its_keys_at_the_end_and_attaches_them(store, partner):
    pid, user = partner
    rows = records(300, prefix="fl")
    for i in range(0, 300, 3):  # a third into a month that exists (the staging path)
        rows.occurred_from[i] = dt.datetime(2023, 1, 5, tzinfo=dt.timezone.utc)
    for i in range(1, 300, 3):  # a third into a month no partner has yet
        rows.occurred_from[i] = dt.datetime(2036, 2, 5, tzinfo=dt.timezone.utc)
    with as_user(store, user) as conn:
        loader = StoreLoad(conn, "fl.csv", SHA, "council_asb")
        for start in range(0, 300, 100):  # three chunks, each in all three months
            loader.add_records(rows.slice(start, start + 100))
        with admin(store) as other:  # while the import is open its keys are its own
            assert other.execute("SELECT to_regclass('scribe.incident_key_p' || %s)",
                                 (pid,)).fetchone()[0] is None
        summary = loader.finish(300)
        conn.commit()
    assert (summary.inserted, summary.updated, summary.unchanged) == (300, 0, 0)
    part, fresh = key_tables(store, pid)
    assert part == (f"incident_key_p{pid}", [
        f"CREATE UNIQUE INDEX incident_key_p{pid}_record ON scribe.incident_key_p{pid} "
        "USING btree (source_record_id)"])
    assert fresh == 0
    assert partner_state(store, pid) == (300, 300, 1)
    assert partitions_without_their_unique_index(store) == []
    with admin(store) as conn:
        assert conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0] == 0
    # later imports of the partner go through its partition, row by row, as before 019
    with as_user(store, user) as conn:
        again = load(conn, rows, "fl.csv", SHA, "council_asb")
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 300)
        changed = records(300, prefix="fl")
        changed.occurred_from = list(rows.occurred_from)
        changed.category_code[:4] = ["crime.robbery"] * 4
        changed.occurred_from[4] = dt.datetime(2036, 3, 1, tzinfo=dt.timezone.utc)  # moves
        update = load(conn, changed, "fl.csv", SHA, "council_asb")
        assert (update.inserted, update.updated, update.unchanged) == (0, 5, 295)
        more = load(conn, records(10, month=2, prefix="fl_more"), "more.csv", SHA, "council_asb")
        assert more.inserted == 10
    assert partner_state(store, pid)[:2] == (310, 310)
    with admin(store) as conn:
        assert conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0] == 0


@pytest.mark.parametrize("month", [1, 7], ids=["existing month", "new month"])
def test_an_id_twice_in_a_first_load_is_refused_and_nothing_is_kept(store, partner, month):
    """The engine quarantines an id it reads twice; a client that sends one anyway fails the
    key index's build at the end, with the duplicate message, and leaves nothing."""
    pid, user = partner
    before = partner_state(store, pid)
    with as_user(store, user) as conn:
        loader = StoreLoad(conn, "twice.csv", SHA, "council_asb")
        loader.add_records(records(10, month=month, prefix="twice"))
        loader.add_records(records(3, month=month, prefix="twice"))  # ids twice0..twice2
        with pytest.raises(psycopg.Error, match="duplicate source record ids"):
            loader.finish(13)
        conn.rollback()
    assert partner_state(store, pid) == before
    assert key_tables(store, pid) == (None, 0)
    # and the partner's next import is a first load again
    with as_user(store, user) as conn:
        assert load(conn, records(10, month=month, prefix="twice"), "twice.csv", SHA,
                    "council_asb").inserted == 10
    assert key_tables(store, pid)[0] is not None


def test_a_rolled_back_first_load_leaves_no_key_table(store, partner):
    pid, user = partner
    with as_user(store, user) as conn:
        conn.execute("BEGIN")
        assert load(conn, records(20, month=9, prefix="gone"), "gone.csv", SHA,
                    "council_asb").inserted == 20
        conn.rollback()
    assert key_tables(store, pid) == (None, 0)
    assert partner_state(store, pid) == (0, 0, 0)


def test_a_second_first_load_of_a_partner_waits_for_the_first(store, partner):
    pid, user = partner
    result: dict = {}

    def second():
        try:
            with as_user(store, user) as conn:
                result["summary"] = load(conn, records(40, month=11, prefix="race"),
                                         "race_b.csv", SHA, "council_asb")
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            result["error"] = exc

    with as_user(store, user) as conn:
        loader = StoreLoad(conn, "race_a.csv", SHA, "council_asb")
        loader.add_records(records(40, month=11, prefix="race"))
        thread = threading.Thread(target=second)
        thread.start()
        with admin(store) as watcher:
            for _ in range(100):  # until the second import waits on the partner's lock
                if watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE usename = %s "
                                   "AND wait_event = 'advisory'", (user,)).fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the second first load did not wait for the first")
        assert thread.is_alive()
        first = loader.finish(40)
        conn.commit()
    thread.join(30)
    assert "error" not in result, result.get("error")
    assert first.inserted == 40
    summary = result["summary"]  # it found the first's keys: the same records, unchanged
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 0, 40)
    assert partner_state(store, pid)[:2] == (40, 40)


def test_rows_written_outside_imports_get_an_ordinary_key_partition(store, partner):
    pid, _ = partner
    insert = ("INSERT INTO scribe.incident (partner_id, source_record_id, category_code, "
              "occurred_from) VALUES (%s, 'direct-1', 'crime.drugs', %s::timestamptz)")
    with admin(store) as conn:
        conn.execute(insert, (pid, "2023-01-10"))
        assert key_tables(store, pid)[0] is not None
        assert partitions_without_their_unique_index(store) == []
        with pytest.raises(errors.UniqueViolation):
            conn.execute(insert, (pid, "2023-02-10"))  # the same record in another month
        assert conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0] == 0
    assert partner_state(store, pid)[:2] == (1, 1)


@pytest.mark.parametrize("call", [
    "scribe.ensure_key_partition(CAST(%s AS smallint))",
    "scribe.has_key_partition(CAST(%s AS smallint))",
    "scribe.first_load_keys(CAST(%s AS bigint))",
    "scribe.secure_key_table('incident_key_p' || %s)",
])
def test_the_key_helpers_serve_the_store_alone(store, partner, call):
    """A signed-in user cannot make a partner's key partition (which would take its next
    import off the bulk path) or touch key tables: the helpers are the store's own."""
    pid, user = partner
    with as_user(store, user) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(f"SELECT {call}", (pid,))
    assert key_tables(store, pid) == (None, 0)
