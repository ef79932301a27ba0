"""The incident layers dock: choose partners, categories, period, area and (for cleared
readers) text; see how many incidents match; load them as a styled layer; refresh.

Counting runs in a QgsTask on its own connection, so a slow count never freezes QGIS; the
layer itself streams through QGIS's postgres provider.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsTask,
    QgsVectorLayer,
)
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import log
from ..core import taxonomy, vetting
from ..core.layer_filter import FilterError, IncidentFilter
from ..session import LAYER_PROPERTY, ScribeSession
from . import incident_layer
from .polygon_tool import PolygonTool

BNG = "EPSG:27700"
PERIOD_KEYS = ("last_month", "last_12_months", "custom", "all")
AREA_KEYS = ("anywhere", "extent", "layer", "drawn")
CODE_ROLE = Qt.ItemDataRole.UserRole


class CountTask(QgsTask):
    """count(*) for a filter on its own connection; ``run`` never raises or touches widgets."""

    def __init__(self, params: dict, table: str, where, done: Callable[[int | None, str], None]):
        super().__init__("SCRIBE: counting incidents", QgsTask.Flag.CanCancel)
        self.params, self.table, self.where, self.done = params, table, where, done
        self.result: int | None = None
        self.error = ""

    def run(self) -> bool:
        try:
            with psycopg.connect(**self.params) as conn:
                self.result = incident_layer.count_incidents(conn, self.table, self.where)
            return True
        except psycopg.Error as error:
            self.error = (error.diag.message_primary if hasattr(error, "diag") else None) \
                or type(error).__name__
            return False

    def finished(self, ok: bool) -> None:  # main thread
        self.done(self.result if ok else None, self.error)


class IncidentDock(QgsDockWidget):
    sign_in_requested = pyqtSignal()
    layer_loaded = pyqtSignal(QgsVectorLayer)

    def __init__(self, session: ScribeSession, iface=None,
                 ask_purpose: Callable[[], bool] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("SCRIBE incidents"))
        self.setObjectName("scribeIncidentDock")
        self.session, self.iface = session, iface
        self.ask_purpose = ask_purpose or (lambda: not session.needs_purpose())
        self.drawn: QgsGeometry | None = None
        self.drawn_crs: QgsCoordinateReferenceSystem | None = None
        self.polygon_tool: PolygonTool | None = None
        self.count_task: CountTask | None = None
        self.last_count: int | None = None
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        self.status_label = QLabel(objectName="status", wordWrap=True)
        self.sign_in_button = QPushButton(self.tr("Sign in…"), objectName="signIn")
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        top.addWidget(self.status_label, 1)
        top.addWidget(self.sign_in_button)
        layout.addLayout(top)
        form = QFormLayout()
        self.partner_list = QListWidget(objectName="partners")
        self.partner_list.setMaximumHeight(90)
        form.addRow(self.tr("Partners (none ticked: all)"), self.partner_list)
        self.category_tree = QTreeWidget(objectName="categories")
        self.category_tree.setHeaderHidden(True)
        self._fill_categories()
        form.addRow(self.tr("Categories (none ticked: all)"), self.category_tree)
        self.period_combo = QComboBox(objectName="period")
        for key, label in zip(PERIOD_KEYS, (self.tr("Last month"), self.tr("Last 12 months"),
                                            self.tr("Custom dates"), self.tr("All dates"))):
            self.period_combo.addItem(label, key)
        self.period_combo.setCurrentIndex(1)
        self.from_date = QDateEdit(QDate.currentDate().addYears(-1), objectName="fromDate")
        self.to_date = QDateEdit(QDate.currentDate(), objectName="toDate")
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        dates = QHBoxLayout()
        dates.addWidget(self.from_date)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.to_date)
        self.year_earlier_box = QCheckBox(self.tr("Same period last year"),
                                          objectName="yearEarlier")
        form.addRow(self.tr("Period"), self.period_combo)
        form.addRow("", dates)
        form.addRow("", self.year_earlier_box)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self._period_changed()
        self.area_combo = QComboBox(objectName="area")
        for key, label in zip(AREA_KEYS, (self.tr("Anywhere"), self.tr("Current map extent"),
                                          self.tr("Features of a boundary layer"),
                                          self.tr("A polygon I draw"))):
            self.area_combo.addItem(label, key)
        self.boundary_combo = QgsMapLayerComboBox(objectName="boundaryLayer")
        self.boundary_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.draw_button = QPushButton(self.tr("Draw…"), objectName="draw")
        self.draw_button.clicked.connect(self.start_drawing)
        form.addRow(self.tr("Area"), self.area_combo)
        form.addRow("", self.boundary_combo)
        form.addRow("", self.draw_button)
        self.text_edit = QLineEdit(objectName="text")
        self.text_edit.setPlaceholderText(self.tr("words in the incident text or address"))
        form.addRow(self.tr("Search"), self.text_edit)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.count_button = QPushButton(self.tr("Count"), objectName="count")
        self.load_button = QPushButton(self.tr("Load layer"), objectName="load")
        self.refresh_button = QPushButton(self.tr("Refresh"), objectName="refresh")
        for button in (self.count_button, self.load_button, self.refresh_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.message = QLabel(objectName="message", wordWrap=True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setWidget(body)
        self.count_button.clicked.connect(self.count)
        self.load_button.clicked.connect(self.load)
        self.refresh_button.clicked.connect(self.refresh)
        session.signed_in.connect(self.update_for_session)
        session.signed_out.connect(self.update_for_session)
        self.update_for_session()

    # -- widgets -------------------------------------------------------------------------------
    def _fill_categories(self) -> None:
        items: dict[str, QTreeWidgetItem] = {}
        for category in taxonomy.CATEGORIES:
            parent = items.get(category.parent) if category.parent else None
            item = QTreeWidgetItem([category.label])
            item.setData(0, CODE_ROLE, category.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsAutoTristate)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            if parent is None:
                self.category_tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[category.code] = item
        self.category_items = items

    def _period_changed(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)

    def update_for_session(self) -> None:
        signed_in = self.session.is_signed_in
        account = self.session.account
        for widget in (self.count_button, self.load_button, self.refresh_button):
            widget.setEnabled(signed_in)
        self.text_edit.setEnabled(signed_in and account.restricted_ok)
        if not signed_in:
            self.status_label.setText(self.tr("Not signed in."))
            self.sign_in_button.setText(self.tr("Sign in…"))
            return
        self.status_label.setText(self.tr("{} ({}, {})").format(
            account.username, account.partner_name, account.role.removeprefix("scribe_")))
        self.sign_in_button.setText(self.tr("Switch user…"))
        self.partner_list.clear()
        for code, (_, name) in incident_layer.partners(self.session.connection()).items():
            item = QListWidgetItem(name)
            item.setData(CODE_ROLE, code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partner_list.addItem(item)

    def set_checked(self, partners=(), categories=()) -> None:
        """Tick partners and categories by code (used by tests and saved filters)."""
        for row in range(self.partner_list.count()):
            item = self.partner_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in partners
                               else Qt.CheckState.Unchecked)
        for code, item in self.category_items.items():
            if code in categories:
                item.setCheckState(0, Qt.CheckState.Checked)

    # -- the filter ----------------------------------------------------------------------------
    def checked_categories(self) -> tuple[str, ...]:
        """Fully ticked groups as their code (it includes the sub-categories)."""
        codes = []

        def walk(item: QTreeWidgetItem) -> None:
            state = item.checkState(0)
            if state == Qt.CheckState.Checked:
                codes.append(item.data(0, CODE_ROLE))
            elif state == Qt.CheckState.PartiallyChecked:
                for i in range(item.childCount()):
                    walk(item.child(i))

        for i in range(self.category_tree.topLevelItemCount()):
            walk(self.category_tree.topLevelItem(i))
        return tuple(codes)

    def current_filter(self) -> IncidentFilter:
        partners = tuple(self.partner_list.item(r).data(CODE_ROLE)
                         for r in range(self.partner_list.count())
                         if self.partner_list.item(r).checkState() == Qt.CheckState.Checked)
        wkt, label = self.area()
        return IncidentFilter(
            partners=partners, categories=self.checked_categories(),
            period=self.period_combo.currentData(),
            date_from=self.from_date.date().toPyDate(), date_to=self.to_date.date().toPyDate(),
            year_earlier=self.year_earlier_box.isChecked(), area_wkt=wkt, area_label=label,
            text=self.text_edit.text() if self.text_edit.isEnabled() else "")

    def area(self) -> tuple[str | None, str]:
        key = self.area_combo.currentData()
        if key == "extent":
            canvas = self.iface.mapCanvas()
            geometry = QgsGeometry.fromRect(canvas.extent())
            return self._in_bng(geometry, canvas.mapSettings().destinationCrs()), \
                self.tr("map extent")
        if key == "layer":
            layer = self.boundary_combo.currentLayer()
            if layer is None:
                raise FilterError(self.tr("choose a boundary layer"))
            features = layer.selectedFeatures() or list(layer.getFeatures())
            geometry = QgsGeometry.unaryUnion([f.geometry() for f in features])
            label = layer.name() if not layer.selectedFeatureCount() else self.tr(
                "{} ({} selected)").format(layer.name(), layer.selectedFeatureCount())
            return self._in_bng(geometry, layer.crs()), label
        if key == "drawn":
            if self.drawn is None:
                raise FilterError(self.tr("draw the area on the map first"))
            return self._in_bng(QgsGeometry(self.drawn), self.drawn_crs), self.tr("drawn area")
        return None, ""

    @staticmethod
    def _in_bng(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem) -> str:
        target = QgsCoordinateReferenceSystem(BNG)
        if crs != target:
            geometry.transform(QgsCoordinateTransform(crs, target, QgsProject.instance()))
        return geometry.asWkt(2)

    def start_drawing(self) -> None:
        canvas = self.iface.mapCanvas()
        self.polygon_tool = PolygonTool(canvas)
        self.polygon_tool.finished.connect(self._drawn)
        canvas.setMapTool(self.polygon_tool)
        self.message.setText(self.tr("Click the corners on the map; right-click to finish."))

    def _drawn(self, geometry: QgsGeometry) -> None:
        self.drawn = geometry
        self.drawn_crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        self.area_combo.setCurrentIndex(AREA_KEYS.index("drawn"))
        self.message.setText(self.tr("Area drawn."))

    # -- actions -------------------------------------------------------------------------------
    def _ready(self) -> IncidentFilter | None:
        if not self.session.is_signed_in:
            self.sign_in_requested.emit()
            return None
        if self.session.needs_purpose() and not self.ask_purpose():
            self.message.setText(self.tr("Incidents are shown only once you state the "
                                         "purpose of your access."))
            return None
        try:
            return self.current_filter()
        except FilterError as error:
            self.message.setText(self.tr("Check the filter: {}").format(error))
            return None

    def count(self) -> CountTask | None:
        incident_filter = self._ready()
        if incident_filter is None:
            return None
        try:
            where = incident_layer.where_clause(self.session, incident_filter)
        except FilterError as error:
            self.message.setText(self.tr("Check the filter: {}").format(error))
            return None
        self.message.setText(self.tr("Counting…"))
        self.count_task = CountTask(self.session.connection_parameters(),
                                    self.session.account.incident_table, where,
                                    self._counted)
        QgsApplication.taskManager().addTask(self.count_task)
        return self.count_task

    def _counted(self, result: int | None, error: str) -> None:
        if result is None:
            self.message.setText(self.tr("Counting failed: {}").format(error))
        else:
            self.message.setText(self.tr("{} incidents match.").format(f"{result:,}"))
        self.last_count = result

    def load(self) -> QgsVectorLayer | None:
        incident_filter = self._ready()
        if incident_filter is None:
            return None
        try:
            layer = incident_layer.make_layer(self.session, incident_filter)
        except (FilterError, RuntimeError) as error:
            self.message.setText(self.tr("Check the filter: {}").format(error))
            return None
        QgsProject.instance().addMapLayer(layer)
        vetting.log_event(self.session.connection(), "layer_load",
                          {"filter": incident_filter.to_json(), "layer": layer.name()})
        log.log(f"Loaded {layer.name()}")
        self.message.setText(self.tr("Loaded: {}").format(layer.name()))
        self.layer_loaded.emit(layer)
        return layer

    def refresh(self) -> list[QgsVectorLayer]:
        """Re-run the filter of the active SCRIBE layer (or of all of them)."""
        if self._ready() is None:
            return []
        active = self.iface.activeLayer() if self.iface else None
        layers = ([active] if active is not None and active.customProperty(LAYER_PROPERTY)
                  else self.session.scribe_layers())
        for layer in layers:
            incident_layer.refilter(layer, self.session)
        self.message.setText(self.tr("Refreshed {} layer(s).").format(len(layers)))
        return layers
