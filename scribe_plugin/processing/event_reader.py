"""Read incidents (point, date/time or time window, category) from any point layer.

Works on SCRIBE incident layers (occurred_from / occurred_to / category) and on any point
layer with a date, date-time or text date field. Times become int64 *wall-clock* milliseconds
in the partnership's time zone (see core.analysis.temporal): a time stored in UTC (or with an
offset) is converted to that zone; a time without a zone is taken as already local.
Text dates are read as ISO 8601 (2024-03-05, 2024-03-05T14:30, with or without an offset),
police.uk months (2024-03, the first of the month) or UK day-first dates (05/03/2024 14:30);
anything else counts as a missing date and is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from qgis.core import QgsFeatureRequest, QgsProcessingException
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone

DEFAULT_TIME_ZONE = "Europe/London"
SCRIBE_TIME_FIELD = "occurred_from"
SCRIBE_END_FIELD = "occurred_to"
SCRIBE_CATEGORY_FIELD = "category"
_UNIX_EPOCH_JULIAN_DAY = 2440588
_MS_PER_DAY = 86_400_000
_TEXT_FORMATS = ("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm:ss",
                 "dd/MM/yyyy HH:mm", "dd/MM/yyyy")


@dataclass
class Events:
    x: np.ndarray
    y: np.ndarray
    start_ms: np.ndarray  # wall-clock milliseconds
    end_ms: np.ndarray  # == start_ms when the incident has one time
    category: np.ndarray  # index into categories, -1 when none was read
    categories: list[str]
    no_geometry: int
    no_date: int
    end_before_start: int
    fids: np.ndarray | None = None  # each event's feature id in the source
    attributes: list | None = None  # each event's attribute values, when asked for

    @property
    def count(self) -> int:
        return int(self.start_ms.size)


def time_zone(name: str) -> QTimeZone:
    zone = QTimeZone(name.encode("ascii", "ignore"))
    if not zone.isValid():
        raise QgsProcessingException(f"Unknown time zone {name!r} (use an IANA name such as "
                                     f"{DEFAULT_TIME_ZONE})")
    return zone


def _date_ms(day: QDate) -> int:
    return (day.toJulianDay() - _UNIX_EPOCH_JULIAN_DAY) * _MS_PER_DAY


def _datetime_ms(value: QDateTime, zone: QTimeZone) -> int | None:
    if not value.isValid():
        return None
    if value.timeSpec() != Qt.TimeSpec.LocalTime:
        value = value.toTimeZone(zone)
    return _date_ms(value.date()) + value.time().msecsSinceStartOfDay()


def _text_ms(text: str, zone: QTimeZone) -> int | None:
    text = text.strip()
    if not text:
        return None
    if len(text) == 7 and text[4] == "-":  # police.uk month
        day = QDate.fromString(text + "-01", "yyyy-MM-dd")
        return _date_ms(day) if day.isValid() else None
    if len(text) == 10 and text[4] == "-":
        day = QDate.fromString(text, "yyyy-MM-dd")
        return _date_ms(day) if day.isValid() else None
    parsed = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
    if parsed.isValid():
        return _datetime_ms(parsed, zone)
    for pattern in _TEXT_FORMATS:
        parsed = QDateTime.fromString(text, pattern)
        if parsed.isValid():
            return _datetime_ms(parsed, zone)
    return None


def wall_clock_ms(value, zone: QTimeZone) -> int | None:
    """Wall-clock milliseconds of a field value, or None if it holds no usable date."""
    if isinstance(value, QDateTime):
        return _datetime_ms(value, zone)
    if isinstance(value, QDate):
        return _date_ms(value) if value.isValid() else None
    if isinstance(value, str):
        return _text_ms(value, zone)
    if isinstance(value, QTime) or value is None:
        return None
    import datetime as _dt

    if isinstance(value, _dt.datetime):
        return _datetime_ms(QDateTime(value), zone)
    if isinstance(value, _dt.date):
        return _date_ms(QDate(value.year, value.month, value.day))
    return None  # NULL (a QVariant) or a number: not a date


def wall_clock_text(ms: int, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Wall-clock milliseconds (as read here) as text, e.g. for tables and labels."""
    import datetime as _dt

    return (_dt.datetime(1970, 1, 1) + _dt.timedelta(milliseconds=int(ms))).strftime(fmt)


