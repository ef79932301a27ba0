"""Shared fixtures: real QGIS (pytest-qgis), the project's own throwaway PostGIS, real data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .qgis_helpers import REPO, complete_stub_iface, ensure_paths

ensure_paths()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = REPO.parent / "shared" / "data"
POLICE_STREET = DATA / "police_uk" / "bedfordshire" / "street"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"../shared/data is missing (expected at {DATA}); it sits beside the repo")
    return DATA


@pytest.fixture(scope="session")
def iface(qgis_iface):
    return complete_stub_iface(qgis_iface)


@pytest.fixture(scope="session")
def dev_cluster():
    """A fresh test PostGIS cluster (made by the project itself) and database. Roles are
    cluster-wide, so the cluster is rebuilt each session: no role survives between runs."""
    import devdb

    cluster = devdb.cluster("test")
    cluster.wipe()
    cluster = devdb.cluster("test")
    cluster.start()
    cluster.dbname = "scribe_test"
    cluster.create_database(recreate=True)
    yield cluster


def migrated_database(cluster, name: str) -> str:
    """A new database ``name`` on the test cluster with every server_schema migration
    applied; returns the superuser connection string."""
    from scribe_plugin.core.migrations import apply_migrations

    cluster.create_database(name, recreate=True)
    conninfo = cluster.admin_conninfo(name)
    apply_migrations(conninfo, REPO / "server_schema", log=lambda m: None)
    return conninfo


@pytest.fixture(scope="session")
def processing_ready(qgis_processing, qgis_app):
    """QGIS Processing with the SCRIBE provider registered (as the plugin does)."""
    from qgis.core import QgsApplication

    from scribe_plugin.processing.provider import ScribeProvider

    registry = QgsApplication.processingRegistry()
    if registry.providerById("scribe") is None:
        registry.addProvider(ScribeProvider())
    yield registry


@pytest.fixture()
def no_scribe_provider(processing_ready):
    """Take the session's SCRIBE provider out while a test loads the plugin itself (QGIS
    refuses a second provider with the same id), and put a fresh one back afterwards."""
    from qgis.core import QgsApplication

    from scribe_plugin.processing.provider import ScribeProvider

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("scribe")
    if existing is not None:
        registry.removeProvider(existing)
    yield registry
    if registry.providerById("scribe") is None:
        registry.addProvider(ScribeProvider())


@pytest.fixture(scope="session")
def police_month_csv(shared_data) -> Path:
    return POLICE_STREET / "2022-01-bedfordshire-street.csv"


@pytest.fixture(scope="session")
def police_points_gpkg(tmp_path_factory, police_month_csv) -> Path:
    """One month of Bedfordshire street crime as a BNG GeoPackage (rows without a location
    kept with a NULL geometry, as partners' files have them)."""
    from .data_helpers import police_csv_to_gpkg

    return police_csv_to_gpkg(police_month_csv, tmp_path_factory.mktemp("police") / "m.gpkg")


@pytest.fixture(scope="session")
def import_store(dev_cluster):
    """A store with partners police, fire and council, each with a data manager
    (``<partner>_manager``) who may read restricted columns."""
    import datetime as dt

    import psycopg

    from scribe_plugin.core import vetting

    from .store_helpers import PARTNERS, PASSWORD, Store

    name = "scribe_importers"
    with psycopg.connect(migrated_database(dev_cluster, name), autocommit=True) as conn:
        for code, kind in PARTNERS.items():
            vetting.add_partner(conn, code, code, kind)
            vetting.request_access(conn, f"{code}_manager", code, "scribe_data_manager", 3,
                                   dt.date.today() + dt.timedelta(days=100), restricted_ok=True)
            vetting.approve_access(conn, f"{code}_manager", PASSWORD)
    return Store(dev_cluster, name)
