"""Screenshots of each step of the real import dialog, for the README (run under Xvfb).

    xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python scripts/screenshot_import.py

Uses the project's own dev PostGIS (a throwaway database ``scribe_screenshots`` with one
police data manager), a real Bedfordshire police.uk month with a few rows made bad on purpose
(an unknown label, a duplicate id, a formula cell), and saves docs/images/import_<n>_<step>.png.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
OUT = REPO / "docs" / "images"
PASSWORD = "Screenshot-manager-password-1"  # noqa: S105 (throwaway user, throwaway database)


def prepare_store():
    import devdb
    import psycopg

    from scribe_plugin.core import vetting
    from scribe_plugin.core.migrations import apply_migrations

    cluster = devdb.cluster("dev")
    cluster.start()
    name = "scribe_screenshots"
    cluster.create_database(name, recreate=True)
    admin = cluster.admin_conninfo(name)
    apply_migrations(admin, REPO / "server_schema", log=lambda m: None)
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'shot_manager'").fetchone():
            conn.execute("DROP ROLE shot_manager")
        vetting.add_partner(conn, "bedfordshire_police", "Bedfordshire Police", "police")
        vetting.request_access(conn, "shot_manager", "bedfordshire_police",
                               "scribe_data_manager", 3, dt.date.today() + dt.timedelta(days=7))
        vetting.approve_access(conn, "shot_manager", PASSWORD)
    return lambda: psycopg.connect(cluster.user_conninfo("shot_manager", name),
                                   password=PASSWORD)


def partner_file(folder: Path) -> Path:
    source = DATA / "police_uk/bedfordshire/street/2023-03-bedfordshire-street.csv"
    with open(source, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    crimes = [i for i, r in enumerate(rows) if r["Crime ID"]]
    rows[crimes[2]]["Crime type"] = "Burglary - residential"
    rows[crimes[5]]["Crime ID"] = rows[crimes[4]]["Crime ID"]
    rows[crimes[7]]["Location"] = "=HYPERLINK(\"http://example.invalid\")"
    path = folder / "2023-03-bedfordshire-street.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def main() -> int:
    sys.path[:0] = [str(REPO), str(REPO / "scripts")]
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from qgis.core import QgsApplication
    from qgis.PyQt.QtTest import QTest

    app = QgsApplication([], True)
    app.initQgis()
    from scribe_plugin.gui.import_dialog import ImportDialog

    connect = prepare_store()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        path = partner_file(Path(folder))
        dialog = ImportDialog(None, connect=connect, profile_folder=Path(folder) / "profiles")
        dialog.resize(1100, 760)
        dialog.show()

        def shot(name: str) -> None:
            QTest.qWait(400)
            target = OUT / f"import_{name}.png"
            dialog.grab().save(str(target))
            print("[screenshot]", target.relative_to(REPO))

        def wait() -> None:
            while dialog.task is not None:
                QTest.qWait(50)

        dialog.file_widget.setFilePath(str(path))
        shot("1_file")
        dialog.go(1)
        shot("2_mapping")
        dialog.go(2)
        dialog.start(dry_run=True)
        wait()
        labels = dialog.labels_table
        if labels.rowCount():
            combo = labels.cellWidget(0, 2)
            combo.setCurrentIndex(combo.findData("crime.burglary"))
        shot("3_check")
        dialog.apply_labels()
        wait()
        dialog.go(3)
        dialog.start(dry_run=False)
        started = time.monotonic()
        wait()
        print(f"[screenshot] import took {time.monotonic() - started:.1f}s")
        shot("4_import")
        dialog.close()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
