"""The import dialog driven through its real widgets (pytest-qgis, real QGIS task manager,
real PostGIS): detect, map, check, fix labels, import, cancel, quarantine layer, saved
profile."""

from __future__ import annotations

import csv
import time

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QInputDialog

from scribe_plugin.gui.import_dialog import ImportDialog

from ..data_helpers import police_rows
from ..qgis_helpers import click

HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
          "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category",
          "Context"]



def wait_for_task(dialog, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while dialog.task is not None:
        assert time.monotonic() < deadline, "the import task did not finish"
        QTest.qWait(50)


@pytest.fixture()
def police_file(tmp_path, shared_data):
    def make(tag: str, n: int = 30, rows_hook=None):
        rows = police_rows(shared_data / "police_uk/bedfordshire/street/"
                           "2022-07-bedfordshire-street.csv")
        rows = [r for r in rows if r["Crime ID"] and r["Longitude"]]
        rows = [{**r, "Crime ID": f"{tag}-{i}"} for i, r in enumerate(rows[:n])]
        if rows_hook:
            rows_hook(rows)
        path = tmp_path / f"{tag}.csv"
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=HEADER)
            writer.writeheader()
            writer.writerows(rows)
        return path
    return make


def dialog_for(import_store, qgis_iface, tmp_path, partner="police") -> ImportDialog:
    dialog = ImportDialog(qgis_iface, connect=lambda: import_store.manager(partner),
                          profile_folder=tmp_path / "profiles")
    dialog.show()
    return dialog


def test_detect_check_fix_labels_import_and_load_quarantine(import_store, qgis_iface,
                                                            tmp_path, police_file):
    def hook(rows):
        rows[3]["Crime type"] = "Burglery"
        rows[5]["Crime ID"] = rows[4]["Crime ID"]  # a duplicate: quarantined
    path = police_file("dlg", rows_hook=hook)
    dialog = dialog_for(import_store, qgis_iface, tmp_path)
    dialog.file_widget.setFilePath(str(path))
    assert dialog.preview.rowCount() == 20 and dialog.preview.columnCount() == 12
    assert dialog.mapping.profile_combo.currentData() == "police_uk_street"
    assert "Detected profile: police.uk street-level" in dialog.file_info.text()
    click(dialog.next_button)
    click(dialog.next_button)
    assert dialog.pages.currentIndex() == 2
    before = import_store.state()
    click(dialog.dry_run_button)
    wait_for_task(dialog)
    assert "would import: 28 new" in dialog.check_summary.text()
    assert import_store.state() == before  # a dry run writes nothing
    assert dialog.labels_table.rowCount() == 1
    assert dialog.labels_table.item(0, 0).text() == "Burglery"
    combo = dialog.labels_table.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findData("crime.burglary"))
    click(dialog.apply_labels_button)
    wait_for_task(dialog)
    assert "would import: 29 new" in dialog.check_summary.text()
    assert dialog.rejects.rowCount() == 1 and "duplicate" in dialog.rejects.item(0, 2).text()
    click(dialog.next_button)
    click(dialog.import_button)
    wait_for_task(dialog)
    assert "imported: 29 new" in dialog.summary.text()
    assert dialog.progress.value() == 100
    with import_store.admin() as conn:
        assert conn.execute("SELECT category_code FROM scribe.incident WHERE "
                            "source_record_id = 'dlg-3'").fetchone()[0] == "crime.burglary"
    click(dialog.quarantine_button)
    layers = QgsProject.instance().mapLayersByName("Quarantine: dlg.csv (batch "
                                                   f"{dialog.report.summary.batch_id})")
    assert len(layers) == 1 and layers[0].featureCount() == 1
    feature = next(layers[0].getFeatures())
    assert feature["row_number"] == 7 and "duplicate record id 'dlg-4'" in feature["reason"]
    QgsProject.instance().removeMapLayer(layers[0])
    dialog.close()


