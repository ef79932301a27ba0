"""server_schema migrations on the project's own PostGIS: apply, re-apply (no-op), and a broken
file that fails clearly and changes nothing."""

from __future__ import annotations

import shutil

import psycopg
import pytest

from scribe_plugin.core import vetting
from scribe_plugin.core.migrations import (
    MigrationError,
    applied_versions,
    apply_migrations,
    discover,
)

from .qgis_helpers import REPO
from .store_helpers import KEYS_WITHOUT_THEIR_ROW

SCHEMA = REPO / "server_schema"


@pytest.fixture()
def empty_db(dev_cluster):
    name = "scribe_migrations"
    dev_cluster.create_database(name, recreate=True)
    yield dev_cluster.admin_conninfo(name)


def _state(conninfo):
    with psycopg.connect(conninfo) as conn:
        return applied_versions(conn)


def test_migrations_apply_on_empty_database_then_no_op(empty_db):
    expected = discover(SCHEMA)
    applied = apply_migrations(empty_db, SCHEMA, log=lambda m: None)
    assert [m.version for m in applied] == [m.version for m in expected]
    state = _state(empty_db)
    assert sorted(state) == [m.version for m in expected]
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("SELECT postgis_version()").fetchone()[0]
        assert conn.execute("SELECT nspowner::regrole::text FROM pg_namespace "
                            "WHERE nspname = 'scribe'").fetchone()[0] == "scribe_owner"
    assert apply_migrations(empty_db, SCHEMA, log=lambda m: None) == []
    assert _state(empty_db) == state


def test_broken_migration_names_file_and_changes_nothing(empty_db, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    apply_migrations(empty_db, folder, log=lambda m: None)
    before = _state(empty_db)
    next_version = max(before) + 1
    broken = folder / f"{next_version:03d}_broken_example.sql"
    broken.write_text("CREATE TABLE scribe.half_written (id int);\n\nSELEC oops;\n")
    with pytest.raises(MigrationError) as error:
        apply_migrations(empty_db, folder, log=lambda m: None)
    message = str(error.value)
    assert broken.name in message and "line 3" in message and "syntax error" in message
    assert _state(empty_db) == before
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("SELECT to_regclass('scribe.half_written')").fetchone()[0] is None


def test_edited_migration_is_refused(empty_db, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    apply_migrations(empty_db, folder, log=lambda m: None)
    first = sorted(folder.glob("*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited\n")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        apply_migrations(empty_db, folder, log=lambda m: None)


@pytest.mark.parametrize("names, message", [
    (["001_a.sql", "003_c.sql"], "no gaps"),
    (["001_a.sql", "001_b.sql"], "used twice"),
    (["001_a.sql", "2_b.sql"], "NNN_name.sql"),
])
def test_bad_migration_folders_are_refused(tmp_path, names, message):
    for name in names:
        (tmp_path / name).write_text("SELECT 1;")
    with pytest.raises(MigrationError, match=message):
        discover(tmp_path)


def test_stepwise_upgrades_equal_a_fresh_install(dev_cluster, tmp_path):
    """Each migration applied on its own (as servers meet them over time) gives exactly the
    schema that applying all of them at once gives."""
    import subprocess

    files = sorted(SCHEMA.glob("*.sql"))
    dev_cluster.create_database("scribe_stepwise", recreate=True)
    dev_cluster.create_database("scribe_fresh", recreate=True)
    for k in range(1, len(files) + 1):
        step = tmp_path / f"step{k}"
        step.mkdir()
        for path in files[:k]:
            shutil.copy(path, step / path.name)
        apply_migrations(dev_cluster.admin_conninfo("scribe_stepwise"), step, log=lambda m: None)
    apply_migrations(dev_cluster.admin_conninfo("scribe_fresh"), SCHEMA, log=lambda m: None)

    def schema(db):
        out = subprocess.run(["pg_dump", "--schema-only", "--no-owner",
                              dev_cluster.admin_conninfo(db)],
                             capture_output=True, text=True, check=True).stdout
        # comments, and the random \restrict key newer pg_dump versions write, differ per run
        return [ln for ln in out.splitlines()
                if not ln.startswith(("--", "\\restrict", "\\unrestrict"))]

    assert schema("scribe_stepwise") == schema("scribe_fresh")


def test_keys_name_their_rows_after_018_on_a_store_with_data(dev_cluster, tmp_path):
    """018 gives every existing key its row's incident_id and swaps incident's primary key for
    (incident_id, occurred_from): on a store filled under 017, every key still finds its row,
    and the key triggers keep doing so for rows written afterwards."""
    files = sorted(SCHEMA.glob("*.sql"))
    before = tmp_path / "before_018"
    before.mkdir()
    for path in files:
        if path.name < "018":
            shutil.copy(path, before / path.name)
    db = "scribe_018"
    dev_cluster.create_database(db, recreate=True)
    conninfo = dev_cluster.admin_conninfo(db)
    apply_migrations(conninfo, before, log=lambda m: None)
    insert = ("INSERT INTO scribe.incident (partner_id, source_record_id, category_code, "
              "occurred_from) SELECT 1, 'r' || g, 'crime.burglary', "
              "timestamptz '2024-01-01 00:00+00' + g * interval '9 days' "
              "FROM generate_series(1, {n}) g WHERE g > {skip}")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        vetting.add_partner(conn, "pf", "Police force", "police")
        conn.execute("SELECT scribe.ensure_month_partitions('2024-01-01', '2025-12-01')")
        conn.execute(insert.format(n=40, skip=0))
    apply_migrations(conninfo, SCHEMA, log=lambda m: None)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        assert conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0] == 0
        assert conn.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                            "WHERE conrelid = 'scribe.incident'::regclass AND contype = 'p'"
                            ).fetchone()[0] == "PRIMARY KEY (incident_id, occurred_from)"
        conn.execute(insert.format(n=60, skip=40))                       # insert trigger
        conn.execute("UPDATE scribe.incident SET occurred_from = occurred_from + "
                     "interval '40 days' WHERE source_record_id IN ('r3', 'r45')")  # update
        conn.execute("DELETE FROM scribe.incident WHERE source_record_id = 'r7'")
        assert conn.execute(KEYS_WITHOUT_THEIR_ROW).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM scribe.incident_key").fetchone()[0] == 59
        # 019 moved the keys into the partner's partition: a record is still one row
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("INSERT INTO scribe.incident (partner_id, source_record_id, "
                         "category_code, occurred_from) VALUES (1, 'r1', 'crime.burglary', "
                         "'2025-06-01 00:00+00')")
