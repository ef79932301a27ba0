"""Build the installable plugin zip and check it against the official repository's rules.

    scripts/package            # -> dist/scribe_plugin-<version>.zip (and build/plugin/)
    scripts/package --check    # also run the upload checks (metadata, layout, size, bandit,
                               # detect-secrets); exits non-zero on any failure

The zip has one top folder ``scribe_plugin/`` with the code, ``metadata.txt``, ``LICENSE``,
``requirements.txt`` (for QPIP), icons/styles and compiled ``.qm`` translations; never tests,
caches or ``.pyc`` files.
"""

from __future__ import annotations

import argparse
import configparser
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "scribe_plugin"
MAX_ZIP_BYTES = 25_000_000  # plugins.qgis.org upload limit
REQUIRED_METADATA = ("name", "description", "version", "qgisMinimumVersion", "author", "email",
                     "about", "tracker", "repository")
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache", "tests"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts", ".orig", ".rej"}

sys.path.insert(0, str(REPO / "scripts"))


def version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def stage(build_root: Path | None = None) -> Path:
    """Copy exactly what ships into ``build_root/scribe_plugin`` and return that folder."""
    import i18n

    build_root = build_root or REPO / "build" / "plugin"
    target = build_root / PLUGIN
    if target.exists():
        shutil.rmtree(target)
    for path in sorted((REPO / PLUGIN).rglob("*")):
        rel = path.relative_to(REPO / PLUGIN)
        if set(rel.parts) & EXCLUDED_PARTS or path.suffix in EXCLUDED_SUFFIXES:
            continue
        if path.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / rel)
    shutil.copy2(REPO / "metadata.txt", target / "metadata.txt")
    shutil.copy2(REPO / "LICENSE", target / "LICENSE")
    i18n.compile_all(target / "i18n")
    return target


def build_zip(staged: Path, dist: Path | None = None) -> Path:
    dist = dist or REPO / "dist"
    dist.mkdir(parents=True, exist_ok=True)
    out = dist / f"{PLUGIN}-{version()}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(staged.rglob("*")):
            if path.is_file():
                archive.write(path, Path(PLUGIN) / path.relative_to(staged))
    return out


def qrc_files() -> list[str]:
    """Files resources.qrc lists, as paths inside the zip (they sit under scribe_plugin/)."""
    import xml.etree.ElementTree as ET  # noqa: S405 (our own resource file)

    root = ET.parse(REPO / "resources.qrc").getroot()  # noqa: S314
    return [f.text.strip() for f in root.iter("file") if f.text]


def check_zip(zip_path: Path) -> list[str]:
    """Problems the plugin repository would reject the upload for (empty list: fine)."""
    problems: list[str] = []
    if zip_path.stat().st_size > MAX_ZIP_BYTES:
        problems.append(f"zip is {zip_path.stat().st_size} bytes, over {MAX_ZIP_BYTES}")
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        tops = {n.split("/")[0] for n in names}
        if tops != {PLUGIN}:
            problems.append(f"zip must have one top folder {PLUGIN}/, has {sorted(tops)}")
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{PLUGIN}/{required}" not in names:
                problems.append(f"{required} missing from {PLUGIN}/")
        bad = [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo"))
               or "/tests/" in n or "__MACOSX" in n or n.split("/")[-1].startswith(".")]
        if bad:
            problems.append(f"files that must not ship: {bad[:5]}")
        if not any(n.endswith(".qm") for n in names):
            problems.append("no compiled .qm translations")
        if f"{PLUGIN}/metadata.txt" in names:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read_string(archive.read(f"{PLUGIN}/metadata.txt").decode("utf-8"))
            general = parser["general"] if parser.has_section("general") else {}
            for key in REQUIRED_METADATA:
                if not general.get(key, "").strip():
                    problems.append(f"metadata.txt lacks '{key}'")
            icon = general.get("icon", "")
            if icon and f"{PLUGIN}/{icon}" not in names:
                problems.append(f"icon {icon} named in metadata.txt is not in the zip")
        for listed in qrc_files():
            if listed not in names:
                problems.append(f"{listed} is listed in resources.qrc but not in the zip")
    return problems


def security_scans(staged: Path) -> list[str]:
    """bandit and detect-secrets, which now block uploads to plugins.qgis.org."""
    problems: list[str] = []
    venv_bin = Path(sys.executable).parent
    bandit = subprocess.run([str(venv_bin / "bandit"), "-r", str(staged), "-q", "-f", "json",
                             "--severity-level", "medium", "--confidence-level", "medium"],
                            capture_output=True, text=True)
    try:
        findings = json.loads(bandit.stdout).get("results", [])
    except json.JSONDecodeError:
        findings = [{"issue_text": bandit.stderr.strip() or "bandit did not run"}]
    for f in findings:
        problems.append(f"bandit: {f.get('filename', '')}:{f.get('line_number', '')} "
                        f"{f.get('test_id', '')} {f.get('issue_text', '')}")
    secrets = subprocess.run([str(venv_bin / "detect-secrets"), "scan", "--all-files",
                              str(staged)], capture_output=True, text=True)
    try:
        found = json.loads(secrets.stdout).get("results", {})
    except json.JSONDecodeError:
        found = {"detect-secrets": [{"type": secrets.stderr.strip() or "did not run"}]}
    for filename, hits in found.items():
        for hit in hits:
            problems.append(f"detect-secrets: {filename}:{hit.get('line_number', '')} "
                            f"{hit.get('type', '')}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="run the upload checks too")
    args = parser.parse_args()
    staged = stage()
    out = build_zip(staged)
    print(f"[package] {out} ({out.stat().st_size / 1024:.0f} KiB)")
    if not args.check:
        return 0
    problems = check_zip(out) + security_scans(staged)
    for problem in problems:
        print(f"[package] FAIL {problem}")
    print("[package] upload checks: " + ("failed" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
