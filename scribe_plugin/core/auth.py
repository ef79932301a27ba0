"""Signing in to the SCRIBE store: server profiles, why a sign-in failed, the signed-in
person's account, purpose of access and password change.

The database decides everything; this module only asks it and turns its answers into one
``SignInRefused.kind`` per situation, so the dialog can say clearly what happened:

* wrong password or unknown user: the same answer for both (nothing reveals a user exists);
* right password, but the account is awaiting vetting, suspended or its vetting expired:
  asked of the person's sign-in check role ``<user>.status`` (server_schema/011), which can
  log in only with the right password and can only read that person's status;
* the server cannot be reached, its certificate is not trusted, or it refuses the connection.

Passwords go to libpq and nowhere else: not into strings, logs or exceptions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import psycopg

from . import vetting

SSL_MODES = ("verify-full", "verify-ca", "require", "prefer", "allow", "disable")
APPLICATION_NAME = "SCRIBE for QGIS"


@dataclass
class ServerProfile:
    """Where the store is. No secrets: this is what QgsSettings keeps."""

    name: str
    host: str = ""
    port: int = 5432
    dbname: str = "scribe"
    sslmode: str = "verify-full"
    sslrootcert: str = ""
    service: str = ""  # a pg_service.conf service name instead of host/port/dbname

    def __post_init__(self) -> None:
        if self.sslmode not in SSL_MODES:
            raise ValueError(f"TLS mode must be one of {', '.join(SSL_MODES)}")
        if not self.name.strip():
            raise ValueError("a server profile needs a name")
        if not (self.service or self.host):
            raise ValueError("give a host name or a pg_service.conf service")

    def libpq(self) -> dict[str, str]:
        """libpq keywords without any credential."""
        params = {"application_name": APPLICATION_NAME, "connect_timeout": "10"}
        if self.service:
            params["service"] = self.service
            return params
        params.update(host=self.host, port=str(self.port), dbname=self.dbname,
                      sslmode=self.sslmode)
        if self.sslrootcert:
            params["sslrootcert"] = self.sslrootcert
        return params

    def to_dict(self) -> dict:
        return asdict(self)


def tls_warning(sslmode: str) -> str | None:
    """What a weaker TLS mode gives away, or None for verify-full."""
    return {
        "verify-full": None,
        "verify-ca": "verify-ca checks the certificate's authority but not the server's name: "
                     "another server with a certificate from the same authority could pose as "
                     "the store.",
        "require": "require encrypts but does not check who the server is: a machine in the "
                   "middle could read your password and the data.",
        "prefer": "prefer may connect without encryption: your password and the data could "
                  "cross the network in clear.",
        "allow": "allow may connect without encryption: your password and the data could "
                 "cross the network in clear.",
        "disable": "disable never encrypts: your password and the data cross the network in "
                   "clear.",
    }[sslmode]


class SignInRefused(Exception):
    """Why signing in did not work; ``kind`` is one of KINDS."""

    KINDS = ("wrong_credentials", "not_vetted", "suspended", "expired", "unreachable",
             "untrusted_server", "refused_by_server", "too_many_sessions", "not_a_store")

    def __init__(self, kind: str, message: str, vetting_expires: dt.date | None = None):
        assert kind in self.KINDS
        super().__init__(message)
        self.kind, self.vetting_expires = kind, vetting_expires


@dataclass(frozen=True)
class Account:
    username: str
    partner_code: str
    partner_name: str
    role: str
    clearance: int
    restricted_ok: bool
    vetting_expires: dt.date
    status: str
    purpose: str | None = None
    purpose_expires: dt.datetime | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def incident_table(self) -> str:
        """What this person's layers read: all columns if cleared for the restricted ones."""
        return "incident" if self.restricted_ok else "incident_public"

    def purpose_is_current(self, now: dt.datetime | None = None) -> bool:
        if self.purpose_expires is None:
            return False
        return self.purpose_expires > (now or dt.datetime.now(dt.timezone.utc))


def _connect(profile: ServerProfile, username: str, password: str) -> psycopg.Connection:
    return psycopg.connect(autocommit=True, user=username, password=password,
                           **profile.libpq())


