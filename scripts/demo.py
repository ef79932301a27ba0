"""SCRIBE end-to-end demo (see scripts/demo). Prints each step's time and where outputs are."""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
STREET = DATA / "police_uk" / "bedfordshire" / "street"
# Bedfordshire (Luton, Bedford, Central Bedfordshire) in British National Grid, with a margin
BEDS_EXTENT = (482000.0, 204000.0, 530000.0, 272000.0)
ATTRIBUTION = ("Contains public sector information licensed under the Open Government "
               "Licence v3.0.")

sys.path[:0] = [str(REPO), str(REPO / "scripts")]


class Steps:
    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    def run(self, name: str, func, *args):
        print(f"\n== {name}", flush=True)
        start = time.time()
        result = func(*args)
        self.times.append((name, time.time() - start))
        print(f"   done in {self.times[-1][1]:.1f}s", flush=True)
        return result


def setup() -> None:
    subprocess.run(["bash", str(REPO / "scripts" / "setup")], check=True)


def start_database():
    import devdb

    cluster = devdb.cluster("demo")
    cluster.start()
    cluster.create_database()
    applied = cluster.apply_schema()
    print(f"   PostGIS on port {cluster.port}; migrations applied now: {len(applied)}")
    print(f"   admin connection: psql \"{cluster.admin_conninfo()}\"")
    return cluster


def import_police_files(cluster) -> None:
    """Bedfordshire Police's data manager imports the 24 street-level files through SCRIBE's
    import engine (as the plugin's import dialog does): a second demo run shows that
    re-importing changes nothing."""
    import datetime as dt
    import secrets

    import psycopg
    from psycopg import sql

    from scribe_plugin.core import vetting
    from scribe_plugin.core.importers import engine, profiles

    manager = "demo_beds_manager"
    password = secrets.token_urlsafe(18)  # this run only; never printed or stored
    with psycopg.connect(cluster.admin_conninfo(), autocommit=True) as conn:
        known = conn.execute("SELECT 1 FROM scribe.app_user WHERE username = %s",
                             (manager,)).fetchone()
        if not known:
            if not conn.execute("SELECT 1 FROM scribe.partner WHERE code = 'beds_police'"
                                ).fetchone():
                vetting.add_partner(conn, "beds_police", "Bedfordshire Police", "police")
            vetting.request_access(conn, manager, "beds_police", "scribe_data_manager", 3,
                                   dt.date.today() + dt.timedelta(days=365))
            vetting.approve_access(conn, manager, password)
        else:
            conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                sql.Identifier(manager),
                sql.Literal(vetting.scram_verifier(conn, manager, password))))
    profile = profiles.get_profile("police_uk_street")
    totals = dict.fromkeys(("read", "new", "unchanged", "quarantined"), 0)
    with psycopg.connect(cluster.user_conninfo(manager), password=password) as conn:
        for path in sorted(STREET.glob("*.csv")):
            report = engine.run_import(conn, path, profile)
            conn.commit()
            s = report.summary
            totals["read"] += report.rows_read
            totals["new"] += s.inserted
            totals["unchanged"] += s.unchanged
            totals["quarantined"] += report.rows_quarantined
    print(f"   {len(list(STREET.glob('*.csv')))} files, {totals['read']:,} rows: "
          f"{totals['new']:,} new incidents, {totals['unchanged']:,} unchanged, "
          f"{totals['quarantined']:,} quarantined (repeated Crime IDs), over TLS as a "
          "vetted data manager through row-level security")


def package_plugin() -> Path:
    import package

    staged = package.stage()
    zip_path = package.build_zip(staged)
    problems = package.check_zip(zip_path)
    if problems:
        raise SystemExit(f"plugin zip fails upload checks: {problems}")
    print(f"   {zip_path}")
    return staged


