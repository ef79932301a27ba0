"""After the migrations, the database holds exactly the taxonomy of core/taxonomy.py, owned by
the NOLOGIN owner role, and the SQL and Python label keys agree."""

from __future__ import annotations

import psycopg
import pytest

from scribe_plugin.core import taxonomy

from .conftest import migrated_database


@pytest.fixture(scope="module")
def migrated(dev_cluster):
    return migrated_database(dev_cluster, "scribe_taxonomy")


def test_database_categories_equal_taxonomy(migrated):
    with psycopg.connect(migrated) as conn:
        rows = set(conn.execute(
            "SELECT code, domain, parent_code, label, description FROM scribe.category"))
        crosswalk = set(conn.execute(
            "SELECT scheme, label_key, label, category_code FROM scribe.crosswalk"))
        owners = set(conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'scribe'"))
    assert rows == {(c.code, c.domain, c.parent, c.label, c.description)
                    for c in taxonomy.CATEGORIES}
    assert crosswalk == {(x.scheme, x.key, x.label, x.category) for x in taxonomy.CROSSWALKS}
    assert owners == {("scribe_owner",)}


@pytest.mark.parametrize("label", ["Fly-tipping", "  Car  ", "Theft\tfrom the  person",
                                   "AFA", "False alarm - Good intent"])
def test_sql_and_python_label_keys_agree(migrated, label):
    with psycopg.connect(migrated) as conn:
        key = conn.execute("SELECT scribe.label_key(%s)", (label,)).fetchone()[0]
    assert key == taxonomy.label_key(label)


def test_constraints_refuse_inconsistent_rows(migrated):
    with psycopg.connect(migrated) as conn:
        for statement, params in (
                ("INSERT INTO scribe.category (code, domain, parent_code, label) "
                 "VALUES (%s, 'crime', 'crime', 'x')", ("fire.oops",)),
                ("INSERT INTO scribe.category (code, domain, parent_code, label) "
                 "VALUES (%s, 'crime', NULL, 'x')", ("crime.orphan",)),
                ("INSERT INTO scribe.crosswalk (scheme, label_key, label, category_code) "
                 "VALUES ('s', 'x', 'x', %s)", ("crime.not_a_category",))):
            with pytest.raises(psycopg.errors.IntegrityError):
                with conn.transaction():
                    conn.execute(statement, params)