def utc_to_wall_clock(utc_ms: np.ndarray, zone: QTimeZone) -> np.ndarray:
    """UTC milliseconds to wall-clock milliseconds in ``zone``, looking the zone's offset up
    once per distinct hour (offsets only change on the hour in practice) instead of once
    per incident: a million conversions cost a few thousand lookups."""
    utc = np.asarray(utc_ms, dtype=np.int64)
    if utc.size == 0:
        return utc
    hours, inverse = np.unique(utc // 3_600_000, return_inverse=True)
    offsets = np.fromiter(
        (zone.offsetFromUtc(QDateTime.fromMSecsSinceEpoch(int(h) * 3_600_000,
                                                          Qt.TimeSpec.UTC)) for h in hours),
        dtype=np.int64, count=hours.size)
    return utc + offsets[inverse] * 1000


class _TimeReader:
    """Field value -> milliseconds, with zoned date-times kept in UTC for one vectorised
    conversion at the end (QDateTime.toTimeZone per value costs ~4 s per million)."""

    def __init__(self, zone: QTimeZone):
        self.zone = zone
        self._text_cache: dict[str, int | None] = {}  # police.uk months repeat endlessly

    def __call__(self, value) -> tuple[int | None, bool]:
        """(milliseconds, whether they are UTC and still need converting)."""
        if isinstance(value, QDateTime):
            if not value.isValid():
                return None, False
            if value.timeSpec() != Qt.TimeSpec.LocalTime:
                return value.toMSecsSinceEpoch(), True
            return _date_ms(value.date()) + value.time().msecsSinceStartOfDay(), False
        if isinstance(value, str):
            if value not in self._text_cache:
                if len(self._text_cache) > 100_000:
                    self._text_cache.clear()
                self._text_cache[value] = _text_ms(value, self.zone)
            return self._text_cache[value], False
        return wall_clock_ms(value, self.zone), False


def default_time_field(fields) -> str:
    """occurred_from on SCRIBE layers, else the first date or date-time field, else ''."""
    names = [f.name() for f in fields]
    if SCRIBE_TIME_FIELD in names:
        return SCRIBE_TIME_FIELD
    for field in fields:
        if field.typeName().lower() in ("date", "datetime", "timestamp", "timestamptz") or \
                "date" in field.typeName().lower():
            return field.name()
    return ""


def read_events(source, time_field: str, end_field: str = "", category_field: str = "",
                zone_name: str = DEFAULT_TIME_ZONE, feedback=None,
                need_geometry: bool = True, target_crs=None, context=None,
                keep_attributes: bool = False) -> Events:
    """Every feature with a usable date (and a point, when ``need_geometry``); with
    ``keep_attributes`` also every feature's attribute values (read in the same pass: some
    providers' feature ids do not survive a second request)."""
    fields = source.fields()
    names = [f.name() for f in fields]
    if not time_field:
        time_field = default_time_field(fields)
    if not time_field:
        raise QgsProcessingException(
            "The layer has no date field: choose the field that holds each incident's date "
            "(a date, date-time, or text such as 2024-03-05 or 2024-03).")
    for name in (time_field, end_field, category_field):
        if name and name not in names:
            raise QgsProcessingException(f"The layer has no field called {name!r}.")
    zone = time_zone(zone_name)
    wanted = [n for n in (time_field, end_field, category_field) if n]
    request = QgsFeatureRequest() if keep_attributes else \
        QgsFeatureRequest().setSubsetOfAttributes(wanted, fields)
    if not need_geometry:
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    elif target_crs is not None and context is not None:
        request.setDestinationCrs(target_crs, context.transformContext())
    time_index = names.index(time_field)
    end_index = names.index(end_field) if end_field else -1
    category_index = names.index(category_field) if category_field else -1
    total = max(source.featureCount(), 1)
    read_time = _TimeReader(zone)
    xs, ys, starts, ends, cats, zoned, fids = [], [], [], [], [], [], []
    kept_attributes: list = []
    category_codes: dict[str, int] = {}
    no_geometry = no_date = end_before_start = 0
    for n, feature in enumerate(source.getFeatures(request)):
        if feedback is not None and n % 50_000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException("Cancelled.")
            feedback.setProgress(40.0 * n / total)
        attributes = feature.attributes()
        start, in_utc = read_time(attributes[time_index])
        if start is None:
            no_date += 1
            continue
        if need_geometry:
            geometry = feature.geometry()
            if geometry.isNull() or geometry.isEmpty():
                no_geometry += 1
                continue
            point = geometry.asPoint() if not geometry.isMultipart() else \
                geometry.asMultiPoint()[0]
            xs.append(point.x())
            ys.append(point.y())
        end = start
        if end_index >= 0:
            value, end_in_utc = read_time(attributes[end_index])
            if value is not None:
                if end_in_utc != in_utc:  # mixed kinds: convert the UTC one now
                    if in_utc:
                        start, in_utc = wall_clock_ms(attributes[time_index], zone), False
                    else:
                        value = wall_clock_ms(attributes[end_index], zone)
                if value < start:
                    end_before_start += 1
                else:
                    end = value
        starts.append(start)
        ends.append(end)
        zoned.append(in_utc)
        fids.append(feature.id())
        if keep_attributes:
            kept_attributes.append(attributes)
        if category_index >= 0:
            label = attributes[category_index]
            label = "" if label is None or not isinstance(label, (str, int, float)) \
                else str(label)
            cats.append(category_codes.setdefault(label, len(category_codes)))
    if not starts:
        raise QgsProcessingException(
            f"No feature has a usable date in {time_field!r} ({no_date} NULL or unreadable, "
            f"{no_geometry} without a point): nothing to analyse.")
    if feedback is not None:
        if no_date:
            feedback.pushWarning(f"{no_date} features without a usable date were left out.")
        if no_geometry:
            feedback.pushWarning(f"{no_geometry} features without a point were left out.")
        if end_before_start:
            feedback.pushWarning(f"{end_before_start} features end before they start; their "
                                 "end time was ignored.")
    start_ms = np.asarray(starts, dtype=np.int64)
    end_ms = np.asarray(ends, dtype=np.int64)
    in_utc = np.asarray(zoned, dtype=bool)
    if in_utc.any():
        start_ms[in_utc] = utc_to_wall_clock(start_ms[in_utc], zone)
        end_ms[in_utc] = utc_to_wall_clock(end_ms[in_utc], zone)
    return Events(np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64),
                  start_ms, end_ms,
                  np.asarray(cats, dtype=np.int64) if category_index >= 0
                  else np.full(len(starts), -1, dtype=np.int64),
                  list(category_codes), no_geometry, no_date, end_before_start,
                  np.asarray(fids, dtype=np.int64),
                  kept_attributes if keep_attributes else None)
