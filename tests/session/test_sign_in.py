"""Signing in against the real store: each refusal has its own message, and nothing tells
someone with a wrong password whether the user exists; purpose, audit, password change and
the OS keyring."""

from __future__ import annotations

import datetime as dt
import subprocess

import psycopg
import pytest

from scribe_plugin.core import auth, credentials, vetting
from scribe_plugin.core.auth import SignInRefused

from .conftest import FUTURE, PASSWORD

WRONG = "Not-the-password-123"


def refusal(store, user: str, password: str, **profile) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        auth.sign_in(store.profile(**profile), user, password)
    return caught.value


@pytest.fixture(scope="module")
def people(layer_store):
    """A pending request (with a password), a suspended and two lapsed people."""
    with layer_store.admin() as conn:
        vetting.request_access(conn, "ly_pending_person", "police", "scribe_viewer", 1, FUTURE,
                               password=PASSWORD)
        for user in ("ly_suspended_person", "ly_lapsed_swept", "ly_lapsed_unswept"):
            vetting.request_access(conn, user, "police", "scribe_viewer", 1, FUTURE)
            vetting.approve_access(conn, user, PASSWORD)
        vetting.suspend_access(conn, "ly_suspended_person", "moved to another force")
        conn.execute("UPDATE scribe.app_user SET vetting_expires = current_date - 1 "
                     "WHERE username IN ('ly_lapsed_swept', 'ly_lapsed_unswept')")
        # the daily sweep has run for one of them only
        conn.execute("UPDATE scribe.app_user SET status = 'expired' "
                     "WHERE username = 'ly_lapsed_swept'")
        conn.execute('ALTER ROLE ly_lapsed_swept NOLOGIN')
    return layer_store


def test_wrong_password_and_unknown_user_get_the_same_answer(people):
    wrong = refusal(people, "police_analyst", WRONG)
    unknown = refusal(people, "nobody_of_this_name", WRONG)
    assert wrong.kind == unknown.kind == "wrong_credentials"
    assert str(wrong) == str(unknown) == "The user name or password is wrong."
    # people who may not sign in, with a wrong password: still nothing about the account
    for user in ("ly_pending_person", "ly_suspended_person", "ly_lapsed_swept",
                 "ly_lapsed_unswept"):
        answer = refusal(people, user, WRONG)
        assert (answer.kind, str(answer)) == ("wrong_credentials", str(wrong))


def test_each_account_state_has_its_own_message_with_the_right_password(people):
    assert refusal(people, "ly_pending_person", PASSWORD).kind == "not_vetted"
    assert refusal(people, "ly_suspended_person", PASSWORD).kind == "suspended"
    swept = refusal(people, "ly_lapsed_swept", PASSWORD)
    unswept = refusal(people, "ly_lapsed_unswept", PASSWORD)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert swept.kind == unswept.kind == "expired"
    assert f"{yesterday:%d %B %Y}" in str(swept)
    messages = {str(refusal(people, u, PASSWORD)) for u in
                ("ly_pending_person", "ly_suspended_person", "ly_lapsed_swept")} | {
                str(refusal(people, "police_analyst", WRONG))}
    assert len(messages) == 4


def test_the_status_check_role_reads_nothing_but_its_own_status(people):
    with psycopg.connect(people.cluster.user_conninfo("ly_suspended_person.status", people.name),
                         password=PASSWORD, autocommit=True) as conn:
        assert conn.execute("SELECT * FROM scribe_gate.my_status()").fetchone()[0] == "suspended"
        for query in ("SELECT count(*) FROM scribe.incident", "SELECT * FROM scribe.app_user",
                      "SELECT * FROM scribe.partner", "SELECT scribe.my_account()",
                      "SELECT scribe.declare_purpose('checking what I can do')"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(query)


def test_server_problems_are_told_apart(people, tmp_path):
    other_ca = tmp_path / "other-ca.pem"  # a CA that did not sign the server's certificate
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=Someone else", "-keyout", str(tmp_path / "k.pem"), "-out",
                    str(other_ca)], check=True, capture_output=True)
    assert refusal(people, "police_analyst", PASSWORD,
                   sslrootcert=str(other_ca)).kind == "untrusted_server"
    assert refusal(people, "police_analyst", PASSWORD, port=1).kind == "unreachable"
    assert refusal(people, "police_analyst", PASSWORD, dbname="no_such_db").kind == "not_a_store"
    assert refusal(people, "police_analyst", PASSWORD, sslmode="disable").kind == \
        "refused_by_server"  # the server takes TLS connections only


