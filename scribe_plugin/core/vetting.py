"""Client side of SCRIBE's vetting functions (server_schema/003): partners, sharing
agreements, access requests, approval, suspension, renewal, password resets.

Every rule is enforced by the database; this module only calls its functions with bind
parameters. Passwords are turned into SCRAM-SHA-256 verifiers here, by libpq itself, so the
plain password never reaches the server (nor, therefore, any server log).
"""

from __future__ import annotations

import datetime as dt

import psycopg

ROLES = ("scribe_viewer", "scribe_analyst", "scribe_data_manager", "scribe_admin")


def scram_verifier(conn: psycopg.Connection, username: str, password: str) -> str:
    """libpq's PQencryptPasswordConn: salted, iterated SCRAM-SHA-256, computed client-side."""
    if len(password) < 12:
        raise ValueError("passwords must be at least 12 characters")
    raw = conn.pgconn.encrypt_password(password.encode("utf-8"), username.encode("utf-8"),
                                       b"scram-sha-256")
    return raw.decode("ascii")


def add_partner(conn: psycopg.Connection, code: str, name: str, kind: str) -> int:
    return conn.execute("SELECT scribe.add_partner(%s, %s, %s)", (code, name, kind)).fetchone()[0]


def set_sharing(conn: psycopg.Connection, owner_code: str, viewer_code: str,
                max_sensitivity: int, valid_to: dt.date | None = None) -> None:
    conn.execute("SELECT scribe.set_sharing(%s, %s, CAST(%s AS smallint), %s)",
                 (owner_code, viewer_code, max_sensitivity, valid_to))


def request_access(conn: psycopg.Connection, username: str, partner_code: str, role: str,
                   clearance: int, vetting_expires: dt.date,
                   restricted_ok: bool = False, password: str | None = None) -> None:
    """Record a request (NOLOGIN until approved). With ``password`` (the person's choice),
    the person can learn that the request awaits vetting, and approval needs no new one."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if password is None:
        conn.execute("SELECT scribe.request_access(%s, %s, %s, CAST(%s AS smallint), %s, %s)",
                     (username, partner_code, role, clearance, vetting_expires, restricted_ok))
        return
    conn.execute("SELECT scribe.request_access(%s, %s, %s, CAST(%s AS smallint), %s, %s, %s)",
                 (username, partner_code, role, clearance, vetting_expires, restricted_ok,
                  scram_verifier(conn, username, password)))


def approve_access(conn: psycopg.Connection, username: str, password: str | None) -> None:
    """Give LOGIN; ``password`` None approves with the one chosen at request time."""
    verifier = None if password is None else scram_verifier(conn, username, password)
    conn.execute("SELECT scribe.approve_access(%s, %s)", (username, verifier))


def suspend_access(conn: psycopg.Connection, username: str, reason: str) -> None:
    conn.execute("SELECT scribe.suspend_access(%s, %s)", (username, reason))


def renew_vetting(conn: psycopg.Connection, username: str, vetting_expires: dt.date) -> None:
    conn.execute("SELECT scribe.renew_vetting(%s, %s)", (username, vetting_expires))


def expire_lapsed_vetting(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT scribe.expire_lapsed_vetting()").fetchone()[0]


def reset_password(conn: psycopg.Connection, username: str, password: str) -> None:
    conn.execute("SELECT scribe.reset_password(%s, %s)",
                 (username, scram_verifier(conn, username, password)))


def set_purpose_choices(conn: psycopg.Connection, purposes: list[str]) -> int:
    """The pick list of purposes offered at sign-in (administrators)."""
    return conn.execute("SELECT scribe.set_purpose_choices(%s)", (list(purposes),)).fetchone()[0]


def declare_purpose(conn: psycopg.Connection, purpose: str) -> dt.datetime:
    return conn.execute("SELECT scribe.declare_purpose(%s)", (purpose,)).fetchone()[0]


def log_event(conn: psycopg.Connection, action: str, details: dict | None = None) -> int:
    from psycopg.types.json import Jsonb

    return conn.execute("SELECT scribe.log_event(%s, %s)",
                        (action, Jsonb(details or {}))).fetchone()[0]
