"""Benchmark: scribe:kde_hotspots (fast) against QGIS's own Heatmap, both through Processing.

1,000,000 clustered points in a 50 km square (British National Grid), 25 m cells, 500 m
radius, quartic kernel; inputs from a GeoPackage and from a PostGIS table. Each run happens in
its own process, so peak memory is that run's alone: the child reads its own high-water mark
(VmHWM), since a child's ru_maxrss starts from its parent's size at fork (and the parent holds
the points). Each child starts Processing the way QGIS itself does, desktop and qgis_process
alike: through the Processing plugin's classFactory (qgis.utils.startProcessingPlugin). That
plugin imports numpy (ProcessingPlugin -> gui.HistoryDialog -> gui.TestTools), so numpy is
loaded in every QGIS that can run the Heatmap. For the record, QGIS's Heatmap also runs with
Processing initialised bare (Processing.initialize(), no plugin, so no numpy: a set-up no QGIS
user has) and with SCRIBE's provider registered as well (a desktop QGIS with SCRIBE installed).
Times cover processing.run only (QGIS start-up excluded for both). Also prints SCRIBE's
scaling at 100k, 1M and 5M points.
The last line is the speed-up (QGIS time / SCRIBE time, GeoPackage input).

    .venv/bin/python scripts/bench_kde.py [--points N] [--no-postgis-qgis]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

REPO = Path(__file__).resolve().parents[1]
SIDE = 50_000.0
ORIGIN = (480_000.0, 200_000.0)
CELL, RADIUS = 25.0, 500.0
# How a child starts Processing (see the module docstring)
AS_QGIS, BARE, WITH_SCRIBE = "qgis", "bare", "qgis+scribe"


def clustered_points(n: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray]:
    """Crime-like: 300 clusters of varied spread (70%) over a uniform background (30%)."""
    import numpy as np  # parent only: the children must not start with numpy loaded

    rng = np.random.default_rng(seed)
    n_clustered = int(0.7 * n)
    centres = rng.uniform(2000, SIDE - 2000, (300, 2))
    spread = rng.uniform(80, 900, 300)
    pick = rng.integers(0, 300, n_clustered)
    x = np.concatenate([centres[pick, 0] + rng.normal(0, 1, n_clustered) * spread[pick],
                        rng.uniform(0, SIDE, n - n_clustered)])
    y = np.concatenate([centres[pick, 1] + rng.normal(0, 1, n_clustered) * spread[pick],
                        rng.uniform(0, SIDE, n - n_clustered)])
    x = np.clip(x, 0, SIDE) + ORIGIN[0]
    y = np.clip(y, 0, SIDE) + ORIGIN[1]
    return np.round(x, 1), np.round(y, 1)


def write_gpkg(path: Path, x: np.ndarray, y: np.ndarray) -> Path:
    """With the system GDAL's ogr2ogr (QGIS's own GDAL), via a CSV: pyogrio's newer GDAL
    writes GeoPackage 1.4, which GDAL 3.6 reads only partly."""
    import numpy as np

    csv = path.with_suffix(".csv")
    with open(csv, "w") as f:
        f.write("id,x,y\n")
        np.savetxt(f, np.column_stack([np.arange(x.size), x, y]), fmt="%d,%.1f,%.1f")
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(path), str(csv), "-nln", "points",
                    "-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y",
                    "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:27700", "-nlt", "POINT",
                    "-lco", "SPATIAL_INDEX=NO"], check=True, capture_output=True)
    csv.unlink()
    return path


def load_postgis(x: np.ndarray, y: np.ndarray, workdir: Path) -> tuple[str, dict[str, str]]:
    """The points in a table of the project's dev PostGIS; returns a QGIS URI (service-based,
    so no password on any command line) and the environment libpq needs for it."""
    import psycopg

    sys.path.insert(0, str(REPO / "scripts"))
    import devdb

    cluster = devdb.cluster("dev")
    cluster.start()
    cluster.create_database()
    password = os.urandom(12).hex()
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.execute("DROP TABLE IF EXISTS public.bench_points")
        conn.execute("CREATE UNLOGGED TABLE public.bench_points (id bigint PRIMARY KEY, "
                     "geom geometry(Point, 27700))")
        with conn.cursor().copy("COPY public.bench_points (id, geom) FROM STDIN") as copy:
            for i, (px, py) in enumerate(zip(x.tolist(), y.tolist())):
                copy.write_row((i, f"SRID=27700;POINT({px} {py})"))
        # VACUUM too: the first scan of freshly loaded rows sets their hint bits (rewriting
        # every page), a cost that would fall on whichever algorithm happens to run first
        conn.execute("VACUUM ANALYZE public.bench_points")
        conn.execute("DROP ROLE IF EXISTS bench_reader")
        conn.execute(f"CREATE ROLE bench_reader LOGIN PASSWORD '{password}'")
        conn.execute("GRANT SELECT ON public.bench_points TO bench_reader")
    service = workdir / "pg_service.conf"
    service.write_text(f"[scribe_bench]\nhost=localhost\nport={cluster.port}\n"
                       f"dbname={cluster.dbname}\nuser=bench_reader\nsslmode=verify-full\n"
                       f"sslrootcert={cluster.ca_cert}\n")
    passfile = workdir / "pgpass"
    passfile.write_text(f"localhost:{cluster.port}:{cluster.dbname}:bench_reader:{password}\n")
    passfile.chmod(0o600)
    env = {"PGSERVICEFILE": str(service), "PGPASSFILE": str(passfile)}
    uri = ("postgres://service='scribe_bench' key='id' srid=27700 type=Point "
           "table=\"public\".\"bench_points\" (geom)")
    return uri, env


# -- child: one algorithm run in a fresh process --------------------------------------------------

def child(algorithm: str, source: str, output: str, startup: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(REPO), "/usr/share/qgis/python/plugins"]
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    scribe = algorithm.startswith("scribe:") or startup == WITH_SCRIBE
    if startup == BARE:
        from processing.core.Processing import Processing

        Processing.initialize()  # no plugin at all: QGIS's algorithms only
    else:  # as QGIS starts plugins (qgis_process: QgsPythonUtils::startProcessingPlugin)
        import qgis.utils

        for plugin in ("processing", "scribe_plugin") if scribe else ("processing",):
            if not (qgis.utils.loadPlugin(plugin) and qgis.utils.startProcessingPlugin(plugin)):
                raise SystemExit(f"the {plugin} plugin did not start")
    import processing

    params = {"INPUT": source, "RADIUS": RADIUS, "PIXEL_SIZE": CELL, "KERNEL": 0,
              "OUTPUT_VALUE": 0, "OUTPUT": output}
    if algorithm.startswith("scribe:"):
        params.update(STYLE=False, MODE=0)
    numpy_loaded = "numpy" in sys.modules  # before the run: by QGIS's start-up, or not
    start = time.perf_counter()
    processing.run(algorithm, params)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mib": peak_rss_mib(),
                      "numpy_at_start": numpy_loaded}), flush=True)
    os._exit(0)  # skip PyQGIS teardown: nothing more to write


def peak_rss_mib() -> float:
    """This process's own peak resident memory."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed_run(algorithm: str, source: str, output: Path, extra_env: dict[str, str] | None = None,
              startup: str = AS_QGIS) -> tuple[float, float]:
    """(seconds inside processing.run, peak RSS in MiB) of one run in its own process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(extra_env or {}))
    proc = subprocess.Popen([sys.executable, __file__, "--child", algorithm, source,
                             str(output), startup], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True)
    out, err = proc.communicate()
    if proc.returncode != 0 or "seconds" not in out:
        raise SystemExit(f"{algorithm} on {source} failed:\n{out[-2000:]}\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    if algorithm.startswith("qgis:") and result["numpy_at_start"] != (startup != BARE):
        raise SystemExit(f"QGIS's start-up ({startup}) did not load numpy as expected: the "
                         "memory comparison would not be what this benchmark says it is")
    return result["seconds"], result["peak_mib"]


def read_raster(path: Path) -> np.ndarray:
    import numpy as np
    from osgeo import gdal

    dataset = gdal.Open(str(path))  # keep the dataset alive while its band is read
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray().astype(np.float64)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        values[values == nodata] = 0.0
    return values


def main() -> int:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--no-postgis-qgis", action="store_true",
                        help="skip QGIS's Heatmap on the PostGIS table (the slowest run)")
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    n = args.points
    work = Path(tempfile.mkdtemp(prefix="scribe-bench-kde-"))
    print(f"[bench] {n} clustered points in a {SIDE / 1000:.0f} km square, {CELL:g} m cells, "
          f"{RADIUS:g} m radius, quartic; work folder {work}", flush=True)
    x, y = clustered_points(n)
    gpkg = write_gpkg(work / "points.gpkg", x, y)
    pg_uri, pg_env = load_postgis(x, y, work)

    rows = []
    for label, source, env, with_qgis in (
            ("GeoPackage", f"{gpkg}|layername=points", None, True),
            ("PostGIS", pg_uri, pg_env, not args.no_postgis_qgis)):
        s_time, s_mem = timed_run("scribe:kde_hotspots", source, work / f"s_{label}.tif", env)
        print(f"[bench] {label}: SCRIBE {s_time:.2f}s, peak {s_mem:.0f} MiB", flush=True)
        q_time = q_mem = None
        if with_qgis:
            q_time, q_mem = timed_run("qgis:heatmapkerneldensityestimation", source,
                                      work / f"q_{label}.tif", env)
            print(f"[bench] {label}: QGIS {q_time:.2f}s, peak {q_mem:.0f} MiB", flush=True)
        rows.append((label, s_time, s_mem, q_time, q_mem))
    # For the record: QGIS's Heatmap started otherwise than QGIS starts it (see the docstring)
    gpkg_source = f"{gpkg}|layername=points"
    bare_mem = timed_run("qgis:heatmapkerneldensityestimation", gpkg_source,
                         work / "q_bare.tif", startup=BARE)[1]
    installed_mem = timed_run("qgis:heatmapkerneldensityestimation", gpkg_source,
                              work / "q_installed.tif", startup=WITH_SCRIBE)[1]
    print(f"[bench] GeoPackage: QGIS Heatmap with Processing bare (no numpy), peak "
          f"{bare_mem:.0f} MiB; with SCRIBE installed, peak {installed_mem:.0f} MiB", flush=True)

    scribe, qgis = read_raster(work / "s_GeoPackage.tif"), read_raster(work / "q_GeoPackage.tif")
    same_grid = scribe.shape == qgis.shape
    max_rel = float(np.abs(scribe - qgis).max() / qgis.max()) if same_grid else float("nan")
    mass_ratio = float(scribe.sum() / qgis.sum()) if same_grid else float("nan")

    scaling = []
    if not args.no_scaling:
        for size in (100_000, 1_000_000, 5_000_000):
            sx, sy = (x[:size], y[:size]) if size <= n else clustered_points(size, seed=7)
            path = write_gpkg(work / f"scale_{size}.gpkg", sx, sy)
            seconds, mem = timed_run("scribe:kde_hotspots", f"{path}|layername=points",
                                     work / f"scale_{size}.tif")
            scaling.append((size, seconds, mem))
            print(f"[bench] scaling: {size:>9,} points {seconds:6.2f}s peak {mem:.0f} MiB",
                  flush=True)

    print("\n| input | SCRIBE s | SCRIBE peak MiB | QGIS Heatmap s | QGIS peak MiB | speed-up |")
    print("|---|---|---|---|---|---|")
    for label, s_time, s_mem, q_time, q_mem in rows:
        q = f"{q_time:.2f} | {q_mem:.0f} | {q_time / s_time:.1f}x" if q_time else "- | - | -"
        print(f"| {label} | {s_time:.2f} | {s_mem:.0f} | {q} |")
    print(f"\nmax |SCRIBE - QGIS| / QGIS peak (raw quartic, same grid): {max_rel:.4f} "
          "(QGIS places kernels up to a cell off vertically; SCRIBE is centred, see tests)")
    print(f"total mass SCRIBE / QGIS: {mass_ratio:.5f}")
    print(f"peak memory, GeoPackage: SCRIBE {rows[0][2]:.0f} MiB; QGIS Heatmap {rows[0][4]:.0f} "
          f"MiB as QGIS starts it ({bare_mem:.0f} MiB with Processing bare, no numpy; "
          f"{installed_mem:.0f} MiB with SCRIBE installed too)")
    if scaling:
        base = scaling[0]
        print("scaling (SCRIBE, GeoPackage): " + ", ".join(
            f"{s:,} pts {t:.2f}s ({t / base[1]:.1f}x time for {s / base[0]:.0f}x points)"
            for s, t, _ in scaling))
    label, s_time, _, q_time, _ = rows[0]
    print(f"speed-up (QGIS Heatmap / SCRIBE, GeoPackage, {n:,} points): {q_time / s_time:.1f}x")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    sys.exit(main())
