"""The store's security model, tested by connecting as real roles over TLS + SCRAM to the
project's own PostGIS: a generated role x partner x sensitivity matrix, vetting states,
restricted columns, declared purpose, audit, and the known row-level-security pitfalls."""

from __future__ import annotations

import datetime as dt
import itertools

import psycopg
import pytest
from psycopg import errors

from scribe_plugin.core import vetting

from ..conftest import migrated_database

PARTNERS = {"police": "police", "fire": "fire_rescue", "council_a": "council",
            "council_b": "council"}
# owner -> viewer -> highest sensitivity shared (own data: up to the person's clearance)
SHARING = {("police", "fire"): 1, ("police", "council_a"): 2, ("fire", "police"): 3,
           ("council_a", "police"): 1, ("council_b", "council_a"): 0}
ROLES = ("scribe_viewer", "scribe_analyst", "scribe_data_manager")
ROWS_PER_CELL = 2  # incidents per partner x sensitivity
PASSWORD = "Correct-horse-battery-9"  # noqa: S105 (throwaway users in the test cluster)
FUTURE = dt.date.today() + dt.timedelta(days=365)


def expected_visible(partner: str, clearance: int) -> set[tuple[str, int]]:
    visible = {(partner, s) for s in range(clearance + 1)}
    for (owner, viewer), level in SHARING.items():
        if viewer == partner:
            visible |= {(owner, s) for s in range(min(level, clearance) + 1)}
    return visible


def username(partner: str, role: str, clearance: int) -> str:
    return f"{partner}_{role.removeprefix('scribe_')}_{clearance}"


@pytest.fixture(scope="module")
def store(dev_cluster):
    """A database with partners, agreements, one user per partner x role x clearance, and
    incidents at every sensitivity for every partner, in two monthly partitions."""
    name = "scribe_security"
    with psycopg.connect(migrated_database(dev_cluster, name), autocommit=True) as conn:
        for code, kind in PARTNERS.items():
            vetting.add_partner(conn, code, f"{code} partner", kind)
        for (owner, viewer), level in SHARING.items():
            vetting.set_sharing(conn, owner, viewer, level)
        for partner, role, clearance in itertools.product(PARTNERS, ROLES, range(4)):
            user = username(partner, role, clearance)
            vetting.request_access(conn, user, partner, role, clearance, FUTURE,
                                   restricted_ok=(clearance == 3))
            vetting.approve_access(conn, user, PASSWORD)
        conn.execute("SELECT scribe.ensure_month_partitions('2024-01-01', '2024-02-01')")
        with conn.cursor() as cur:
            rows = []
            for i, (partner, sensitivity, n) in enumerate(itertools.product(
                    PARTNERS, range(4), range(ROWS_PER_CELL))):
                rows.append((partner, f"{partner}-{sensitivity}-{n}", sensitivity,
                             f"2024-0{1 + n % 2}-15", f"free text {i}", f"{i} Secret Road"))
            cur.executemany(
                "INSERT INTO scribe.incident (partner_id, source_record_id, category_code, "
                "occurred_from, sensitivity, geom, free_text, exact_address) "
                "SELECT partner_id, %s, 'crime.burglary', %s::timestamptz, %s, "
                "ST_SetSRID(ST_MakePoint(505000, 230000), 27700), %s, %s "
                "FROM scribe.partner WHERE code = %s",
                [(sid, day, sens, free, addr, partner)
                 for partner, sid, sens, day, free, addr in rows])
    return dev_cluster, name


def connect(store, user: str, password: str = PASSWORD) -> psycopg.Connection:
    cluster, name = store
    return psycopg.connect(cluster.user_conninfo(user, name), password=password,
                           autocommit=True)


MATRIX = list(itertools.product(PARTNERS, ROLES, range(4)))


@pytest.mark.parametrize("partner, role, clearance", MATRIX,
                         ids=[username(*m) for m in MATRIX])
def test_each_user_sees_exactly_what_the_agreements_allow(store, partner, role, clearance):
    with connect(store, username(partner, role, clearance)) as conn:
        vetting.declare_purpose(conn, "Monthly burglary problem profile")
        rows = conn.execute(
            "SELECT p.code, i.sensitivity, count(*) FROM scribe.incident i "
            "JOIN scribe.partner p USING (partner_id) GROUP BY 1, 2").fetchall()
        seen = {(code, sens): n for code, sens, n in rows}
        assert set(seen) == expected_visible(partner, clearance)
        assert all(n == ROWS_PER_CELL for n in seen.values())
        # nobody writes incidents directly: data managers go through import functions
        for statement in ("INSERT INTO scribe.incident (partner_id, source_record_id, "
                          "category_code, occurred_from) VALUES (1, 'x', 'crime.drugs', now())",
                          "UPDATE scribe.incident SET outcome = 'x'",
                          "DELETE FROM scribe.incident"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)