def _refusal_from(error: psycopg.OperationalError) -> SignInRefused | None:
    """Refusals that do not depend on the account; None for password/login refusals."""
    text = str(error)
    if "password authentication failed" in text or "not permitted to log in" in text:
        return None
    if "too many connections for role" in text:
        return SignInRefused("too_many_sessions", "You have too many SCRIBE sessions open; "
                             "close some QGIS windows and try again.")
    if any(s in text for s in ("certificate verify failed", "root certificate",
                               "server certificate", "does not match host name",
                               "SSL error", "SSL SYSCALL")):
        return SignInRefused("untrusted_server", "The server's certificate is not trusted "
                             "(check the CA certificate file and the host name).")
    if "no pg_hba.conf entry" in text:
        return SignInRefused("refused_by_server", "The server refuses this connection (it "
                             "may require TLS, or not accept you from this network).")
    if "does not exist" in text and "database" in text:
        return SignInRefused("not_a_store", "There is no such database on this server.")
    return SignInRefused("unreachable", "The server cannot be reached (check host, port, "
                         "network or VPN).")


def account_status(profile: ServerProfile, username: str, password: str
                   ) -> tuple[str, dt.date] | None:
    """(status, vetting expiry) through the sign-in check role, or None if the password (or
    the user) is wrong."""
    try:
        conn = _connect(profile, vetting_status_role(username), password)
    except psycopg.OperationalError:
        return None
    with conn:
        row = conn.execute("SELECT status, vetting_expires FROM scribe_gate.my_status()"
                           ).fetchone()
    return (row[0], row[1]) if row else None


def vetting_status_role(username: str) -> str:
    return f"{username}.status"


def _refusal_for_status(status: tuple[str, dt.date] | None) -> SignInRefused:
    if status is None:
        return SignInRefused("wrong_credentials", "The user name or password is wrong.")
    state, expires = status
    if state == "requested":
        return SignInRefused("not_vetted", "Your access request has not been vetted yet; "
                             "your SCRIBE administrator will tell you when it is.")
    if state == "suspended":
        return SignInRefused("suspended", "Your SCRIBE account is suspended; contact your "
                             "SCRIBE administrator.")
    if state == "expired":
        return SignInRefused("expired", f"Your vetting expired on {expires:%d %B %Y}; ask "
                             "your SCRIBE administrator to renew it.", expires)
    return SignInRefused("wrong_credentials", "The user name or password is wrong.")


def read_account(conn: psycopg.Connection) -> Account | None:
    row = conn.execute("SELECT username, partner_code, partner_name, role, clearance, "
                       "restricted_ok, vetting_expires, status, purpose, purpose_expires "
                       "FROM scribe.my_account()").fetchone()
    if row is None:
        return None
    roles = {r for (r,) in conn.execute(
        "SELECT rolname FROM pg_roles WHERE pg_has_role(session_user, oid, 'MEMBER') "
        "AND rolname LIKE 'scribe\\_%'")}
    return Account(*row, roles=frozenset(roles))


def sign_in(profile: ServerProfile, username: str, password: str
            ) -> tuple[psycopg.Connection, Account]:
    """An open autocommit connection as ``username`` and their account, or SignInRefused.
    A successful sign-in is audited by the database (failed ones are in its log)."""
    username = username.strip()
    if not username or not password:
        raise SignInRefused("wrong_credentials", "Enter your user name and password.")
    try:
        conn = _connect(profile, username, password)
    except psycopg.OperationalError as error:
        refusal = _refusal_from(error)
        if refusal is not None:
            raise refusal from None
        # the password was wrong, or right for an account that may not sign in: only the
        # sign-in check role (right password only) can tell which
        raise _refusal_for_status(account_status(profile, username, password)) from None
    try:
        account = read_account(conn)
    except psycopg.errors.UndefinedFunction:
        conn.close()
        raise SignInRefused("not_a_store", "This database is not a SCRIBE store (or its "
                            "schema is older than this plugin).") from None
    if account is None or account.status != "active":
        conn.close()
        status = (account.status, account.vetting_expires) if account else ("suspended",
                                                                            dt.date.today())
        raise _refusal_for_status(status)
    vetting.log_event(conn, "sign_in", {"client": APPLICATION_NAME})
    return conn, account


def purpose_choices(conn: psycopg.Connection) -> list[str]:
    return [p for (p,) in conn.execute(
        "SELECT purpose FROM scribe.purpose_choice ORDER BY position, purpose")]


def change_password(profile: ServerProfile, username: str, current: str, new: str) -> None:
    """Change one's own password through the schema's function, after proving the current
    one (a fresh connection with it)."""
    if new == current:
        raise ValueError("the new password must differ from the current one")
    try:
        conn = _connect(profile, username, current)
    except psycopg.OperationalError as error:
        raise _refusal_from(error) or SignInRefused(
            "wrong_credentials", "The current password is wrong.") from None
    with conn:
        vetting.reset_password(conn, username, new)
