"""Benchmark: SCRIBE's store at 5 million incidents.

Loads synthetic incidents (4 partners, 60 months, a 50 km square in British National Grid,
crime/ASB/fire categories, all sensitivity levels) into a fresh database of the project's own
PostGIS, then runs the GIS officer's everyday filter (partner + categories + month range +
bounding box, about 100,000 rows) as a vetted analyst over TLS, through row-level security.
Prints the plan's key lines (partition pruning, indexes) and the query times. The peer, in the
same run, is the same query as the superuser, to whom RLS does not apply; the last line is
the ratio (RLS query time / superuser query time).

    .venv/bin/python scripts/bench_store.py [--rows 5000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

PARTNERS = {"police": "police", "fire": "fire_rescue", "council_a": "council",
            "council_b": "council"}
MONTHS = 60
FIRST = dt.date(2019, 1, 1)
PASSWORD = "Bench-analyst-password-1"  # noqa: S105 (throwaway user in a throwaway database)
ANALYST = "bench_analyst"

QUERY = """
SELECT i.incident_id, i.category_code, i.occurred_from, i.location_description,
       ST_X(i.geom), ST_Y(i.geom)
  FROM scribe.incident i
 WHERE i.partner_id = %(partner)s
   AND i.category_code = ANY(%(categories)s)
   AND i.occurred_from >= %(start)s AND i.occurred_from < %(stop)s
   AND i.geom && ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 27700)
"""


def load(conn, rows: int, seed: int = 11) -> None:
    from scribe_plugin.core import taxonomy

    codes = [c.code for c in taxonomy.CATEGORIES if c.code.count(".") >= 1]
    crime = [c for c in codes if c.startswith("crime.")]
    asb = [c for c in codes if c.startswith("asb.")]
    fire = [c for c in codes if c.startswith("fire.")]
    rng = np.random.default_rng(seed)
    ids = dict(conn.execute("SELECT code, partner_id FROM scribe.partner").fetchall())
    partner_codes = list(PARTNERS)
    last = FIRST.replace(year=FIRST.year + MONTHS // 12) - dt.timedelta(days=1)
    conn.execute("SELECT scribe.ensure_month_partitions(%s, %s)", (FIRST, last))
    chunk = 500_000
    start_ts = np.datetime64(FIRST.isoformat(), "s").astype(np.int64)
    span = int((np.datetime64(last.isoformat(), "s") - np.datetime64(FIRST.isoformat(), "s"))
               .astype(np.int64))
    done = 0
    t0 = time.time()
    while done < rows:
        n = min(chunk, rows - done)
        partner = rng.integers(0, 4, n)
        domain = rng.choice(3, n, p=[0.5, 0.3, 0.2])
        category = np.where(domain == 0, rng.choice(crime, n),
                            np.where(domain == 1, rng.choice(asb, n), rng.choice(fire, n)))
        when = start_ts + rng.integers(0, span, n)
        x = 480_000 + rng.uniform(0, 50_000, n)
        y = 200_000 + rng.uniform(0, 50_000, n)
        sensitivity = rng.integers(0, 4, n)
        buf = io.StringIO()
        stamps = np.datetime_as_string(when.astype("datetime64[s]"))
        for i in range(n):
            pc = partner_codes[partner[i]]
            buf.write(f"{ids[pc]}\t{pc}-{done + i}\t{category[i]}\t{stamps[i]}Z\t"
                      f"SRID=27700;POINT({x[i]:.1f} {y[i]:.1f})\tOn or near Bench Street\t"
                      f"{sensitivity[i]}\n")
        with conn.cursor().copy(
                "COPY scribe.incident (partner_id, source_record_id, category_code, "
                "occurred_from, geom, location_description, sensitivity) FROM STDIN") as copy:
            copy.write(buf.getvalue())
        done += n
        print(f"[bench] loaded {done:,} incidents ({time.time() - t0:.0f}s)", flush=True)
    conn.execute("ANALYZE scribe.incident")


def timed(conn, params, repeat: int = 3) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = conn.execute(QUERY, params).fetchall()
        best = min(best, time.perf_counter() - start)
        count = len(rows)
    return best, count


def prepare_store(rows: int, name: str = "scribe_bench_store"):
    """A fresh database on the dev cluster with ``rows`` synthetic incidents and a vetted
    police analyst (clearance 2; fire shares up to 3 with police). Returns (cluster, name)."""
    import devdb
    import psycopg

    from scribe_plugin.core import vetting
    from scribe_plugin.core.migrations import apply_migrations

    cluster = devdb.cluster("dev")
    cluster.start()
    cluster.create_database(name, recreate=True)
    admin = cluster.admin_conninfo(name)
    apply_migrations(admin, REPO / "server_schema", log=lambda m: None)
    with psycopg.connect(admin, autocommit=True) as conn:
        for role in (ANALYST, f"{ANALYST}.status"):
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(f'DROP ROLE "{role}"')
        for code, kind in PARTNERS.items():
            vetting.add_partner(conn, code, code, kind)
        vetting.set_sharing(conn, "fire", "police", 3)
        vetting.request_access(conn, ANALYST, "police", "scribe_analyst", 2,
                               dt.date.today() + dt.timedelta(days=30))
        vetting.approve_access(conn, ANALYST, PASSWORD)
        load(conn, rows)
    return cluster, name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    import psycopg

    from scribe_plugin.core import vetting

    cluster, name = prepare_store(args.rows)
    admin = cluster.admin_conninfo(name)
    analyst = ANALYST
    params = {"partner": 1, "categories": [f"crime.{c}" for c in (
        "burglary", "vehicle", "criminal_damage_arson", "violence_sexual", "other_theft",
        "shoplifting", "drugs", "public_order", "robbery", "bicycle_theft", "weapons",
        "theft_from_person", "other")],
        "start": dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc),
        "stop": dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc),
        "xmin": 482_000, "ymin": 202_000, "xmax": 525_000, "ymax": 245_000}
    with psycopg.connect(admin, autocommit=True) as conn:
        super_time, super_rows = timed(conn, params)
    with psycopg.connect(cluster.user_conninfo(analyst, name), password=PASSWORD,
                         autocommit=True) as conn:
        vetting.declare_purpose(conn, "Benchmark of the everyday layer filter")
        plan = [r[0] for r in conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + QUERY, params)]
        rls_time, rls_rows = timed(conn, params)
    print("\n[bench] plan (as the analyst, through RLS), key lines:")
    keys = ("Scan", "Append", "Subplans Removed", "Filter", "Index Cond", "Hash", "Join",
            "Execution Time", "Planning Time", "InitPlan", "SubPlan")
    for line in plan:
        if any(k in line for k in keys):
            print("   " + line.rstrip()[:150])
    partitions = sum(1 for line in plan if "incident_20" in line and "Heap Scan" in line
                     or "Seq Scan on incident_20" in line)
    print(f"\n[bench] {args.rows:,} incidents; partitions scanned: {partitions} of {MONTHS}")
    print(f"[bench] superuser (no RLS): {super_rows:,} rows in {super_time:.3f}s")
    print(f"[bench] analyst (RLS, purpose, TLS): {rls_rows:,} rows in {rls_time:.3f}s "
          "(police's rows up to sensitivity 2)")
    print(f"RLS query time / superuser query time: {rls_time / super_time:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
