"""Benchmark: the Knox near-repeat test on 100,000 incidents over one year (10 distance bands
of 100 m, 10 time bands of 7 days, 99 permutations), SCRIBE's k-d tree implementation against
the brute-force method (every pair of incidents) in the same run.

The incidents are synthetic but shaped like a city's burglaries: clustered around 60 centres
in a 30 km square (British National Grid metres), with near repeats planted (one in ten
incidents followed within 200 m and 14 days). The brute force cannot run on 100,000 incidents
(5 billion pairs per permutation), so it runs on a random 5,000-incident sample and its time
is extrapolated by the square of the size ratio (labelled so). Prints times, SCRIBE's peak
memory, and the speed-up last.

    .venv/bin/python scripts/bench_near_repeat.py [--incidents 100000] [--sample 5000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BANDS = dict(distance=100.0, distance_bands=10, days=7.0, time_bands=10)
PERMUTATIONS = 99


def incidents(n: int, seed: int = 2024) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    base = int(n * 0.9)
    centres = rng.uniform(0, 30_000, (60, 2))
    which = rng.integers(0, 60, base)
    spread = rng.uniform(300, 1500, 60)[which]
    x = centres[which, 0] + rng.normal(0, 1, base) * spread
    y = centres[which, 1] + rng.normal(0, 1, base) * spread
    t = rng.uniform(0, 365, base) * 86_400
    k = n - base
    source = rng.integers(0, base, k)
    angle, radius = rng.uniform(0, 2 * np.pi, k), rng.uniform(0, 200, k)
    x = np.concatenate([x, x[source] + radius * np.cos(angle)])
    y = np.concatenate([y, y[source] + radius * np.sin(angle)])
    t = np.concatenate([t, t[source] + rng.uniform(0, 14, k) * 86_400])
    return x, y, t


def brute_force(x, y, t, permutations: int, seed: int = 1) -> np.ndarray:
    """Every pair, every permutation: the method the benchmark compares against."""
    n = len(x)
    i, j = np.triu_indices(n, 1)
    d = np.hypot(x[i] - x[j], y[i] - y[j])
    dband = np.floor(d / BANDS["distance"]).astype(np.int64)
    near = dband < BANDS["distance_bands"]
    rng = np.random.default_rng(seed)
    observed = None
    for k in range(permutations + 1):
        tt = t if k == 0 else t[rng.permutation(n)]
        tband = np.floor(np.abs(tt[i] - tt[j]) / (BANDS["days"] * 86_400)).astype(np.int64)
        ok = near & (tband < BANDS["time_bands"])
        counts = np.zeros((BANDS["distance_bands"], BANDS["time_bands"]), dtype=np.int64)
        np.add.at(counts, (dband[ok], tband[ok]), 1)
        if k == 0:
            observed = counts
    return observed


def main() -> int:
    from scribe_plugin.core.analysis.near_repeat import KnoxBands, knox_test

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000)
    args = parser.parse_args()
    x, y, t = incidents(args.incidents)
    bands = KnoxBands(**BANDS)
    print(f"[bench] {args.incidents:,} incidents over one year, 10 x 100 m by 10 x 7 days, "
          f"{PERMUTATIONS} permutations", flush=True)
    start = time.perf_counter()
    result = knox_test(x, y, t, bands, PERMUTATIONS, seed=1)
    scribe_seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"[bench] SCRIBE (k-d tree): {scribe_seconds:.1f}s for all {args.incidents:,} "
          f"incidents ({result.close_pairs:,} pairs within 1 km), peak memory "
          f"{peak_mib:,.0f} MiB (target < 2048)", flush=True)
    print(f"[bench] Knox ratio of the closest cell [0, 100) m x [0, 7) days: "
          f"{result.ratio[0, 0]:.2f} (p = {result.p_value[0, 0]:.3f})", flush=True)

    pick = np.random.default_rng(9).choice(args.incidents, args.sample, replace=False)
    start = time.perf_counter()
    brute_observed = brute_force(x[pick], y[pick], t[pick], PERMUTATIONS)
    brute_seconds = time.perf_counter() - start
    check = knox_test(x[pick], y[pick], t[pick], bands, 19, seed=1)
    assert (check.observed == brute_observed).all(), "SCRIBE and the brute force disagree"
    scale = (args.incidents / args.sample) ** 2
    estimate = brute_seconds * scale
    print(f"[bench] brute force (every pair): {brute_seconds:.1f}s for a {args.sample:,} "
          f"sample (same observed table as SCRIBE); EXTRAPOLATED to {args.incidents:,} "
          f"incidents by (size ratio)^2 = {scale:.0f}x: {estimate:,.0f}s")
    print(f"speed-up SCRIBE vs brute force (extrapolated): {estimate / scribe_seconds:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
