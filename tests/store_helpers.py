"""A store with three partners and their data managers, for import tests as real roles
(the session fixture ``import_store`` in conftest.py builds it)."""

from __future__ import annotations

import hashlib

import psycopg

from scribe_plugin.core.importers import engine, profiles

PASSWORD = "Importer-test-password-1"  # noqa: S105 (throwaway users in the test cluster)
PARTNERS = {"police": "police", "fire": "fire_rescue", "council": "council"}
# Keys whose (incident_id, occurred_from) does not name the row of their record (018).
KEYS_WITHOUT_THEIR_ROW = (
    "SELECT count(*) FROM scribe.incident_key k LEFT JOIN scribe.incident i "
    "ON i.incident_id = k.incident_id AND i.occurred_from = k.occurred_from "
    "AND i.partner_id = k.partner_id AND i.source_record_id = k.source_record_id "
    "WHERE i.incident_id IS NULL")


class Store:
    def __init__(self, cluster, name: str):
        self.cluster, self.name = cluster, name

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.cluster.admin_conninfo(self.name), autocommit=True)

    def manager(self, partner: str) -> psycopg.Connection:
        return psycopg.connect(self.cluster.user_conninfo(f"{partner}_manager", self.name),
                               password=PASSWORD)

    def run(self, partner: str, path, profile: str | profiles.Profile, **kwargs):
        if isinstance(profile, str):
            profile = profiles.get_profile(profile)
        with self.manager(partner) as conn:
            report = engine.run_import(conn, path, profile, **kwargs)
            conn.commit()
        return report

    def incidents(self, partner: str) -> int:
        with self.admin() as conn:
            return conn.execute("SELECT count(*) FROM scribe.incident i JOIN scribe.partner p "
                                "USING (partner_id) WHERE p.code = %s", (partner,)).fetchone()[0]

    def state(self) -> tuple:
        """A fingerprint of everything imports may change, except the quarantine."""
        with self.admin() as conn:
            rows = conn.execute(
                "SELECT partner_id, source_record_id, category_code, occurred_from, "
                "occurred_to, ST_AsText(geom), location_description, outcome "
                "FROM scribe.incident ORDER BY 1, 2").fetchall()
            keys = conn.execute("SELECT count(*) FROM scribe.incident_key").fetchone()[0]
            batches = conn.execute("SELECT count(*) FROM scribe.import_batch "
                                   "WHERE rows_inserted + rows_updated > 0").fetchone()[0]
        return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest(), keys, batches

    def quarantine(self, file_name: str) -> list[tuple]:
        with self.admin() as conn:
            return conn.execute("SELECT row_number, column_name, reason, raw_row "
                                "FROM scribe.quarantine WHERE file_name = %s "
                                "ORDER BY quarantine_id", (file_name,)).fetchall()

    def layer_uri(self, user: str, table: str = "incident", password: str = PASSWORD
                  ) -> tuple[str, str]:
        """A QGIS postgres data source on a store table that carries only an authcfg id
        (the credentials go into QGIS's authentication database), and that id."""
        from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri

        from .qgis_helpers import unlock_qgis_auth_database

        unlock_qgis_auth_database()
        manager = QgsApplication.authManager()
        config = QgsAuthMethodConfig("Basic")
        config.setName(f"SCRIBE {user}")
        config.setConfig("username", user)
        config.setConfig("password", password)
        manager.storeAuthenticationConfig(config)
        uri = QgsDataSourceUri()
        uri.setConnection("localhost", str(self.cluster.port), self.name, "", "",
                          QgsDataSourceUri.SslMode.SslVerifyFull, config.id())
        uri.setDataSource("scribe", table, "geom", "", "incident_id")
        return uri.uri(False), config.id()
