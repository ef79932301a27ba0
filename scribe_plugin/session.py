"""The signed-in SCRIBE session inside QGIS: one person on one server profile.

Layers and projects carry only a QGIS authentication configuration id (authcfg). Its
password is put into QGIS's authentication database (encrypted with the master password)
at sign-in and blanked at sign-out, so a saved project holds no credential and a signed-out
QGIS keeps none in memory. Remembered passwords live in the OS keyring only
(``core.credentials``). QGIS before 3.36 asks for an authentication master password: SCRIBE
generates one and keeps it in the OS keyring, so nobody is asked for a second password.
"""

from __future__ import annotations

import secrets

import psycopg
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsDataSourceUri,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from . import log, server_profiles
from .core import auth, credentials, vetting
from .core.auth import Account, ServerProfile
from .processing import store_connection

AUTHCFG_PREFIX = "SCRIBE: "
LAYER_PROPERTY = "scribe/filter"
PROFILE_PROPERTY = "scribe/profile"
_MASTER_ENTRY = "qgis-auth-master"


def ensure_master_password() -> bool:
    """Unlock QGIS's authentication database without asking the user where possible: an
    already unlocked one, a SCRIBE-generated master password from the OS keyring, or a new
    one (kept in the keyring) for a database that has none. Otherwise QGIS asks."""
    manager = QgsApplication.authManager()
    if manager.masterPasswordIsSet():
        return True
    key = f"{_MASTER_ENTRY}:{QgsApplication.qgisAuthDatabaseFilePath()}"
    stored = credentials.secret(key)
    if stored:
        return manager.setMasterPassword(stored, True)
    if not manager.masterPasswordHashInDatabase():
        generated = secrets.token_urlsafe(32)
        try:
            credentials.keep_secret(key, generated)
        except credentials.KeyringUnavailable:
            return manager.setMasterPassword(True)  # QGIS asks the user for one
        return manager.setMasterPassword(generated, True)
    return manager.setMasterPassword(True)  # the user's own master password: QGIS asks


def authcfg_name(profile_name: str, username: str) -> str:
    return f"{AUTHCFG_PREFIX}{profile_name} ({username})"


def _find_authcfg(name: str) -> str | None:
    for config_id, config in QgsApplication.authManager().availableAuthMethodConfigs().items():
        if config.name() == name:
            return config_id
    return None


def _store_credentials(name: str, username: str, password: str) -> str:
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig("Basic")
    existing = _find_authcfg(name)
    if existing:
        manager.loadAuthenticationConfig(existing, config, False)
    config.setName(name)
    config.setMethod("Basic")
    config.setConfig("username", username)
    config.setConfig("password", password)
    if existing:
        manager.updateAuthenticationConfig(config)
    else:
        manager.storeAuthenticationConfig(config)
    manager.clearCachedConfig(config.id())
    return config.id()


def blank_credentials(config_id: str) -> None:
    """Keep the authcfg (layers refer to it) but without its password, on disk and cached."""
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    if manager.loadAuthenticationConfig(config_id, config, True):
        config.setConfig("password", "")
        manager.updateAuthenticationConfig(config)
    manager.clearCachedConfig(config_id)


def blank_all_scribe_credentials() -> int:
    """At start-up: a QGIS that crashed while signed in may have left a password behind."""
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        return 0
    ids = [i for i, c in manager.availableAuthMethodConfigs().items()
           if c.name().startswith(AUTHCFG_PREFIX)]
    for config_id in ids:
        blank_credentials(config_id)
    return len(ids)