def test_weakened_tls_is_named_and_verify_full_is_the_default(people):
    assert people.profile().sslmode == auth.ServerProfile("x", host="h").sslmode == "verify-full"
    assert auth.tls_warning("verify-full") is None
    for mode in ("verify-ca", "require", "prefer", "allow", "disable"):
        assert auth.tls_warning(mode)
    with pytest.raises(ValueError, match="TLS mode"):
        auth.ServerProfile("x", host="h", sslmode="verify-fully")


def test_sign_in_is_audited_and_failures_reach_the_admins_view(people):
    conn, account = auth.sign_in(people.profile(), "council_viewer", PASSWORD)
    conn.close()
    assert (account.partner_code, account.role, account.clearance) == ("council",
                                                                      "scribe_viewer", 1)
    assert account.incident_table == "incident_public"
    refusal(people, "council_viewer", WRONG)
    with people.admin() as admin:
        actions = admin.execute("SELECT action FROM scribe.audit_log WHERE actor = "
                                "'council_viewer' ORDER BY audit_id").fetchall()
        vetting.request_access(admin, "ly_audit_admin", "police", "scribe_admin", 3, FUTURE)
        vetting.approve_access(admin, "ly_audit_admin", PASSWORD)
    assert ("sign_in",) in actions
    conn, _ = auth.sign_in(people.profile(), "ly_audit_admin", PASSWORD)
    with conn:
        failures = conn.execute("SELECT username FROM scribe.failed_sign_ins()").fetchall()
    assert ("council_viewer",) in failures


def test_purpose_is_declared_before_any_incident_is_read(people):
    conn, account = auth.sign_in(people.profile(), "fire_viewer", PASSWORD)
    with conn:
        if not account.purpose_is_current():
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="purpose"):
                conn.execute("SELECT count(*) FROM scribe.incident_public")
        choices = auth.purpose_choices(conn)
        assert choices[0] == "Weekly tasking and coordination" and len(choices) == 3
        vetting.declare_purpose(conn, choices[1])
        account = auth.read_account(conn)
        assert account.purpose == "Problem profile (SARA)" and account.purpose_is_current()
        assert conn.execute("SELECT count(*) FROM scribe.incident_public").fetchone()[0] > 0


def test_password_change_through_the_schema(people):
    with people.admin() as admin:
        vetting.request_access(admin, "ly_changing_person", "fire", "scribe_viewer", 1, FUTURE)
        vetting.approve_access(admin, "ly_changing_person", PASSWORD)
    profile = people.profile()
    with pytest.raises(SignInRefused, match="current password"):
        auth.change_password(profile, "ly_changing_person", WRONG, "Brand-new-password-42")
    with pytest.raises(ValueError, match="12 characters"):
        auth.change_password(profile, "ly_changing_person", PASSWORD, "short")
    auth.change_password(profile, "ly_changing_person", PASSWORD, "Brand-new-password-42")
    assert refusal(people, "ly_changing_person", PASSWORD).kind == "wrong_credentials"
    auth.sign_in(profile, "ly_changing_person", "Brand-new-password-42")[0].close()
    with people.admin() as admin:  # the status check follows the new password too
        vetting.suspend_access(admin, "ly_changing_person", "test")
    assert refusal(people, "ly_changing_person", "Brand-new-password-42").kind == "suspended"


def test_approval_with_the_password_chosen_at_request(people):
    with people.admin() as admin:
        vetting.request_access(admin, "ly_self_chosen", "council", "scribe_viewer", 1, FUTURE,
                               password="Chosen-by-me-2024!")
        assert refusal(people, "ly_self_chosen", "Chosen-by-me-2024!").kind == "not_vetted"
        vetting.approve_access(admin, "ly_self_chosen", None)
        vetting.request_access(admin, "ly_no_password_given", "council", "scribe_viewer", 1,
                               FUTURE)
        with pytest.raises(psycopg.Error, match="carries no password"):
            vetting.approve_access(admin, "ly_no_password_given", None)
    auth.sign_in(people.profile(), "ly_self_chosen", "Chosen-by-me-2024!")[0].close()


def test_remembered_passwords_live_in_the_os_keyring(os_keyring):
    assert credentials.backend_problem() is None
    credentials.remember("Test store", "police_analyst", "Keyring-held-secret-1")
    assert credentials.recall("Test store", "police_analyst") == "Keyring-held-secret-1"
    assert os_keyring.get_password("SCRIBE", "Test store/police_analyst") == \
        "Keyring-held-secret-1"
    credentials.forget("Test store", "police_analyst")
    assert credentials.recall("Test store", "police_analyst") is None


def test_no_keyring_is_said_clearly_and_nothing_is_written(no_os_keyring):
    problem = credentials.backend_problem()
    assert problem and "memory for this session only" in problem
    with pytest.raises(credentials.KeyringUnavailable, match="No secure keyring"):
        credentials.remember("Test store", "police_analyst", "Never-stored-anywhere-1")
    assert credentials.recall("Test store", "police_analyst") is None