def prepare_police_points(out_dir: Path) -> Path:
    """All 24 months of Bedfordshire street-level crime as one BNG GeoPackage (ogr2ogr)."""
    gpkg = out_dir / "bedfordshire_street_crime.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    files = sorted(glob.glob(str(STREET / "*-bedfordshire-street.csv")))
    if not files:
        raise SystemExit(f"no police.uk files in {STREET}: ../shared/data must sit beside "
                         "the repo")
    for i, csv in enumerate(files):
        subprocess.run(["ogr2ogr", "-f", "GPKG", str(gpkg), csv, "-nln", "crimes",
                        *(["-append"] if i else []),
                        "-oo", "X_POSSIBLE_NAMES=Longitude", "-oo", "Y_POSSIBLE_NAMES=Latitude",
                        "-oo", "KEEP_GEOM_COLUMNS=NO", "-s_srs", "EPSG:4326",
                        "-t_srs", "EPSG:27700", "-nlt", "POINT"], check=True,
                       capture_output=True)
    print(f"   {len(files)} monthly files -> {gpkg}")
    return gpkg


def qgis_env(staged: Path, out_dir: Path) -> dict[str, str]:
    import qgisproc

    return qgisproc.environment(staged.parent, out_dir / ".qgis")


def run_hotspots(env: dict[str, str], gpkg: Path, out_dir: Path) -> dict:
    import qgisproc

    xmin, ymin, xmax, ymax = BEDS_EXTENT
    results = qgisproc.run_algorithm(env, "scribe:kde_hotspots", {
        "INPUT": f"{gpkg}|layername=crimes|subset=\"Crime type\" = 'Burglary'",
        "RADIUS": 750, "PIXEL_SIZE": 50, "EXTENT": f"{xmin},{xmax},{ymin},{ymax} [EPSG:27700]",
        "HOTSPOT_METHOD": 0, "HOTSPOT_THRESHOLD": 99,
        "OUTPUT": out_dir / "burglary_density.tif",
        "HOTSPOTS": out_dir / "burglary_hotspots.gpkg"})
    print(f"   burglaries mapped: {results['POINT_COUNT']}, bandwidth {results['BANDWIDTH']} m, "
          f"cell {results['CELL_SIZE']} m, peak {results['MAX_DENSITY']:.1f} per km2")
    return results


def render_map(env: dict[str, str], out_dir: Path) -> Path:
    png = out_dir / "burglary_hotspots.png"
    subprocess.run([sys.executable, str(REPO / "scripts" / "render_map.py"),
                    str(out_dir / "burglary_density.tif"), str(out_dir / "burglary_hotspots.gpkg"),
                    str(png), "Burglary density, Bedfordshire, May 2021 - April 2023",
                    ATTRIBUTION], env=env, check=True)
    print(f"   {png}")
    return png


def screenshot(path: Path) -> None:
    """Desktop QGIS with the plugin installed from the zip, under Xvfb unless a display is
    there already."""
    cmd = [sys.executable, str(REPO / "scripts" / "screenshot_qgis.py"), str(path)]
    if not os.environ.get("DISPLAY"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    subprocess.run(cmd, check=True, timeout=300)
    print(f"   {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description="SCRIBE demo")
    parser.add_argument("--out", type=Path, default=REPO / "demo_output")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="also open desktop QGIS with SCRIBE (under Xvfb if there is no "
                             "display) and save its window to this PNG")
    args = parser.parse_args()
    out_dir = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    steps = Steps()
    total = time.time()
    steps.run("Set up (system packages, .venv)", setup)
    cluster = steps.run("Start SCRIBE's PostGIS and apply server_schema", start_database)
    steps.run("Import 24 months of police.uk files (data manager, import engine)",
              import_police_files, cluster)
    staged = steps.run("Package the plugin", package_plugin)
    gpkg = steps.run("Prepare Bedfordshire police.uk street crime", prepare_police_points,
                     out_dir)
    env = steps.run("Enable the plugin for qgis_process", qgis_env, staged, out_dir)
    steps.run("scribe:kde_hotspots through qgis_process (burglary)", run_hotspots, env, gpkg,
              out_dir)
    steps.run("Render the hotspot map", render_map, env, out_dir)
    if args.screenshot:
        steps.run("Screenshot of QGIS with SCRIBE", screenshot, args.screenshot.resolve())
    print("\n== Summary")
    for name, seconds in steps.times:
        print(f"   {seconds:7.1f}s  {name}")
    print(f"   {time.time() - total:7.1f}s  total")
    print(f"\nOutputs in {out_dir}:")
    for path in sorted(out_dir.glob("*")):
        if not path.name.startswith("."):
            print(f"   {path.name}")
    print(f"\n{ATTRIBUTION}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
