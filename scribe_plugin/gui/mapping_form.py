"""The column mapping of an import: a profile picked (detected from the header) or the
generic profile filled in column by column. Editing a built-in profile's mapping makes a
custom one, which the data manager can save for their partner."""

from __future__ import annotations

from dataclasses import replace

from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ..core import taxonomy
from ..core.importers.coords import PointSpec
from ..core.importers.dates import DateSpec
from ..core.importers.profiles import TEXT_FIELDS, CategorySpec, Profile

NONE = ""
GENERIC = "__generic__"
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d",
                "%Y-%m-%d %H:%M:%S", "iso", "%Y-%m", "%m/%d/%Y", "%d %b %Y", "excel")
CRS_CHOICES = (("EPSG:27700", "British National Grid easting/northing (EPSG:27700)"),
               ("EPSG:4326", "WGS84 longitude/latitude (EPSG:4326)"),
               ("geometry", "the file's own geometry"))



class MappingForm(QWidget):
    changed = pyqtSignal()

    def __init__(self, profiles: list[Profile], parent=None):
        super().__init__(parent)
        self.profiles = profiles
        self.header: list[str] = []
        self.edited = False
        self._filling = False
        self.extra_labels: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.profile_combo = QComboBox(objectName="profileCombo")
        for p in profiles:
            self.profile_combo.addItem(p.title, p.name)
        self.profile_combo.addItem(self.tr("Generic: map the columns yourself"), GENERIC)
        self.profile_combo.currentIndexChanged.connect(self._profile_picked)
        self.note = QLabel(wordWrap=True, objectName="profileNote")
        layout.addWidget(QLabel(self.tr("Profile")))
        layout.addWidget(self.profile_combo)
        layout.addWidget(self.note)

        self.combos: dict[str, QComboBox] = {}
        form_box = QGroupBox(self.tr("Columns"))
        form = QFormLayout(form_box)
        rows = (("source_id", self.tr("Record id")), ("category", self.tr("Category label")),
                ("occurred", self.tr("Date (from)")), ("time", self.tr("Time (from)")),
                ("occurred_to", self.tr("Date to")), ("time_to", self.tr("Time to")),
                ("x", self.tr("Longitude / easting")), ("y", self.tr("Latitude / northing")))
        for key, label in rows:
            form.addRow(label, self._column_combo(key))
        self.scheme = self._choice_combo("scheme", [(s, s) for s in taxonomy.SCHEMES])
        form.addRow(self.tr("Label scheme"), self.scheme)
        self.constant = self._choice_combo(
            "constant", [(NONE, self.tr("(from the label column)"))] +
            [(c.code, f"{c.label} ({c.code})") for c in taxonomy.CATEGORIES])
        form.addRow(self.tr("Or one category for every row"), self.constant)
        self.date_format = QComboBox(editable=True, objectName="dateFormat")
        self.date_format.addItems(DATE_FORMATS)
        self.date_format.currentTextChanged.connect(self._edited)
        form.addRow(self.tr("Date format"), self.date_format)
        self.period = self._choice_combo("period", [(NONE, self.tr("an instant")),
                                                    ("month", self.tr("a calendar month")),
                                                    ("day", self.tr("a day"))])
        form.addRow(self.tr("Each date is"), self.period)
        self.crs = self._choice_combo("crs", list(CRS_CHOICES))
        form.addRow(self.tr("Coordinates are"), self.crs)
        labels = {"location_description": self.tr("Location description"),
                  "lsoa_code": self.tr("LSOA code"), "ward_code": self.tr("Ward code"),
                  "outcome": self.tr("Outcome"),
                  "free_text": self.tr("Free text (restricted)"),
                  "exact_address": self.tr("Exact address (restricted)")}
        for key in TEXT_FIELDS:
            form.addRow(labels[key], self._column_combo(key))
        layout.addWidget(form_box)

    # -- widgets -------------------------------------------------------------------------------
    def _column_combo(self, key: str) -> QComboBox:
        combo = QComboBox(objectName=f"column_{key}")
        combo.currentIndexChanged.connect(self._edited)
        self.combos[key] = combo
        return combo

    def _choice_combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(objectName=name)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _edited(self, *_):
        if not self._filling:
            self.edited = True
            self.note.setText(self.tr("Mapping edited: this import uses your mapping. Save it as a "
                                 "profile for your partner to import next month's file in "
                                 "one click."))
            self.changed.emit()

    @staticmethod
    def _select(combo: QComboBox, value) -> None:
        index = combo.findData(value if value is not None else NONE)
        combo.setCurrentIndex(max(index, 0))

    # -- state ---------------------------------------------------------------------------------
    def set_header(self, header: list[str], detected: Profile | None) -> None:
        self.header = header
        self._filling = True
        for key, combo in self.combos.items():
            combo.clear()
            blank = self.tr("(derive from the row)") if key == "source_id" \
                else self.tr("(none)")
            combo.addItem(blank, NONE)
            for name in header:
                combo.addItem(name, name)
        self._filling = False
        index = self.profile_combo.findData(detected.name if detected else GENERIC)
        self.profile_combo.setCurrentIndex(index)
        self._profile_picked()

    def _profile_picked(self, *_):
        name = self.profile_combo.currentData()
        self.edited = name == GENERIC
        profile = next((p for p in self.profiles if p.name == name), None)
        self._filling = True
        if profile is not None:
            self._fill(profile)
            self.note.setText(profile.description or profile.title)
        else:
            self.note.setText(self.tr("Pick the column for each part of the record."))
        self._filling = False
        self.changed.emit()

    def _fill(self, p: Profile) -> None:
        self._select(self.combos["source_id"], p.source_id)
        self._select(self.combos["category"], p.category.column)
        self._select(self.scheme, p.category.scheme)
        self._select(self.constant, p.category.constant)
        self._select(self.combos["occurred"], p.occurred.column)
        self._select(self.combos["time"], p.occurred.time_column)
        self.date_format.setCurrentText(p.occurred.formats[0])
        self._select(self.combos["occurred_to"], p.occurred_to.column if p.occurred_to else None)
        self._select(self.combos["time_to"],
                     p.occurred_to.time_column if p.occurred_to else None)
        self._select(self.period, p.period)
        point = p.points[0] if p.points else PointSpec()
        self._select(self.combos["x"], point.x)
        self._select(self.combos["y"], point.y)
        self._select(self.crs, "geometry" if point.geometry else point.crs)
        for key in TEXT_FIELDS:
            self._select(self.combos[key], p.fields.get(key))

    def selected_profile(self) -> Profile | None:
        return next((p for p in self.profiles if p.name == self.profile_combo.currentData()),
                    None)

    def profile(self, name: str = "custom_mapping", title: str = "") -> Profile:
        """The profile this import uses: the picked one as it is, or the form's mapping."""
        picked = self.selected_profile()
        if picked is not None and not self.edited:
            profile = picked
        else:
            profile = self._from_form(name, title or self.tr("Custom mapping"), picked)
        if self.extra_labels:
            labels = {**profile.category.labels,
                      **{taxonomy.label_key(k): v for k, v in self.extra_labels.items()}}
            profile = replace(profile, category=replace(profile.category, labels=labels))
        return profile

    def _from_form(self, name: str, title: str, base: Profile | None) -> Profile:
        value = {key: combo.currentData() or None for key, combo in self.combos.items()}
        constant = self.constant.currentData() or None
        fmt = self.date_format.currentText().strip() or "iso"
        timezone = base.occurred.timezone if base else "Europe/London"

        def date(column, time_column, if_no_time):
            if not column:
                return None
            return DateSpec(column, (fmt,), time_column, timezone=timezone,
                            if_no_time=if_no_time if time_column else "error")

        crs = self.crs.currentData()
        points = ()
        if crs == "geometry":
            points = (PointSpec(geometry=True),)
        elif value["x"] and value["y"]:
            points = (PointSpec(value["x"], value["y"], crs),)
        derive = tuple(self.header) if not value["source_id"] else ()
        data = Profile(
            name=name, title=title, detect=tuple(self.header),
            category=CategorySpec(None if constant else value["category"],
                                  None if constant else self.scheme.currentData(), constant),
            occurred=date(value["occurred"], value["time"], "start_of_day")
            or DateSpec("", ("iso",)),
            occurred_to=date(value["occurred_to"], value["time_to"], "end_of_day"),
            period=self.period.currentData() or None, points=points,
            source_id=value["source_id"], derive_id=derive,
            fields={k: value[k] for k in TEXT_FIELDS if value[k]},
            null_values=base.null_values if base else ("", "NULL", "N/A"),
            sensitivity=base.sensitivity if base else 1)
        return data
