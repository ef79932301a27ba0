"""SCRIBE end-to-end demo (see scripts/demo): a partnership's store from nothing to shared,
analysed outputs. Prints each step's time, the import summaries, who sees what, and where
every output is."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

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


def package_plugin() -> Path:
    import package

    staged = package.stage()
    zip_path = package.build_zip(staged)
    problems = package.check_zip(zip_path)
    if problems:
        raise SystemExit(f"plugin zip fails upload checks: {problems}")
    print(f"   {zip_path}")
    return staged


def synthetic_files(out_dir: Path) -> dict[str, Path]:
    import synthetic_partner_data as synthetic

    folder = out_dir / "partner_files"
    folder.mkdir(exist_ok=True)
    files = {"fire": synthetic.fire_export(folder), "asb": synthetic.council_asb_log(folder)}
    for path in files.values():
        print(f"   {path} (SYNTHETIC, seeded)")
    return files


def open_qgis(out_dir: Path, password: str, screenshot: Path | None) -> None:
    """Desktop QGIS with SCRIBE from the zip, signed in as the analyst (under Xvfb unless
    there is a display)."""
    cmd = [sys.executable, str(REPO / "scripts" / "demo_gui.py"), "--out", str(out_dir)]
    if screenshot:
        cmd += ["--screenshot", str(screenshot)]
    if not os.environ.get("DISPLAY"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *cmd]
    subprocess.run(cmd, check=True, env=dict(os.environ, SCRIBE_DEMO_PASSWORD=password))
    if screenshot:
        print(f"   {screenshot}")


def show_outputs(out_dir: Path) -> None:
    print(f"\nOutputs in {out_dir}:")
    for path in sorted(out_dir.rglob("*")):
        relative = path.relative_to(out_dir)
        if path.is_file() and not relative.parts[0].startswith("."):
            print(f"   {str(relative):70} {path.stat().st_size:>12,} bytes")


def main() -> int:
    parser = argparse.ArgumentParser(description="SCRIBE demo")
    parser.add_argument("--out", type=Path, default=REPO / "demo_output")
    parser.add_argument("--gui", action="store_true",
                        help="finally open desktop QGIS signed in as the analyst (under Xvfb "
                             "if there is no display)")
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="open QGIS as with --gui, save its window to this PNG and quit")
    parser.add_argument("--no-setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out_dir = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    steps = Steps()
    total = time.time()
    if not args.no_setup:
        steps.run("Set up (system packages, .venv)", setup)
    import demo_analysis
    import demo_partnership as partnership

    cluster = steps.run("Start SCRIBE's PostGIS and apply server_schema", start_database)
    passwords = steps.run("Partnership: partners, sharing agreements, vetted people",
                          partnership.build_partnership, cluster)
    staged = steps.run("Package the plugin", package_plugin)
    synthetic = steps.run("Write the SYNTHETIC fire and council files", synthetic_files,
                          out_dir)
    steps.run("Data managers import their partners' files (import engine)",
              partnership.import_partner_files, cluster, passwords, synthetic)
    steps.run("Who sees what (row-level security vs the agreements)",
              partnership.role_counts, cluster, passwords)
    demo_analysis.run_all(cluster, passwords, staged, out_dir, steps)
    if args.gui or args.screenshot:
        steps.run("Desktop QGIS signed in as the analyst", open_qgis, out_dir,
                  passwords[partnership.ANALYST.username],
                  args.screenshot.resolve() if args.screenshot else None)
    print("\n== Summary")
    for name, seconds in steps.times:
        print(f"   {seconds:7.1f}s  {name}")
    print(f"   {time.time() - total:7.1f}s  total")
    show_outputs(out_dir)
    print(f"\n{demo_analysis.ATTRIBUTION}\n{demo_analysis.SYNTHETIC_NOTE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