def test_reads_are_refused_without_a_declared_purpose(store):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        vetting.request_access(conn, "no_purpose_yet", "police", "scribe_analyst", 3, FUTURE)
        vetting.approve_access(conn, "no_purpose_yet", PASSWORD)
    with connect(store, "no_purpose_yet") as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="purpose"):
            conn.execute("SELECT count(*) FROM scribe.incident").fetchone()
        vetting.declare_purpose(conn, "Weekly tasking briefing")
        assert conn.execute("SELECT count(*) FROM scribe.incident").fetchone()[0] > 0


def test_restricted_columns_only_for_cleared_users(store):
    with connect(store, username("fire", "scribe_analyst", 2)) as conn:
        vetting.declare_purpose(conn, "Arson reduction partnership meeting")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT free_text FROM scribe.incident")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM scribe.incident_restricted")
    with connect(store, username("fire", "scribe_analyst", 3)) as conn:
        vetting.declare_purpose(conn, "Arson reduction partnership meeting")
        rows = conn.execute("SELECT p.code, count(*) FROM scribe.incident_restricted r "
                            "JOIN scribe.partner p USING (partner_id) GROUP BY 1").fetchall()
        # through the security_invoker view RLS still applies: fire sees fire + police only
        assert dict(rows) == {"fire": 4 * ROWS_PER_CELL, "police": 2 * ROWS_PER_CELL}


