"""Benchmark: importing a 1,000,000-row police.uk street CSV through SCRIBE's engine (read,
detect, validate, reproject, quarantine, de-duplicate, upsert through the store's import
functions, one transaction) against ``ogr2ogr -f PostgreSQL`` (PG_USE_COPY=YES, X/Y columns),
which validates nothing, loading the same file into the same PostGIS in the same run.

The file is built from the real Bedfordshire rows in ../shared/data (ids made unique; ASB rows
keep their blank ids, as police.uk publishes them) in a temporary folder. Each side runs in
its own process so its peak memory is its own. The two sides run alternately, five times
each by default (this machine's speed drifts by 10-15% from minute to minute: with three,
the ratio of the medians moved between 0.92 and 1.05 for the same code), and the medians
count. Prints each run, rows/s for both, the engine's peak memory, the CPU each side
used in its client and in the server (the dev cluster's processes, read from /proc), and last
the ratio (engine rows/s / ogr2ogr rows/s; the target is >= 1.0). Before each side the
server is settled (VACUUM ANALYZE, CHECKPOINT), so the work one side leaves behind is not
timed in the other.

    .venv/bin/python scripts/bench_import.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
STREET = REPO.parent / "shared" / "data" / "police_uk" / "bedfordshire" / "street"
PASSWORD = "Bench-import-password-1"  # noqa: S105 (throwaway user in a throwaway database)
DB = "scribe_bench_import"
USER = "bench_manager"


def make_file(path: Path, rows: int) -> None:
    real = []
    for month in sorted(STREET.glob("*.csv")):
        with open(month, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader)
            real.extend(reader)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for i in range(rows):
            row = list(real[i % len(real)])
            if row[0]:
                row[0] = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
            elif i >= len(real):  # ASB rows: vary the location text so repeats stay distinct
                row[6] = f"{row[6]} ({i // len(real)})"
            writer.writerow(row)


def prepare_database() -> object:
    import devdb
    import psycopg

    from scribe_plugin.core import vetting
    from scribe_plugin.core.migrations import apply_migrations

    cluster = devdb.cluster("dev")
    cluster.start()
    cluster.create_database(DB, recreate=True)
    admin = cluster.admin_conninfo(DB)
    apply_migrations(admin, REPO / "server_schema", log=lambda m: None)
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (USER,)).fetchone():
            conn.execute(f"DROP ROLE {USER}")
        vetting.add_partner(conn, "bedfordshire", "Bedfordshire Police", "police")
        vetting.request_access(conn, USER, "bedfordshire", "scribe_data_manager", 3,
                               dt.date.today() + dt.timedelta(days=2))
        vetting.approve_access(conn, USER, PASSWORD)
    return cluster


def engine_child(path: str) -> int:
    """Run in a child process: one import, timings as JSON on stdout."""
    import devdb
    import psycopg

    from scribe_plugin.core.importers import engine, profiles

    cluster = devdb.cluster("dev")
    with psycopg.connect(cluster.user_conninfo(USER, DB), password=PASSWORD) as conn:
        start, cpu_start = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        report = engine.run_import(conn, path, profiles.get_profile("police_uk_street"))
        conn.commit()
        seconds, cpu = time.perf_counter() - start, _cpu(resource.RUSAGE_SELF) - cpu_start
    print(json.dumps({"seconds": seconds, "client_cpu": cpu, "read": report.rows_read,
                      "inserted": report.summary.inserted,
                      "quarantined": report.rows_quarantined,
                      "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


def settle(cluster) -> None:
    """Leave the server quiet before a side starts: what the last run left for autovacuum
    (analysing a million new rows, vacuuming their keys) done now, and its WAL checkpointed,
    so that none of it lands inside the next side's timing and CPU."""
    import psycopg

    with psycopg.connect(cluster.admin_conninfo(DB), autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        conn.execute("CHECKPOINT")


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_engine(cluster, path: Path) -> dict:
    """The child's timings, CPU and its own peak memory (ogr2ogr is a child too, so the
    parent's view of its children's peak would mix the two), and the server's CPU."""
    server_start = cluster.cpu_seconds()
    out = subprocess.run([sys.executable, __file__, "--engine-child", str(path)],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["server_cpu"] = _difference(server_start, cluster.cpu_seconds())
    return result


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def run_ogr2ogr(cluster, path: Path) -> dict:
    if shutil.which("ogr2ogr") is None:
        raise SystemExit("ogr2ogr is missing: apt-get install gdal-bin (scripts/setup does)")
    target = f"PG:{cluster.admin_conninfo(DB)}"
    env = dict(os.environ, PG_USE_COPY="YES")
    server_start, cpu_start = cluster.cpu_seconds(), _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "PostgreSQL", target, str(path), "-nln", "ogr_police",
                    "-overwrite", "-oo", "X_POSSIBLE_NAMES=Longitude",
                    "-oo", "Y_POSSIBLE_NAMES=Latitude", "-oo", "KEEP_GEOM_COLUMNS=YES",
                    "-a_srs", "EPSG:4326"], check=True, env=env)
    return {"seconds": time.perf_counter() - start,
            "client_cpu": _cpu(resource.RUSAGE_CHILDREN) - cpu_start,
            "server_cpu": _difference(server_start, cluster.cpu_seconds())}


