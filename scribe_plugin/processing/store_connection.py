"""A psycopg connection to the SCRIBE store behind a QGIS PostgreSQL layer, for recording
events (exports) as the signed-in user.

Layers carry only a QGIS authentication configuration id (authcfg); the user name and
password are read from QGIS's authentication database at the moment the connection opens and
go straight to libpq, never into a string that is logged or stored. A ``service`` name
(pg_service.conf) works too.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri

SCRIBE_SCHEMA = "scribe"
# libpq's sslmode names and QGIS's data source modes, both ways, in one place
_MODES = QgsDataSourceUri.SslMode
SSL_MODES = {"disable": _MODES.SslDisable, "allow": _MODES.SslAllow,
             "prefer": _MODES.SslPrefer, "require": _MODES.SslRequire,
             "verify-ca": _MODES.SslVerifyCa, "verify-full": _MODES.SslVerifyFull}
_CA_BUNDLE: dict[str, str] = {}


def trust_ca_certificate(path: str) -> None:
    """Add the store's CA certificate to QGIS's authentication database: with an authcfg,
    QGIS verifies the server against its own trusted CAs, not libpq's sslrootcert."""
    from qgis.PyQt.QtNetwork import QSslCertificate

    manager = QgsApplication.authManager()
    certificates = QSslCertificate.fromPath(str(path))
    if not certificates:
        raise ValueError(f"{path}: no PEM certificate in this file")
    for certificate in certificates:
        manager.storeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    _CA_BUNDLE.clear()


def ca_bundle_path() -> str:
    """QGIS's trusted CAs as a PEM file (private to this user) for libpq, so SCRIBE's own
    connections verify the server exactly as QGIS's layers do."""
    import os
    import tempfile

    if "path" not in _CA_BUNDLE:
        pem = b"".join(bytes(c.toPem()) for c in
                       QgsApplication.authManager().trustedCaCertsCache())
        handle, path = tempfile.mkstemp(prefix="scribe-ca-", suffix=".pem")
        with os.fdopen(handle, "wb") as f:  # mkstemp: mode 0600
            f.write(pem)
        _CA_BUNDLE["path"] = path
    return _CA_BUNDLE["path"]


def is_store_layer(layer) -> bool:
    if layer is None or layer.providerType() != "postgres":
        return False
    return QgsDataSourceUri(layer.source()).schema() == SCRIBE_SCHEMA


def connection_parameters(uri: QgsDataSourceUri) -> dict[str, str]:
    """libpq keyword arguments for a layer's data source, credentials from its authcfg."""
    params = {"application_name": "SCRIBE export"}
    for key, value in (("service", uri.service()), ("host", uri.host()), ("port", uri.port()),
                       ("dbname", uri.database()), ("user", uri.username()),
                       ("password", uri.password())):
        if value:
            params[key] = value
    # SslPrefer is "not set": libpq's default, or the service's
    name = next((n for n, m in SSL_MODES.items() if m == uri.sslMode()), "prefer")
    if name != "prefer":
        params["sslmode"] = name
        if name.startswith("verify"):
            params["sslrootcert"] = ca_bundle_path()
    if uri.authConfigId():
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(
                uri.authConfigId(), config, True):
            raise ValueError(f"QGIS has no authentication configuration "
                             f"{uri.authConfigId()!r} (or its master password is not set)")
        params["user"] = config.config("username")
        params["password"] = config.config("password")
    return params


def connect_for(layer):
    """An open psycopg connection (autocommit) to the store behind ``layer``."""
    import psycopg

    return psycopg.connect(autocommit=True,
                           **connection_parameters(QgsDataSourceUri(layer.source())))
