"""Import a partner file: pick file -> preview -> profile and mapping -> check (dry run) ->
import as a QgsTask with progress and cancel -> summary, with the quarantine one click away.

The dialog only gathers choices and shows results; reading, validating and loading are the
engine's (``core.importers``), run in ``ImportTask``. ``connect`` opens a connection as the
signed-in data manager; without one the dialog can still check a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsApplication, QgsFeature, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget, QgsPasswordLineEdit
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import log
from ..core import taxonomy
from ..core.importers import outcomes, profiles, readers
from ..core.importers.coords import AreaFilter
from ..core.importers.errors import ImportFileError
from ..settings import ScribeSettings
from .import_task import ImportTask
from .mapping_form import MappingForm

FILE_FILTER = "Partner files (*.csv *.tsv *.txt *.tab *.xlsx *.gpkg *.geojson *.json *.shp)"
PREVIEW_ROWS = 20



def fill_table(table: QTableWidget, header: list[str], rows: list[list]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(header)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


class ImportDialog(QDialog):
    def __init__(self, iface=None, connect: Callable | None = None,
                 profile_folder: Path | None = None, parent=None):
        super().__init__(parent)
        self.iface, self.connect, self.profile_folder = iface, connect, profile_folder
        self.own_connection = connect is None
        self.steps = (self.tr("1. File"), self.tr("2. Mapping"), self.tr("3. Check"),
                      self.tr("4. Import"))
        self.settings = ScribeSettings.load()
        self.source: readers.Source | None = None
        self.outcome_file = False  # a police.uk outcome file: no mapping, matched by Crime ID
        self.report = None
        self.task: ImportTask | None = None
        self.setWindowTitle(self.tr("SCRIBE: import a partner file"))
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        self.step_label = QLabel(objectName="stepLabel")
        layout.addWidget(self.step_label)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.message = QLabel(wordWrap=True, objectName="message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< Back"), objectName="back")
        self.next_button = QPushButton(self.tr("Next >"), objectName="next")
        self.close_button = QPushButton(self.tr("Close"), objectName="close")
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        buttons.insertStretch(0)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(lambda: self.go(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.pages.currentIndex() + 1))
        self.close_button.clicked.connect(self.reject)
        self._file_page()
        self._mapping_page()
        self._check_page()
        self._import_page()
        self.go(0)

    # -- pages ---------------------------------------------------------------------------------
    def _file_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.file_widget = QgsFileWidget(objectName="fileWidget")
        self.file_widget.setFilter(FILE_FILTER)
        self.file_widget.setDefaultRoot(self.settings.last_import_folder)
        self.file_widget.fileChanged.connect(self.open_file)
        self.store_box = self._store_connection_box()
        self.file_info = QLabel(wordWrap=True, objectName="fileInfo")
        self.preview = QTableWidget(objectName="preview")
        v.addWidget(QLabel(self.tr("The partner's file (CSV, Excel .xlsx, GeoPackage, GeoJSON or "
                              "shapefile):")))
        v.addWidget(self.file_widget)
        v.addWidget(self.store_box)
        v.addWidget(self.file_info)
        v.addWidget(self.preview, 1)
        self.pages.addWidget(page)

    def _store_connection_box(self) -> QWidget:
        """Until SCRIBE's sign-in dialog exists: a pg_service.conf service (host, port,
        database, user, TLS settings; no secret) and the password, kept in memory only."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.service_edit = QLineEdit(self.settings.last_server_profile,
                                      objectName="service")
        self.password_edit = QgsPasswordLineEdit(objectName="password")
        row.addWidget(QLabel(self.tr("Store (pg_service.conf service):")))
        row.addWidget(self.service_edit)
        row.addWidget(QLabel(self.tr("Password:")))
        row.addWidget(self.password_edit)
        self.service_edit.textChanged.connect(lambda *_: self.go(self.pages.currentIndex()))
        box.setVisible(self.own_connection)
        if self.own_connection and self.settings.last_server_profile:
            self.connect = self._service
        return box

    def _service(self):
        import psycopg

        service = self.service_edit.text().strip()
        self.settings.last_server_profile = service
        self.settings.save()
        return psycopg.connect(service=service, password=self.password_edit.text() or None,
                               application_name="SCRIBE import")

    def _mapping_page(self) -> None:
        self.mapping = MappingForm(profiles.all_profiles(self.profile_folder))
        self.mapping.changed.connect(self._mapping_changed)
        page = QWidget()
        v = QVBoxLayout(page)
        self.outcome_note = QLabel(self.tr(
            "This is a police.uk outcome file: each row gives the outcome a crime reached in a "
            "month. There is nothing to map: every outcome is matched by its Crime ID to a "
            "crime your partner already has in the store, each crime keeps its latest "
            "outcome, and outcomes for crimes not in the store are quarantined."),
            wordWrap=True, objectName="outcomeNote")
        self.outcome_note.setVisible(False)
        v.addWidget(self.outcome_note)
        v.addWidget(self.mapping, 1)
        self.save_profile_button = QPushButton(self.tr("Save as a profile for my partner…"),
                                               objectName="saveProfile")
        self.save_profile_button.clicked.connect(self.save_profile)
        v.addWidget(self.save_profile_button)
        self.pages.addWidget(page)

    def _check_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.area_widget = QgsFileWidget(objectName="areaWidget")
        self.area_widget.setFilter("Boundaries (*.gpkg *.geojson *.shp)")
        v.addWidget(QLabel(self.tr("Partnership area (points outside it are quarantined; "
                              "optional):")))
        v.addWidget(self.area_widget)
        self.dry_run_button = QPushButton(self.tr("Check the file (dry run)"), objectName="dryRun")
        self.dry_run_button.clicked.connect(lambda: self.start(dry_run=True))
        v.addWidget(self.dry_run_button)
        self.check_summary = QLabel(wordWrap=True, objectName="checkSummary")
        v.addWidget(self.check_summary)
        v.addWidget(QLabel(self.tr("First rejected rows:")))
        self.rejects = QTableWidget(objectName="rejects")
        v.addWidget(self.rejects, 2)
        v.addWidget(QLabel(self.tr("Labels not in the crosswalk: map them and check again")))
        self.labels_table = QTableWidget(objectName="unknownLabels")
        v.addWidget(self.labels_table, 1)
        self.apply_labels_button = QPushButton(self.tr("Use these categories and check again"),
                                               objectName="applyLabels")
        self.apply_labels_button.clicked.connect(self.apply_labels)
        v.addWidget(self.apply_labels_button)
        self.pages.addWidget(page)

    def _import_page(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        self.import_button = QPushButton(self.tr("Import"), objectName="importButton")
        self.import_button.clicked.connect(lambda: self.start(dry_run=False))
        self.cancel_button = QPushButton(self.tr("Cancel import"), objectName="cancelImport")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(objectName="progress")
        self.summary = QLabel(wordWrap=True, objectName="summary")
        self.quarantine_button = QPushButton(self.tr("Load the quarantine as a table layer"),
                                             objectName="loadQuarantine")
        self.quarantine_button.clicked.connect(self.load_quarantine)
        for w in (self.import_button, self.progress, self.cancel_button, self.summary,
                  self.quarantine_button):
            v.addWidget(w)
        v.addStretch(1)
        self.pages.addWidget(page)

    # -- navigation ----------------------------------------------------------------------------
    def go(self, index: int) -> None:
        if index == 2 and not self._mapping_ok():
            return
        index = max(0, min(index, self.pages.count() - 1))
        self.pages.setCurrentIndex(index)
        self.step_label.setText("   ".join(f"<b>{s}</b>" if i == index else s
                                           for i, s in enumerate(self.steps)))
        running = self.task is not None
        self.back_button.setEnabled(index > 0 and not running)
        self.next_button.setEnabled(index < self.pages.count() - 1 and self.source is not None
                                    and not running)
        if self.own_connection:
            self.connect = self._service if self.service_edit.text().strip() else None
        self.import_button.setEnabled(self.connect is not None and not running)
        self.cancel_button.setEnabled(running)
        self.quarantine_button.setEnabled(bool(self.report and self.report.summary
                                               and self.report.rows_quarantined
                                               and not self.report.dry_run))
        self.apply_labels_button.setEnabled(self.labels_table.rowCount() > 0 and not running)
        self.dry_run_button.setEnabled(not running)

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "")
        self.message.setText(text)
        (log.warning if error else log.log)(text)

    # -- step 1 --------------------------------------------------------------------------------
    def open_file(self, path: str) -> None:
        self.source, self.report, self.outcome_file = None, None, False
        if not path:
            return
        try:
            # a quick look (the first MiBs) on the GUI thread; the check and the import,
            # in their task, read the whole file
            self.source = readers.open_source(path, whole_file=False)
            rows = self.source.preview(PREVIEW_ROWS)
        except ImportFileError as e:
            self.say(str(e), error=True)
            self.preview.clear()
            self.go(0)
            return
        self.settings.last_import_folder = str(Path(path).parent)
        self.settings.save()
        fill_table(self.preview, self.source.header, rows)
        details = {"text": f"{self.source.encoding}, delimiter {self.source.delimiter!r}",
                   "excel": f"sheet {self.source.layer}",
                   "spatial": f"CRS {self.source.crs}"}[self.source.kind]
        if self.source.kind == "text" and self.source.checked_bytes < self.source.size:
            details += self.tr(" (from the first {} MB of {} MB: the check reads it all)"
                               ).format(self.source.checked_bytes // 1_000_000,
                                        self.source.size // 1_000_000)
        self.outcome_file = outcomes.is_outcome_file(self.source.header)
        detected = None if self.outcome_file else profiles.detect_profile(
            self.source.header, self.mapping.profiles)
        if self.outcome_file:
            kind = self.tr("police.uk outcome file (outcomes of crimes already in the store)")
        else:
            kind = detected.title if detected else self.tr("none (map the columns yourself)")
        self.file_info.setText(self.tr("{} columns; {}. Detected profile: {}").format(
            len(self.source.header), details, kind))
        self.mapping.set_header(self.source.header, detected)
        for widget in (self.mapping, self.save_profile_button, self.area_widget):
            widget.setEnabled(not self.outcome_file)
        self.outcome_note.setVisible(self.outcome_file)
        self.say("")
        self.go(0)

    # -- step 2 --------------------------------------------------------------------------------
    def _mapping_changed(self) -> None:
        self.report = None

    def _mapping_ok(self) -> bool:
        if self.source is None:
            return False
        if self.outcome_file:
            return True
        try:
            profile = self.mapping.profile()
        except (TypeError, ValueError) as e:
            self.say(self.tr("The mapping is not complete: {}").format(e), error=True)
            return False
        problems = profile.problems()
        if not profile.occurred.column:
            problems.append(self.tr("pick the date column"))
        missing = profile.missing_columns(self.source.header)
        if missing:
            problems.append(self.tr("the file has no column(s) {}").format(", ".join(missing)))
        if problems:
            self.say(self.tr("The mapping is not complete: {}").format("; ".join(problems)),
                     error=True)
            return False
        return True

    def save_profile(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Save profile"), self.tr(
            "Profile name (lower-case letters, digits and _), e.g. luton_council_asb:"))
        if not ok or not name:
            return
        try:
            profile = self.mapping.profile(name=name.strip(), title=name.strip())
            path = profiles.save_profile(profile, self.profile_folder)
        except (profiles.ProfileError, TypeError) as e:
            self.say(str(e), error=True)
            return
        self.say(self.tr("Saved profile {} ({}). Files with this header will be detected as it.")
                 .format(profile.name, path))

    # -- steps 3 and 4 -------------------------------------------------------------------------
    def start(self, dry_run: bool) -> None:
        if self.task is not None or not self._mapping_ok():
            return
        area = None
        if self.area_widget.filePath() and not self.outcome_file:
            try:
                area = AreaFilter.from_file(self.area_widget.filePath())
            except Exception as e:  # GDAL/pyproj errors for a bad boundary file
                self.say(self.tr("The partnership area cannot be read: {}").format(e), error=True)
                return
        connect = self.connect
        what = self.tr("Checking") if dry_run else self.tr("Importing")
        profile = None if self.outcome_file else self.mapping.profile()
        self.task = ImportTask(f"SCRIBE: {what} {self.source.file_name}", connect,
                               self.source.path, profile, area, dry_run)
        self.task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        self.task.done.connect(lambda report, error: self._finished(report, error, dry_run))
        self.progress.setValue(0)
        self.say(self.tr("{} {}…").format(what, self.source.file_name))
        QgsApplication.taskManager().addTask(self.task)
        self.go(self.pages.currentIndex())

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _finished(self, report, error: str, dry_run: bool) -> None:
        self.task = None
        if report is None:
            text = self.tr("Import cancelled: nothing was written.") if error == "cancelled" \
                else self.tr("Nothing was written. {}").format(error)
            self.say(text, error=error != "cancelled")
            self.go(self.pages.currentIndex())
            return
        self.report = report
        text = report.message()
        if report.warnings:
            text += " " + self.tr("Warnings: {}").format("; ".join(report.warnings))
        (self.check_summary if dry_run else self.summary).setText(text)
        fill_table(self.rejects, [self.tr("Row"), self.tr("Column"), self.tr("Reason")],
                   [[q.row_number, q.column or "", q.reason] for q in report.first_rejects])
        self._fill_labels(report.unknown_labels)
        self.say(text, error=report.nothing_valid)
        if not dry_run and self.iface is not None:
            log.notify(self.iface, text)
        self.go(self.pages.currentIndex())

    def _fill_labels(self, labels: dict[str, int]) -> None:
        fill_table(self.labels_table,
                   [self.tr("Label"), self.tr("Rows"), self.tr("SCRIBE category")],
                   [[label, n, ""] for label, n in sorted(labels.items())])
        for row in range(len(labels)):
            combo = QComboBox()
            combo.addItem(self.tr("(leave quarantined)"), "")
            for c in taxonomy.CATEGORIES:
                combo.addItem(f"{c.label} ({c.code})", c.code)
            self.labels_table.setCellWidget(row, 2, combo)
        self.labels_table.resizeColumnsToContents()

    def apply_labels(self) -> None:
        for row in range(self.labels_table.rowCount()):
            code = self.labels_table.cellWidget(row, 2).currentData()
            if code:
                self.mapping.extra_labels[self.labels_table.item(row, 0).text()] = code
        self.start(dry_run=True)

    def load_quarantine(self) -> None:
        """The batch's quarantined rows as a table layer (read from the store, so what is
        shown is what was recorded)."""
        if not (self.report and self.report.summary and self.connect):
            return
        batch = self.report.summary.batch_id
        layer = QgsVectorLayer("None?field=row_number:integer&field=column_name:string"
                               "&field=reason:string(500)&field=raw_row:string(2000)",
                               self.tr("Quarantine: {} (batch {})").format(self.report.file_name,
                                                                      batch), "memory")
        with self.connect() as conn:
            rows = conn.execute("SELECT row_number, column_name, reason, raw_row::text FROM "
                                "scribe.quarantine WHERE import_batch_id = %s ORDER BY "
                                "row_number", (batch,)).fetchall()
        features = []
        for values in rows:
            feature = QgsFeature(layer.fields())
            feature.setAttributes(list(values))
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        QgsProject.instance().addMapLayer(layer)
        self.say(self.tr("Loaded {} quarantined rows as the layer '{}'.").format(len(rows),
                                                                          layer.name()))

    def reject(self) -> None:
        if self.task is not None:
            if QMessageBox.question(self, self.tr("Import running"), self.tr(
                    "An import is running. Cancel it (nothing will be written)?")) != \
                    QMessageBox.StandardButton.Yes:
                return
            self.task.cancel()
        super().reject()
