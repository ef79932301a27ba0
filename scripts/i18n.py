"""Translation pipeline: extract tr() strings from .py/.ui into i18n/*.ts, compile to .qm.

    scripts/i18n update    # refresh every i18n/scribe_<lang>.ts from the sources
    scripts/i18n compile   # i18n/*.ts -> <dest>/scribe_<lang>.qm (default scribe_plugin/i18n)
    scripts/i18n check     # fail if a .ts is missing strings the sources have (CI)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 (parses our own .ts files only)
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TS_DIR = REPO / "i18n"
PLUGIN = REPO / "scribe_plugin"


def source_files() -> list[str]:
    files = sorted(p for p in PLUGIN.rglob("*") if p.suffix in (".py", ".ui")
                   and "__pycache__" not in p.parts)
    return [str(p.relative_to(REPO)) for p in files]


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob("scribe_*.ts"))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise SystemExit(f"{name} not found: install pyqt5-dev-tools and qttools5-dev-tools "
                         "(scripts/setup does)")
    return path


def update(ts: Path) -> None:
    subprocess.run([_tool("pylupdate5"), "-noobsolete", *source_files(), "-ts", str(ts)],
                   cwd=REPO, check=True, capture_output=True)


def compile_all(dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for ts in ts_files():
        qm = dest / ts.with_suffix(".qm").name
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation (None when unfinished)."""
    root = ET.parse(ts).getroot()  # noqa: S314
    result = {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") not in (
                "unfinished", "obsolete", "vanished") and (translation.text or "").strip()
            result[(name, message.findtext("source"))] = translation.text if done else None
    return result


def check() -> int:
    status = 0
    for ts in ts_files():
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            update(fresh)
            now, committed = messages(fresh), messages(ts)
        missing = sorted(set(now) - set(committed))
        stale = sorted(set(committed) - set(now))
        untranslated = [k for k, v in committed.items() if v is None and k in now]
        print(f"[i18n] {ts.name}: {len(now)} strings, {len(untranslated)} untranslated, "
              f"{len(missing)} missing, {len(stale)} stale")
        for context, source in missing[:10]:
            print(f"   missing: [{context}] {source[:70]!r}")
        if missing or stale:
            print(f"[i18n] {ts.name} is out of date: run scripts/i18n update and translate")
            status = 1
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description="SCRIBE translations")
    parser.add_argument("command", choices=["update", "compile", "check"])
    parser.add_argument("--dest", type=Path, default=PLUGIN / "i18n")
    args = parser.parse_args()
    if args.command == "update":
        for ts in ts_files():
            update(ts)
            print(f"[i18n] updated {ts.relative_to(REPO)}")
        return 0
    if args.command == "compile":
        for qm in compile_all(args.dest):
            print(f"[i18n] compiled {qm}")
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