def test_cancel_leaves_the_store_unchanged(import_store, qgis_iface, tmp_path, police_file):
    path = police_file("cancel", n=400)
    big = tmp_path / "cancel_big.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with open(big, "w", encoding="utf-8") as f:
        f.write(lines[0])
        for k in range(600):  # 240,000 rows with distinct ids
            f.writelines(line.replace("cancel-", f"cancel{k}-", 1) for line in lines[1:])
    dialog = dialog_for(import_store, qgis_iface, tmp_path)
    dialog.file_widget.setFilePath(str(big))
    for _ in range(3):
        click(dialog.next_button)
    before = import_store.state()
    click(dialog.import_button)
    assert dialog.cancel_button.isEnabled()
    QTest.qWait(300)
    click(dialog.cancel_button)
    wait_for_task(dialog, timeout=120)
    assert "cancelled: nothing was written" in dialog.message.text()
    assert import_store.state() == before
    dialog.close()


def test_generic_mapping_saved_as_a_partner_profile_is_detected_next_time(
        import_store, qgis_iface, tmp_path):
    path = tmp_path / "council_log.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Ref", "Kind", "Reported", "E", "N", "Where"])
        writer.writerow(["L-1", "Noise", "03/02/2023 22:10", "509000", "221000", "High St"])
        writer.writerow(["L-2", "Fly tipping", "04/02/2023 08:00", "509100", "221200", "Park"])
        writer.writerow(["L-3", "Graffiti", "31/02/2023 08:00", "509100", "221200", "Park"])
    dialog = dialog_for(import_store, qgis_iface, tmp_path, partner="council")
    dialog.file_widget.setFilePath(str(path))
    form = dialog.mapping
    assert form.profile_combo.currentData() == "__generic__"
    click(dialog.next_button)
    click(dialog.next_button)  # refused: the mapping is not complete
    assert dialog.pages.currentIndex() == 1 and "not complete" in dialog.message.text()
    for key, column in (("source_id", "Ref"), ("category", "Kind"), ("occurred", "Reported"),
                        ("x", "E"), ("y", "N"), ("location_description", "Where")):
        form.combos[key].setCurrentIndex(form.combos[key].findData(column))
    form.scheme.setCurrentIndex(form.scheme.findData("asb_type"))
    form.date_format.setCurrentText("%d/%m/%Y %H:%M")
    form.crs.setCurrentIndex(form.crs.findData("EPSG:27700"))

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QInputDialog)
        box.setTextValue("council_case_log")
        box.accept()
    QTimer.singleShot(200, answer)
    click(dialog.save_profile_button)
    assert (tmp_path / "profiles" / "council_case_log.json").is_file()
    click(dialog.next_button)
    click(dialog.dry_run_button)
    wait_for_task(dialog)
    assert "3 rows read, 2 valid, 1 quarantined" in dialog.check_summary.text()
    assert "'31/02/2023 08:00' is not a date" in dialog.rejects.item(0, 2).text()
    dialog.close()
    again = dialog_for(import_store, qgis_iface, tmp_path, partner="council")
    again.file_widget.setFilePath(str(path))
    assert again.mapping.profile_combo.currentData() == "council_case_log"
    again.close()


