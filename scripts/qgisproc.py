"""Drive QGIS's headless ``qgis_process`` with the SCRIBE plugin (demo, tests, benchmarks).

Debian's ``/usr/bin/qgis_process`` wrapper passes a flag QGIS 3.22 rejects, so the real binary
is called. QGIS 3.22 loads only plugins enabled in the profile, so each caller gets its own
throwaway profile (``XDG_DATA_HOME``) with SCRIBE enabled.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

QGIS_PROCESS = "/usr/bin/qgis_process.bin"


def environment(plugin_parent: Path, profile_dir: Path, venv_packages: bool = True
                ) -> dict[str, str]:
    """Environment for qgis_process with the plugin folder ``plugin_parent/scribe_plugin``.
    qgis_process runs the system Python; ``venv_packages`` gives it SCRIBE's dependencies
    from .venv (as a user installs them into QGIS's Python, see README)."""
    runtime = profile_dir / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_PLUGINPATH=str(plugin_parent),
               XDG_DATA_HOME=str(profile_dir / "data"), XDG_RUNTIME_DIR=str(runtime))
    env.pop("PYTHONPATH", None)
    if venv_packages:
        repo = Path(__file__).resolve().parents[1]
        env["PYTHONPATH"] = str(next((repo / ".venv" / "lib").glob("python3*/site-packages")))
    listing = subprocess.run([QGIS_PROCESS, "plugins"], env=env, capture_output=True,
                             text=True, timeout=120)
    if "* scribe_plugin" not in listing.stdout:  # 'enable' fails if it already is
        subprocess.run([QGIS_PROCESS, "plugins", "enable", "scribe_plugin"], env=env,
                       capture_output=True, timeout=120, check=True)
    return env


def run_algorithm(env: dict[str, str], algorithm: str, params: dict[str, object],
                  timeout: int = 1800) -> dict:
    """Run one algorithm; returns its results, or raises with qgis_process's own output."""
    args = [QGIS_PROCESS, "--json", "run", algorithm, "--",
            *(f"{key}={value}" for key, value in params.items())]
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0 or "{" not in out.stdout:
        raise RuntimeError(f"{algorithm} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout[out.stdout.index("{"):])["results"]
