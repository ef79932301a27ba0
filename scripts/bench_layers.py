"""Benchmark: loading a filtered SCRIBE incident layer in QGIS.

With 5 million synthetic incidents in a fresh store (scripts/bench_store.py's generator), a
vetted analyst signs in through SCRIBE's session (authcfg, TLS verify-full, row-level
security, declared purpose) and loads the dock's layer for police crime in one year (about
100,000 incidents). Every feature is read through QGIS's postgres provider, attributes and
geometry. The peer, in the same run: the same features written to a GeoPackage and read
through QGIS's OGR provider the same way. Also timed: the dock's count query.

Targets: PostGIS time / GeoPackage time <= 2.0 (last line); count < 1/10 of the load time.

    .venv/bin/python scripts/bench_layers.py [--rows 5000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def read_all(layer) -> int:
    """Read every feature (attributes and geometry); how many there were."""
    from qgis.core import QgsFeature

    n = 0
    feature = QgsFeature()
    iterator = layer.getFeatures()
    while iterator.nextFeature(feature):
        feature.attributes()
        feature.geometry().asPoint()
        n += 1
    return n


def best_of(repeat: int, fn):
    """The fastest of ``repeat`` calls (seconds) and the last call's result."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def open_and_read(open_layer):
    """Opening the layer counts: it is part of what the user waits for."""
    layer = open_layer()
    return read_all(layer), layer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    from bench_store import ANALYST, PASSWORD, prepare_store
    from qgis.core import (
        QgsApplication,
        QgsCoordinateTransformContext,
        QgsVectorFileWriter,
        QgsVectorLayer,
    )

    from scribe_plugin.core.auth import ServerProfile
    from scribe_plugin.core.layer_filter import IncidentFilter
    from scribe_plugin.gui import incident_layer
    from scribe_plugin.session import ScribeSession

    cluster, name = prepare_store(args.rows)
    app = QgsApplication([], False, tempfile.mkdtemp(prefix="scribe-bench-profile-"))
    app.initQgis()
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("Bench-master-password-1", True)
    session = ScribeSession()
    profile = ServerProfile("bench", host="localhost", port=cluster.port, dbname=name,
                            sslrootcert=str(cluster.ca_cert))
    session.sign_in(profile, ANALYST, PASSWORD)
    session.declare_purpose("Benchmark of loading a filtered layer")
    incident_filter = IncidentFilter(partners=("police",), categories=("crime",),
                                     period="custom", date_from=dt.date(2021, 1, 1),
                                     date_to=dt.date(2021, 12, 31))
    where = incident_layer.where_clause(session, incident_filter)
    count_time, expected = best_of(3, lambda: incident_layer.count_incidents(
        session.connection(), session.account.incident_table, where))
    postgis_time, (postgis_n, layer) = best_of(3, lambda: open_and_read(
        lambda: incident_layer.make_layer(session, incident_filter)))
    gpkg = Path(tempfile.mkdtemp(prefix="scribe-bench-")) / "same_features.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(gpkg),
                                                      QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    gpkg_time, (gpkg_n, peer) = best_of(3, lambda: open_and_read(
        lambda: QgsVectorLayer(str(gpkg), "peer", "ogr")))
    print(f"[bench] {args.rows:,} incidents in the store; filter: {incident_filter.label()}")
    print(f"[bench] dock count: {expected:,} incidents in {count_time:.3f}s")
    print(f"[bench] PostGIS layer (authcfg, TLS, RLS): {postgis_n:,} features in "
          f"{postgis_time:.2f}s ({postgis_n / postgis_time:,.0f}/s)")
    print(f"[bench] GeoPackage peer: {gpkg_n:,} features in {gpkg_time:.2f}s "
          f"({gpkg_n / gpkg_time:,.0f}/s)")
    print(f"[bench] count time / load time: {count_time / postgis_time:.3f} (target < 0.1)")
    assert postgis_n == gpkg_n == expected, (postgis_n, gpkg_n, expected)
    del layer, peer
    session.sign_out()
    app.exitQgis()
    print(f"PostGIS layer time / GeoPackage time: {postgis_time / gpkg_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