def test_a_broken_file_is_explained_and_blocks_the_next_step(import_store, qgis_iface,
                                                             tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\x00\x01\x02binary")
    dialog = dialog_for(import_store, qgis_iface, tmp_path)
    dialog.file_widget.setFilePath(str(path))
    assert "NUL bytes" in dialog.message.text()
    assert not dialog.next_button.isEnabled()
    dialog.close()


def test_outcome_file_is_recognised_checked_and_imported(import_store, qgis_iface, tmp_path,
                                                         police_file):
    """An outcome file needs no mapping: the dialog says what it is, checks it without a
    store, and imports each crime's latest outcome; outcomes of unknown crimes and bad months
    are quarantined with their reasons."""
    street = police_file("oc", n=6)
    import_store.run("police", street, "police_uk_street")
    outcome_path = tmp_path / "2022-08-bedfordshire-outcomes.csv"
    header = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
              "Location", "LSOA code", "LSOA name", "Outcome type"]
    events = [("oc-1", "2022-08", "Offender given a caution"),
              ("oc-2", "2022-08", "Investigation complete; no suspect identified"),
              ("oc-2", "2022-09", "Offender fined"),       # the later month wins
              ("not-in-store", "2022-08", "Offender fined"),
              ("oc-3", "08/2022", "Offender fined")]        # not YYYY-MM
    with open(outcome_path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for crime_id, month, outcome in events:
            writer.writerow([crime_id, month, "Bedfordshire Police", "Bedfordshire Police",
                             "-0.4", "52.1", "On or near X", "E01", "Bedford 001A", outcome])

    checker = ImportDialog(qgis_iface, connect=None, profile_folder=tmp_path / "profiles")
    checker.show()
    checker.file_widget.setFilePath(str(outcome_path))
    assert "police.uk outcome file" in checker.file_info.text()
    click(checker.next_button)
    assert checker.outcome_note.isVisible() and not checker.mapping.isEnabled()
    click(checker.next_button)
    assert checker.pages.currentIndex() == 2 and not checker.area_widget.isEnabled()
    click(checker.dry_run_button)
    wait_for_task(checker)
    assert "5 rows read, 4 valid, 1 quarantined" in checker.check_summary.text()
    assert "matched to its crime in the store on import" in checker.check_summary.text()
    checker.close()

    dialog = dialog_for(import_store, qgis_iface, tmp_path)
    dialog.file_widget.setFilePath(str(outcome_path))
    click(dialog.next_button)
    click(dialog.next_button)
    before = import_store.state()
    click(dialog.dry_run_button)
    wait_for_task(dialog)
    assert "5 rows read, 3 valid, 2 quarantined" in dialog.check_summary.text()
    assert import_store.state() == before
    click(dialog.next_button)
    click(dialog.import_button)
    wait_for_task(dialog)
    assert "5 rows read, 3 valid, 2 quarantined" in dialog.summary.text()
    with import_store.admin() as conn:
        got = dict(conn.execute(
            "SELECT source_record_id, outcome FROM scribe.incident WHERE source_record_id "
            "IN ('oc-1', 'oc-2')").fetchall())
        reasons = [r for (r,) in conn.execute(
            "SELECT reason FROM scribe.quarantine WHERE import_batch_id = %s ORDER BY "
            "row_number", (dialog.report.summary.batch_id,))]
    assert got == {"oc-1": "Offender given a caution", "oc-2": "Offender fined"}
    assert len(reasons) == 2 and "Crime ID" in reasons[0] and "YYYY-MM" in reasons[1]
    dialog.close()


def test_a_large_file_opens_from_its_head_and_the_check_reads_it_all(
        import_store, qgis_iface, tmp_path, police_file):
    """The dialog previews a large file from its first MiBs (no pause on the GUI thread);
    a fault far down the file is then reported by the check, which reads every byte."""
    lines = police_file("head", n=400).read_bytes().splitlines(keepends=True)
    path = tmp_path / "late_fault.csv"
    with open(path, "wb") as f:
        f.write(lines[0])
        for k in range(120):  # about 9 MB of valid rows, then a binary fault
            f.writelines(line.replace(b"head-", f"head{k}-".encode(), 1) for line in lines[1:])
        f.write(b"x\x00y\n")
    dialog = dialog_for(import_store, qgis_iface, tmp_path)
    dialog.file_widget.setFilePath(str(path))
    assert dialog.preview.rowCount() == 20
    assert dialog.source.checked_bytes < dialog.source.size == path.stat().st_size
    assert "the check reads it all" in dialog.file_info.text()
    click(dialog.next_button)
    click(dialog.next_button)
    before = import_store.state()
    click(dialog.dry_run_button)
    wait_for_task(dialog)
    assert "NUL bytes" in dialog.message.text()
    assert import_store.state() == before
    dialog.close()
