"""Benchmark: SCRIBE's vectorised Mann-Kendall against pymannkendall's original_test, looped.

1,000,000 incidents over 60 months on a 250 m grid of a 50 km square (200 x 200 = 40,000
cells), crime-like: clusters whose monthly intensity rises, falls or stays flat, over a
uniform background. Both tests run on the same cells' monthly counts in the same process;
every statistic must agree (S exactly, z and p to 1e-9, the trend verdict exactly). If the
pymannkendall loop would take over 2 minutes, a random sample of cells is timed and the full
time extrapolated (and labelled so). Sen's slope is timed separately (the per-cell loop
computes it too, so the comparison is like for like both with and without it). Then
scribe:emerging_hotspots runs end to end through Processing on the same incidents from a
GeoPackage. The last line is the Mann-Kendall speed-up.

    .venv/bin/python scripts/bench_trends.py [--incidents N] [--no-emerging]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SIDE = 50_000.0
ORIGIN = (480_000.0, 200_000.0)
CELL = 250.0
MONTHS = 60
LOOP_BUDGET_S = 120.0


def incidents(n: int, seed: int = 7) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """x, y (BNG) and month index 0..59: 300 clusters (70 %), a third rising, a third
    falling, a third flat, over a uniform, flat background (30 %)."""
    rng = np.random.default_rng(seed)
    n_clustered = int(0.7 * n)
    centres = rng.uniform(2000, SIDE - 2000, (300, 2))
    spread = rng.uniform(80, 900, 300)
    slope = np.repeat([1.0, -1.0, 0.0], 100)
    pick = rng.integers(0, 300, n_clustered)
    # month drawn from a linear density 1 + s * (t - 0.5) over t in [0, 1)
    u = rng.uniform(size=n_clustered)
    s = 0.8 * slope[pick]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(s == 0, u, ((s / 2 - 1) + np.sqrt((1 - s / 2) ** 2 + 2 * s * u)) / s)
    months = np.concatenate([np.minimum((t * MONTHS).astype(int), MONTHS - 1),
                             rng.integers(0, MONTHS, n - n_clustered)])
    x = np.concatenate([centres[pick, 0] + rng.normal(0, 1, n_clustered) * spread[pick],
                        rng.uniform(0, SIDE, n - n_clustered)])
    y = np.concatenate([centres[pick, 1] + rng.normal(0, 1, n_clustered) * spread[pick],
                        rng.uniform(0, SIDE, n - n_clustered)])
    x = np.clip(x, 0, SIDE - 0.01)
    y = np.clip(y, 0, SIDE - 0.01)
    return x + ORIGIN[0], y + ORIGIN[1], months


def monthly_counts(x, y, months) -> np.ndarray:
    cols = ((x - ORIGIN[0]) // CELL).astype(np.int64)
    rows = ((y - ORIGIN[1]) // CELL).astype(np.int64)
    side = int(SIDE / CELL)
    flat = (rows * side + cols) * MONTHS + months
    return np.bincount(flat, minlength=side * side * MONTHS).reshape(side * side, MONTHS)


def write_gpkg(path: Path, x, y, months) -> Path:
    """Incidents with a date-time (the month plus a spread day and hour) via ogr2ogr."""
    rng = np.random.default_rng(1)
    start = np.datetime64("2020-01-01", "M") + months.astype("timedelta64[M]")
    stamp = (start.astype("datetime64[m]") + rng.integers(0, 28 * 24 * 60, x.size)
             .astype("timedelta64[m]"))
    csv = path.with_suffix(".csv")
    with open(csv, "w") as f:
        f.write("x,y,occurred_from\n")
        text = np.char.add(np.datetime_as_string(stamp, unit="m"), ":00")
        for first in range(0, x.size, 200_000):
            part = slice(first, first + 200_000)
            lines = [f"{a:.1f},{b:.1f},{c}\n" for a, b, c in zip(x[part], y[part], text[part])]
            f.writelines(lines)
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(path), str(csv), "-nln", "incidents",
                    "-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y",
                    "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=YES",
                    "-a_srs", "EPSG:27700", "-nlt", "POINT"], check=True, capture_output=True)
    csv.unlink()
    return path


def compare(ours, refs, cells) -> None:
    for k, ref in zip(cells, refs):
        direction = {"increasing": 1, "decreasing": -1, "no trend": 0}[ref.trend]
        if not (ours.s[k] == ref.s and abs(ours.z[k] - ref.z) <= 1e-9
                and abs(ours.p[k] - ref.p) <= 1e-9 and ours.trend[k] == direction):
            raise SystemExit(f"MISMATCH in cell {k}: ours s={ours.s[k]} z={ours.z[k]} "
                             f"p={ours.p[k]}; pymannkendall {ref}")


def emerging_end_to_end(gpkg: Path) -> float:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    import processing
    from processing.core.Processing import Processing

    from scribe_plugin.processing.provider import ScribeProvider

    Processing.initialize()
    provider = ScribeProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    started = time.perf_counter()
    result = processing.run("scribe:emerging_hotspots", {
        "INPUT": f"{gpkg}|layername=incidents", "TIME_FIELD": "occurred_from",
        "CELL_SIZE": CELL, "TIME_STEP": 1, "OUTPUT": "memory:"})
    elapsed = time.perf_counter() - started
    layer = result["OUTPUT"]
    names: dict[str, int] = {}
    for feature in layer.getFeatures():
        names[feature["category"]] = names.get(feature["category"], 0) + 1
    print(f"  cells written: {layer.featureCount():,}; categories: "
          + ", ".join(f"{k} {v}" for k, v in sorted(names.items(), key=lambda i: -i[1])))
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--no-emerging", action="store_true")
    args = parser.parse_args()
    import pymannkendall as pmk

    from scribe_plugin.core.analysis import trends

    x, y, months = incidents(args.incidents)
    counts = monthly_counts(x, y, months)
    print(f"{args.incidents:,} incidents, {counts.shape[0]:,} cells of {CELL:g} m x "
          f"{MONTHS} months")

    trends.mann_kendall(counts[:100], with_slope=False)  # warm-up (imports)
    runs = []
    for _ in range(3):  # the median of three: one call is ~0.1 s, so noise matters
        started = time.perf_counter()
        ours = trends.mann_kendall(counts, with_slope=False)
        runs.append(time.perf_counter() - started)
    ours_s = float(np.median(runs))
    started = time.perf_counter()
    slope, _ = trends.sens_slope(counts)
    slope_s = time.perf_counter() - started
    print(f"SCRIBE Mann-Kendall, all cells:      {ours_s:8.3f} s (median of "
          f"{', '.join(f'{r:.3f}' for r in runs)})")
    print(f"SCRIBE Sen's slope, all cells:       {slope_s:8.3f} s")

    # time a small sample first to decide between the full loop and extrapolation
    rng = np.random.default_rng(0)
    probe = rng.choice(counts.shape[0], 400, replace=False)
    started = time.perf_counter()
    for k in probe:
        pmk.original_test(counts[k])
    per_cell = (time.perf_counter() - started) / probe.size
    if per_cell * counts.shape[0] <= LOOP_BUDGET_S:
        cells = np.arange(counts.shape[0])
        label = "all cells, measured"
    else:
        cells = np.sort(rng.choice(counts.shape[0], int(LOOP_BUDGET_S / per_cell / 4),
                                   replace=False))
        label = f"{cells.size:,}-cell sample, EXTRAPOLATED to all cells"
    started = time.perf_counter()
    refs = [pmk.original_test(counts[k]) for k in cells]
    loop_s = (time.perf_counter() - started) * counts.shape[0] / cells.size
    compare(ours, refs, cells)
    slopes_match = all(abs(slope[k] - r.slope) <= 1e-9 for k, r in zip(cells, refs))
    print(f"pymannkendall original_test loop:    {loop_s:8.3f} s ({label})")
    print(f"identical results: S, z, p (1e-9), trend on {cells.size:,} cells; Sen's slope "
          f"{'identical' if slopes_match else 'DIFFERS'}")
    print(f"speed-up with Sen's slope included:  {loop_s / (ours_s + slope_s):8.1f}x")
    print(f"trends found: {int((ours.trend == 1).sum()):,} increasing, "
          f"{int((ours.trend == -1).sum()):,} decreasing")

    if not args.no_emerging:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            gpkg = write_gpkg(Path(tmp) / "incidents.gpkg", x, y, months)
            print(f"GeoPackage written in {time.perf_counter() - started:.1f} s")
            emerging_s = emerging_end_to_end(gpkg)
            print(f"scribe:emerging_hotspots end to end: {emerging_s:8.3f} s "
                  "(read 1M incidents, cube, Gi* x 60 steps, Mann-Kendall, write cells)")
    print(f"Mann-Kendall speed-up (pymannkendall loop / SCRIBE): {loop_s / ours_s:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
