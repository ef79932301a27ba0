"""Cells -> instants, by the profile's explicit formats: never a guess per cell.

A profile names each date column's format (``%d/%m/%Y``, ``%Y-%m`` for police.uk months,
``iso``, ``excel`` for serial day numbers), optionally a separate time column, and the time
zone of wall-clock values (Europe/London unless it says otherwise). Formats may be a list,
tried in the stated order, e.g. a date-time format and the same without the time.
Ambiguous day/month order is therefore decided by the profile for the whole column (pandas'
per-value inference can read 12/01 as December and 13/01 as January in the same column).
Cells that are already dates (Excel date cells, GeoPackage date fields) are used as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc


@dataclass(frozen=True)
class DateSpec:
    column: str
    formats: tuple[str, ...]
    time_column: str | None = None
    time_formats: tuple[str, ...] = ("%H:%M:%S", "%H:%M")
    timezone: str = "Europe/London"
    # a blank time cell: "error", "start_of_day" (00:00) or "end_of_day" (23:59:59)
    if_no_time: str = "error"

    @classmethod
    def from_dict(cls, data: dict) -> DateSpec:
        formats = data.get("format", "iso")
        time_formats = data.get("time_format", ("%H:%M:%S", "%H:%M"))
        return cls(data["column"], tuple([formats] if isinstance(formats, str) else formats),
                   data.get("time_column"),
                   tuple([time_formats] if isinstance(time_formats, str) else time_formats),
                   data.get("timezone", "Europe/London"), data.get("if_no_time", "error"))

    def to_dict(self) -> dict:
        out: dict = {"column": self.column, "format": list(self.formats)}
        if self.time_column:
            out["time_column"] = self.time_column
            out["time_format"] = list(self.time_formats)
        if self.timezone != "Europe/London":
            out["timezone"] = self.timezone
        if self.if_no_time != "error":
            out["if_no_time"] = self.if_no_time
        return out

    @property
    def columns(self) -> list[str]:
        return [self.column] + ([self.time_column] if self.time_column else [])


class DateParser:
    """Parses one DateSpec's cells, caching by value (real files repeat dates a lot)."""

    def __init__(self, spec: DateSpec, excel_epoch: dt.datetime | None = None):
        self.spec = spec
        self.zone = ZoneInfo(spec.timezone)
        self.epoch = excel_epoch or dt.datetime(1899, 12, 30)
        self._cache: dict = {}

    def parse(self, date_value, time_value=None) -> dt.datetime | str:
        """An aware datetime, or the reason the cell(s) are not a date."""
        key = (date_value, time_value)
        try:
            return self._cache[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable cell
            return self._parse(date_value, time_value)
        result = self._cache[key] = self._parse(date_value, time_value)
        return result

    def _parse(self, value, time_value) -> dt.datetime | str:
        when = self._date(value)
        if isinstance(when, str):
            return when
        if self.spec.time_column:
            if time_value is None or time_value == "":
                if self.spec.if_no_time == "error":
                    return f"no time in column {self.spec.time_column!r}"
                clock = dt.time(0) if self.spec.if_no_time == "start_of_day" \
                    else dt.time(23, 59, 59)
            else:
                clock = self._time(time_value)
            if isinstance(clock, str):
                return clock
            when = dt.datetime.combine(when.date(), clock, when.tzinfo)
        if when.tzinfo is None:
            when = when.replace(tzinfo=self.zone)
        return when.astimezone(UTC)

    def _date(self, value) -> dt.datetime | str:
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, bool):
            return f"{value!r} is not a date"
        if isinstance(value, (int, float)):
            if "excel" in self.spec.formats:
                return self._excel(float(value))
            return f"the number {value!r} is not a date in the format " \
                   f"{' or '.join(self.spec.formats)}"
        text = str(value).strip()
        for fmt in self.spec.formats:
            try:
                if fmt == "iso":
                    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
                if fmt == "excel":
                    return self._excel(float(text))
                return dt.datetime.strptime(text, fmt)
            except (ValueError, OverflowError):
                continue
        return f"{text!r} is not a date in the format {' or '.join(self.spec.formats)}"

    def _excel(self, serial: float) -> dt.datetime | str:
        if not 0 < serial < 2_958_466:  # Excel's last day is 9999-12-31
            return f"{serial!r} is not an Excel date serial number"
        if self.epoch.year == 1899 and serial < 61:
            serial += 1  # Excel's 1900 system counts a 29 February 1900 that never was
        return self.epoch + dt.timedelta(days=serial)

    def _time(self, value) -> dt.time | str:
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, dt.time):
            return value
        if isinstance(value, float) and 0 <= value < 1:  # Excel time of day
            return (dt.datetime.min + dt.timedelta(days=value)).time()
        text = str(value).strip()
        for fmt in self.spec.time_formats:
            try:
                return dt.datetime.strptime(text, fmt).time()
            except ValueError:
                continue
        return f"{text!r} is not a time in the format {' or '.join(self.spec.time_formats)}"


def period_end(start: dt.datetime, period: str, zone: ZoneInfo) -> dt.datetime:
    """The end of the calendar ``period`` ("month" or "day") that starts at ``start``, in
    wall-clock terms of ``zone``."""
    local = start.astimezone(zone)
    if period == "month":
        nxt = (local.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    elif period == "day":
        nxt = local + dt.timedelta(days=1)
    else:
        raise ValueError(f"unknown period {period!r}")
    naive = dt.datetime(nxt.year, nxt.month, nxt.day)
    return naive.replace(tzinfo=zone).astimezone(UTC)