class ScribeSession(QObject):
    """Who is signed in to which store; the dock, dialogs and layers ask it."""

    signed_in = pyqtSignal()
    signed_out = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.profile: ServerProfile | None = None
        self.account: Account | None = None
        self.authcfg: str | None = None
        self._conn: psycopg.Connection | None = None

    # -- signing in and out -------------------------------------------------------------------
    @property
    def is_signed_in(self) -> bool:
        return self.account is not None

    def sign_in(self, profile: ServerProfile, username: str, password: str,
                remember: bool = False) -> str | None:
        """Sign in (``auth.SignInRefused`` says why not). Returns a warning to show when the
        password could not be remembered."""
        if self.is_signed_in:
            self.sign_out()
        conn, account = auth.sign_in(profile, username, password)
        if profile.sslrootcert and not profile.service:
            store_connection.trust_ca_certificate(profile.sslrootcert)
        if not ensure_master_password():
            conn.close()
            raise auth.SignInRefused("refused_by_server", "QGIS's authentication database "
                                     "is locked: its master password is needed.")
        blank_all_scribe_credentials()  # only this session's password is kept from now on
        self.authcfg = _store_credentials(authcfg_name(profile.name, account.username),
                                          account.username, password)
        self.profile, self.account, self._conn = profile, account, conn
        server_profiles.save(profile, account.username)
        warning = None
        if remember:
            try:
                credentials.remember(profile.name, account.username, password)
            except credentials.KeyringUnavailable as error:
                warning = str(error)
        else:
            credentials.forget(profile.name, account.username)
        log.log(f"Signed in to {profile.name} as {account.username} "
                f"({account.partner_name}, {account.role})")
        self.signed_in.emit()
        return warning

    def sign_out(self) -> None:
        if self._conn is not None:
            try:
                vetting.log_event(self._conn, "sign_out")
            except psycopg.Error:
                pass  # the server may be gone; signing out must still work
            self._conn.close()
        if self.authcfg:
            blank_credentials(self.authcfg)
        was_in = self.is_signed_in
        self._conn, self.account = None, None
        if was_in:
            log.log("Signed out of SCRIBE")
            self.signed_out.emit()

    # -- purpose ------------------------------------------------------------------------------
    def needs_purpose(self) -> bool:
        self.refresh_account()
        return self.account is not None and not self.account.purpose_is_current()

    def purpose_choices(self) -> list[str]:
        return auth.purpose_choices(self.connection())

    def declare_purpose(self, purpose: str) -> None:
        vetting.declare_purpose(self.connection(), purpose)
        self.refresh_account()

    def refresh_account(self) -> None:
        if self.is_signed_in:
            self.account = auth.read_account(self.connection()) or self.account

    def change_password(self, current: str, new: str) -> None:
        auth.change_password(self.profile, self.account.username, current, new)
        self.authcfg = _store_credentials(authcfg_name(self.profile.name,
                                                       self.account.username),
                                          self.account.username, new)
        if credentials.recall(self.profile.name, self.account.username) is not None:
            credentials.remember(self.profile.name, self.account.username, new)

    # -- connections and layers ---------------------------------------------------------------
    def connection(self) -> psycopg.Connection:
        """The session's own connection (reopened from the authcfg if it dropped)."""
        if not self.is_signed_in:
            raise RuntimeError("sign in to SCRIBE first")
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = psycopg.connect(autocommit=True, **self.connection_parameters())
        return self._conn

    def connection_parameters(self) -> dict[str, str]:
        """libpq keywords, credentials read from the authcfg now (for a QgsTask's own
        connection); never log or store them."""
        return store_connection.connection_parameters(self.data_source_uri("incident"))

    def data_source_uri(self, table: str) -> QgsDataSourceUri:
        profile = self.profile
        uri = QgsDataSourceUri()
        if profile.service:
            uri.setConnection(profile.service, "", "", "", QgsDataSourceUri.SslMode.SslPrefer,
                              self.authcfg)
        else:
            uri.setConnection(profile.host, str(profile.port), profile.dbname, "", "",
                              store_connection.SSL_MODES[profile.sslmode],
                              self.authcfg)
        uri.setDataSource("scribe", table, "geom", "", "incident_id")
        return uri

    def scribe_layers(self) -> list[QgsVectorLayer]:
        return [layer for layer in QgsProject.instance().mapLayers().values()
                if isinstance(layer, QgsVectorLayer)
                and layer.customProperty(LAYER_PROPERTY) is not None]