def _cpu_note(runs: list[dict]) -> str:
    """Median CPU seconds of the client and the server, where the server's could be read."""
    client = statistics.median(r["client_cpu"] for r in runs)
    servers = [r["server_cpu"] for r in runs if r["server_cpu"] is not None]
    if not servers:
        return f"CPU {client:.1f}s client"
    server = statistics.median(servers)
    return f"CPU {client:.1f}s client + {server:.1f}s server = {client + server:.1f}s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each side, alternating; the ratio is of the medians")
    parser.add_argument("--engine-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_child:
        return engine_child(args.engine_child)
    engine_runs: list[dict] = []
    ogr_runs: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "police_bench.csv"
        start = time.perf_counter()
        make_file(path, args.rows)
        print(f"[bench] wrote {args.rows:,} police.uk rows ({path.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - start:.1f}s", flush=True)
        for run in range(1, args.repeat + 1):
            cluster = prepare_database()  # an empty store each time: a first load
            settle(cluster)
            engine_runs.append(run_engine(cluster, path))
            settle(cluster)
            ogr_runs.append(run_ogr2ogr(cluster, path))
            print(f"[bench] run {run}: SCRIBE {engine_runs[-1]['seconds']:.1f}s, ogr2ogr "
                  f"{ogr_runs[-1]['seconds']:.1f}s", flush=True)
    result = engine_runs[-1]
    engine_seconds = statistics.median(r["seconds"] for r in engine_runs)
    ogr_seconds = statistics.median(r["seconds"] for r in ogr_runs)
    peak_mib = max(r["peak_kib"] for r in engine_runs) / 1024
    engine_rate = result["read"] / engine_seconds
    ogr_rate = args.rows / ogr_seconds
    print(f"[bench] SCRIBE engine: {result['read']:,} rows in {engine_seconds:.1f}s (median) = "
          f"{engine_rate:,.0f} rows/s ({result['inserted']:,} inserted, "
          f"{result['quarantined']:,} quarantined), peak memory {peak_mib:,.0f} MiB "
          f"(target < 2048); {_cpu_note(engine_runs)}")
    print(f"[bench] ogr2ogr (PG_USE_COPY, no validation): {args.rows:,} rows in "
          f"{ogr_seconds:.1f}s (median) = {ogr_rate:,.0f} rows/s; {_cpu_note(ogr_runs)}")
    print(f"[bench] this machine has {os.cpu_count()} cores: a side's wall time is at least "
          "its CPU total divided by them")
    print(f"ratio engine/ogr2ogr rows per second: {engine_rate / ogr_rate:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