def test_unvetted_suspended_and_expired_users_cannot_connect(store):
    cluster, name = store
    admin = cluster.admin_conninfo(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        vetting.request_access(conn, "pending_person", "police", "scribe_viewer", 1, FUTURE)
        vetting.request_access(conn, "soon_suspended", "police", "scribe_viewer", 1, FUTURE)
        vetting.approve_access(conn, "soon_suspended", PASSWORD)
        vetting.request_access(conn, "lapsing_person", "police", "scribe_viewer", 1, FUTURE)
        vetting.approve_access(conn, "lapsing_person", PASSWORD)
    with connect(store, "soon_suspended") as conn:  # works before suspension
        assert conn.execute("SELECT 1").fetchone() == (1,)
    with psycopg.connect(admin, autocommit=True) as conn:
        vetting.suspend_access(conn, "soon_suspended", "left the organisation")
        conn.execute("UPDATE scribe.app_user SET vetting_expires = current_date - 1 "
                     "WHERE username = 'lapsing_person'")
        assert vetting.expire_lapsed_vetting(conn) == 1
    # a request not yet approved has no password: nothing tells a caller the account exists
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        connect(store, "pending_person")
    # suspended and lapsed accounts keep their password but lose LOGIN
    for user in ("soon_suspended", "lapsing_person"):
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            connect(store, user)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        connect(store, username("police", "scribe_viewer", 1), password="wrong password here")


def test_audit_records_actions_and_detects_tampering(store):
    cluster, name = store
    user = username("council_a", "scribe_viewer", 1)
    with connect(store, user) as conn:
        vetting.declare_purpose(conn, "ASB hotspot review for the ward panel")
        vetting.log_event(conn, "sign_in", {"client": "pytest"})
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM scribe.audit_log")
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        actions = {a for (a,) in conn.execute(
            "SELECT DISTINCT action FROM scribe.audit_log")}
        assert {"add_partner", "set_sharing", "request_access", "approve_access",
                "declare_purpose", "sign_in"} <= actions
        sign_in = conn.execute("SELECT actor, purpose FROM scribe.audit_log "
                               "WHERE action = 'sign_in' ORDER BY audit_id DESC").fetchone()
        assert sign_in == (user, "ASB hotspot review for the ward panel")
        assert conn.execute("SELECT scribe.audit_verify()").fetchone()[0] is None
        head = conn.execute("SELECT * FROM scribe.audit_head()").fetchone()
        assert len(head[1]) == 64
    admin_user = "audit_admin"
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        vetting.request_access(conn, admin_user, "police", "scribe_admin", 3, FUTURE)
        vetting.approve_access(conn, admin_user, PASSWORD)
    with connect(store, admin_user) as conn:  # even an admin cannot rewrite history
        assert conn.execute("SELECT count(*) FROM scribe.audit_log").fetchone()[0] > 0
        for statement in ("UPDATE scribe.audit_log SET actor = 'nobody'",
                          "DELETE FROM scribe.audit_log", "TRUNCATE scribe.audit_log"):
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        target = conn.execute("SELECT audit_id FROM scribe.audit_log WHERE action = 'sign_in' "
                              "ORDER BY audit_id DESC").fetchone()[0]
        conn.execute("UPDATE scribe.audit_log SET details = '{\"client\": \"forged\"}' "
                     "WHERE audit_id = %s", (target,))  # a superuser tampers
        assert conn.execute("SELECT scribe.audit_verify()").fetchone()[0] == target


HOSTILE = ["x'; DROP TABLE scribe.incident; --", "Robert'); DROP ROLE scribe_admin;--",
           "a\"b", "", "ÄÖ", "x" * 300, "1; SELECT pg_sleep(5)", "Upper_Case"]


@pytest.mark.parametrize("taken", ["scribe_admin", "postgres", "scribe_owner",
                                   "scribe_partner_police"])
def test_user_names_of_existing_roles_are_refused(store, taken):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        with pytest.raises(psycopg.Error, match="taken"):
            vetting.request_access(conn, taken, "police", "scribe_viewer", 1, FUTURE)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_change_nothing_and_fail_clearly(store, value):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        def state():
            return (conn.execute("SELECT count(*) FROM pg_roles").fetchone(),
                    conn.execute("SELECT count(*) FROM scribe.app_user").fetchone(),
                    conn.execute("SELECT count(*) FROM scribe.partner").fetchone(),
                    conn.execute("SELECT count(*) FROM scribe.incident").fetchone())
        before = state()
        for call in (lambda: vetting.request_access(conn, value, "police", "scribe_viewer", 1,
                                                    FUTURE),
                     lambda: vetting.add_partner(conn, value, "n", "council"),
                     lambda: vetting.set_sharing(conn, value, "police", 1),
                     lambda: vetting.request_access(conn, "valid_name", value,
                                                    "scribe_viewer", 1, FUTURE)):
            with pytest.raises(psycopg.Error) as error:
                call()
            assert error.value.diag.message_primary  # a message, not a crash
        assert state() == before
    with connect(store, username("police", "scribe_viewer", 0)) as conn:
        # a purpose is free text, stored as a value (or refused for its length); an event
        # name must be one of the known events
        try:
            vetting.declare_purpose(conn, value)
        except psycopg.Error as error:
            assert "5 to 500 characters" in error.diag.message_primary
        with pytest.raises(psycopg.Error, match="unknown event"):
            vetting.log_event(conn, value)
        assert conn.execute("SELECT to_regclass('scribe.incident') IS NOT NULL").fetchone()[0]


def test_known_rls_pitfalls_are_closed(store):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        # no login role owns a SCRIBE table or view
        owners = {o for (o,) in conn.execute(
            "SELECT DISTINCT r.rolname FROM pg_class c JOIN pg_namespace n ON n.oid = "
            "c.relnamespace JOIN pg_roles r ON r.oid = c.relowner WHERE n.nspname = 'scribe'")}
        assert owners == {"scribe_owner"}
        assert not conn.execute("SELECT rolcanlogin OR rolsuper FROM pg_roles "
                                "WHERE rolname = 'scribe_owner'").fetchone()[0]
        # every SECURITY DEFINER function pins its search_path
        unpinned = conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'scribe' AND p.prosecdef AND NOT coalesce("
            "array_to_string(p.proconfig, ',') LIKE '%search_path=%', false)").fetchall()
        assert unpinned == []
        # every view is security_invoker
        views = conn.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c JOIN pg_namespace n ON "
            "n.oid = c.relnamespace WHERE n.nspname = 'scribe' AND c.relkind = 'v'").fetchall()
        assert views and all("security_invoker=true" in (opts or []) for _, opts in views)
        # RLS forced on every table with partner data
        forced = dict(conn.execute(
            "SELECT relname, relforcerowsecurity FROM pg_class WHERE relnamespace = "
            "'scribe'::regnamespace AND relname IN ('incident', 'quarantine', "
            "'import_batch', 'incident_key')").fetchall())
        assert forced and all(forced.values())
    user = username("council_b", "scribe_viewer", 3)
    with connect(store, user) as conn:
        vetting.declare_purpose(conn, "Checking what leaks through COPY")
        # COPY TO goes through the same policies
        with conn.cursor() as cur:
            with cur.copy("COPY (SELECT partner_id FROM scribe.incident) TO STDOUT") as copy:
                copied = [row for row in copy.rows()]
        with conn.cursor() as cur:  # the table form too
            with cur.copy("COPY scribe.incident (partner_id) TO STDOUT") as copy:
                copied += [row for row in copy.rows()]
        own = conn.execute("SELECT partner_id FROM scribe.partner WHERE code = 'council_b'")
        assert {int(r[0]) for r in copied} == {own.fetchone()[0]}
    with connect(store, username("council_b", "scribe_viewer", 2)) as conn:
        vetting.declare_purpose(conn, "Checking COPY of restricted columns")
        with pytest.raises(errors.InsufficientPrivilege):  # all columns: restricted ones too
            with conn.cursor() as cur:
                with cur.copy("COPY scribe.incident TO STDOUT") as copy:
                    list(copy.rows())
    # a later permissive policy cannot widen the restrictive sharing boundary
    with psycopg.connect(cluster.admin_conninfo(name)) as conn:
        conn.execute("CREATE POLICY oops_everyone ON scribe.incident FOR SELECT "
                     "TO scribe_viewer USING (true)")
        conn.commit()
    try:
        with connect(store, user) as conn:
            vetting.declare_purpose(conn, "Checking a widened policy")
            codes = {c for (c,) in conn.execute(
                "SELECT DISTINCT p.code FROM scribe.incident i JOIN scribe.partner p "
                "USING (partner_id)")}
            assert codes == {"council_b"}
    finally:
        with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
            conn.execute("DROP POLICY oops_everyone ON scribe.incident")


def test_password_never_reaches_the_server_log(store):
    cluster, name = store
    secret = "Unique-Secret-Passphrase-4711"  # noqa: S105
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        conn.execute("SET log_statement = 'all'")  # the worst case a DBA could configure
        vetting.request_access(conn, "logged_person", "fire", "scribe_viewer", 1, FUTURE)
        vetting.approve_access(conn, "logged_person", secret)
        vetting.reset_password(conn, "logged_person", secret + "-2")
        with pytest.raises(psycopg.Error, match="SCRAM"):  # a plain password is refused
            conn.execute("SELECT scribe.reset_password('logged_person', %s)", (secret,))
    with connect(store, "logged_person", secret + "-2") as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "logged_person"
    log = cluster.log_file.read_text(errors="replace")
    assert "logged_person" in log  # the log is the right one and statements were logged
    assert secret not in log


def test_pgaudit_logs_reads_of_incident_data(store):
    cluster, name = store
    user = username("police", "scribe_viewer", 2)
    marker = "pgaudit-marker-7f3a"
    with connect(store, user) as conn:
        vetting.declare_purpose(conn, "Checking the server's own audit")
        conn.execute(f"SELECT count(*) FROM scribe.incident WHERE source_record_id <> '{marker}'")
    log = cluster.log_file.read_text(errors="replace")
    lines = [ln for ln in log.splitlines() if marker in ln and "AUDIT: OBJECT" in ln]
    assert lines and "scribe.incident" in lines[-1] and "SELECT" in lines[-1]


def test_failed_sign_ins_are_visible_to_admins_only(store):
    cluster, name = store
    with pytest.raises(psycopg.OperationalError):
        connect(store, username("fire", "scribe_viewer", 0), password="not the password")
    with pytest.raises(psycopg.OperationalError):
        connect(store, "nobody_by_this_name", password="whatever it is")
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        vetting.request_access(conn, "log_admin", "police", "scribe_admin", 3, FUTURE)
        vetting.approve_access(conn, "log_admin", PASSWORD)
    with connect(store, "log_admin") as conn:
        failures = conn.execute("SELECT username, reason FROM scribe.failed_sign_ins()"
                                ).fetchall()
    assert (username("fire", "scribe_viewer", 0), "wrong password or no such user") in failures
    assert ("nobody_by_this_name", "wrong password or no such user") in failures
    with connect(store, username("fire", "scribe_analyst", 3)) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM scribe.failed_sign_ins()")


def test_errors_in_user_predicates_do_not_leak_hidden_rows(store):
    """A predicate that would fail on another partner's rows never sees them: the sharing
    boundary is applied first (RLS quals are security barriers)."""
    with connect(store, username("council_b", "scribe_viewer", 3)) as conn:
        vetting.declare_purpose(conn, "Probing for leaks through errors")
        police = conn.execute("SELECT partner_id FROM scribe.partner WHERE code = 'police'"
                              ).fetchone()[0]
        # divides by zero on police rows only (a constant 1/0 would fail at planning, whatever
        # the data)
        count = conn.execute(
            "SELECT count(*) FROM scribe.incident WHERE 1 / (partner_id - %s) IS NOT NULL",
            (police,)).fetchone()[0]
        assert count == 4 * ROWS_PER_CELL  # council_b's own rows; no division by zero


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_strings_in_the_other_vetting_functions(store, value):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        before = conn.execute("SELECT count(*), count(*) FILTER (WHERE status = 'active') "
                              "FROM scribe.app_user").fetchone()
        for call in (lambda: vetting.suspend_access(conn, value, value),
                     lambda: vetting.renew_vetting(conn, value, FUTURE),
                     lambda: conn.execute("SELECT scribe.reset_password(%s, %s)",
                                          (value, value))):
            with pytest.raises(psycopg.Error) as error:
                call()
            assert error.value.diag.message_primary
        after = conn.execute("SELECT count(*), count(*) FILTER (WHERE status = 'active') "
                             "FROM scribe.app_user").fetchone()
        assert after == before


def test_natural_key_holds_across_monthly_partitions(store):
    """(partner, source record id) is one record whatever its month: a second copy in another
    month is refused, and updates and deletes keep the key table in step."""
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        insert = ("INSERT INTO scribe.incident (partner_id, source_record_id, category_code, "
                  "occurred_from) SELECT partner_id, 'dup-1', 'crime.drugs', %s::timestamptz "
                  "FROM scribe.partner WHERE code = 'fire'")
        conn.execute(insert, ("2024-01-10",))
        with pytest.raises(errors.UniqueViolation):
            conn.execute(insert, ("2024-02-10",))
        conn.execute("UPDATE scribe.incident SET occurred_from = '2024-02-11' "
                     "WHERE source_record_id = 'dup-1'")
        assert conn.execute("SELECT occurred_from::date::text FROM scribe.incident_key "
                            "WHERE source_record_id = 'dup-1'").fetchone() == ("2024-02-11",)
        conn.execute("DELETE FROM scribe.incident WHERE source_record_id = 'dup-1'")
        assert conn.execute("SELECT count(*) FROM scribe.incident_key "
                            "WHERE source_record_id = 'dup-1'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM scribe.incident").fetchone() == \
            conn.execute("SELECT count(*) FROM scribe.incident_key").fetchone()


def test_per_role_limits_and_password_guessing_delay(store):
    cluster, name = store
    with connect(store, username("police", "scribe_analyst", 1)) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "5min"
    with connect(store, username("police", "scribe_data_manager", 1)) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone()[0] == "30min"
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        limits = {r[0] for r in conn.execute(
            "SELECT rolconnlimit FROM pg_roles r JOIN scribe.app_user u "
            "ON u.username = r.rolname WHERE u.status = 'active'")}
        assert limits == {20}
        assert "auth_delay" in conn.execute("SHOW shared_preload_libraries").fetchone()[0]
        assert conn.execute("SHOW auth_delay.milliseconds").fetchone()[0] not in ("0", "0ms")


def test_every_user_change_is_audited(store):
    """Runs after the tests above have suspended, expired and reset users."""
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        vetting.renew_vetting(conn, username("council_b", "scribe_viewer", 0),
                              FUTURE + dt.timedelta(days=30))
        actions = {a for (a,) in conn.execute("SELECT DISTINCT action FROM scribe.audit_log")}
        assert {"request_access", "approve_access", "suspend_access", "expire_access",
                "renew_vetting", "reset_password", "add_partner", "set_sharing"} <= actions
        renewal = conn.execute("SELECT details->>'user' FROM scribe.audit_log "
                               "WHERE action = 'renew_vetting'").fetchone()[0]
        assert renewal == username("council_b", "scribe_viewer", 0)


def test_administrators_manage_people_but_see_no_incidents(store):
    cluster, name = store
    with psycopg.connect(cluster.admin_conninfo(name), autocommit=True) as conn:
        vetting.request_access(conn, "people_admin", "fire", "scribe_admin", 3, FUTURE)
        vetting.approve_access(conn, "people_admin", PASSWORD)
    with connect(store, "people_admin") as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("SELECT count(*) FROM scribe.incident")
        vetting.request_access(conn, "made_by_admin", "fire", "scribe_viewer", 1, FUTURE)
        vetting.approve_access(conn, "made_by_admin", PASSWORD)
    with connect(store, "made_by_admin") as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "made_by_admin"
    with connect(store, username("police", "scribe_analyst", 3)) as conn:
        with pytest.raises(errors.InsufficientPrivilege, match="permission denied"):
            vetting.request_access(conn, "self_made", "police", "scribe_admin", 3, FUTURE)
