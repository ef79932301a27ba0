"""Which incidents a layer shows: partners, categories, dates, area and text, as one SQL
condition built safely.

Every value is checked first (partner codes against the store's partners, categories against
the taxonomy, dates as dates, the area as a polygon re-written from its coordinates) and then
rendered by psycopg's own quoting (``sql.Literal``); user text is never spliced into SQL. The
same ``sql.Composed`` feeds the dock's count (executed) and the layer's subset string
(rendered for the connection), so the number shown before loading is the number loaded.
Row-level security still decides what any of it returns.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import asdict, dataclass, replace
from zoneinfo import ZoneInfo

from psycopg import sql

from . import taxonomy

LONDON = ZoneInfo("Europe/London")
PERIODS = ("last_month", "last_12_months", "custom", "all")
MAX_TEXT = 100
MAX_AREA_VERTICES = 20000


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class IncidentFilter:
    partners: tuple[str, ...] = ()       # partner codes; empty: every partner one may see
    categories: tuple[str, ...] = ()     # taxonomy codes (each includes its sub-categories)
    period: str = "last_12_months"
    date_from: dt.date | None = None     # custom period, inclusive
    date_to: dt.date | None = None       # custom period, inclusive
    year_earlier: bool = False           # "same period last year"
    area_wkt: str | None = None          # polygon in EPSG:27700
    area_label: str = ""
    text: str = ""                       # search (people cleared for restricted columns)

    # -- dates ---------------------------------------------------------------------------------
    def date_range(self, today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
        """[start, end) in local dates, or None for all dates. Relative periods are whole
        calendar months before the current one (police.uk data comes by month)."""
        today = today or dt.date.today()
        this_month = today.replace(day=1)
        if self.period == "all":
            return None
        if self.period == "last_month":
            start, end = _add_months(this_month, -1), this_month
        elif self.period == "last_12_months":
            start, end = _add_months(this_month, -12), this_month
        elif self.period == "custom":
            if self.date_from is None or self.date_to is None:
                raise FilterError("a custom period needs a first and a last date")
            if self.date_to < self.date_from:
                raise FilterError("the last date is before the first date")
            start, end = self.date_from, self.date_to + dt.timedelta(days=1)
        else:
            raise FilterError(f"unknown period {self.period!r}")
        if self.year_earlier:
            start, end = _add_months(start, -12), _add_months(end, -12)
        return start, end

    # -- SQL -----------------------------------------------------------------------------------
    def where(self, partner_ids: dict[str, int], restricted_ok: bool,
              today: dt.date | None = None) -> sql.Composed:
        """The condition, from checked values only. ``partner_ids``: code -> id as the store
        lists them (the whitelist for partner codes)."""
        clauses: list[sql.Composable] = []
        if self.partners:
            unknown = [p for p in self.partners if p not in partner_ids]
            if unknown:
                raise FilterError(f"unknown partner {unknown[0]!r}")
            ids = sorted({int(partner_ids[p]) for p in self.partners})
            clauses.append(sql.SQL("partner_id IN ({})").format(
                sql.SQL(", ").join(sql.Literal(i) for i in ids)))
        if self.categories:
            codes = expand_categories(self.categories)
            clauses.append(sql.SQL("category_code IN ({})").format(
                sql.SQL(", ").join(sql.Literal(c) for c in codes)))
        dates = self.date_range(today)
        if dates is not None:
            start, end = (_local_midnight(d) for d in dates)
            clauses.append(sql.SQL("occurred_from >= {} AND occurred_from < {}").format(
                sql.Literal(start), sql.Literal(end)))
        if self.area_wkt:
            clauses.append(sql.SQL("ST_Intersects(geom, ST_GeomFromText({}, 27700))").format(
                sql.Literal(clean_polygon_wkt(self.area_wkt))))
        if self.text.strip():
            if not restricted_ok:
                raise FilterError("searching incident text needs clearance for restricted "
                                  "columns")
            pattern = sql.Literal(f"%{_like_escape(self._clean_text())}%")
            clauses.append(sql.SQL("(free_text ILIKE {p} OR exact_address ILIKE {p} "
                                   "OR location_description ILIKE {p})").format(p=pattern))
        if not clauses:
            return sql.Composed([sql.SQL("TRUE")])
        return sql.SQL(" AND ").join(clauses)

    def _clean_text(self) -> str:
        text = self.text.strip()
        if len(text) > MAX_TEXT:
            raise FilterError(f"search text is limited to {MAX_TEXT} characters")
        if any(ord(c) < 32 for c in text):
            raise FilterError("search text cannot contain control characters")
        return text

    # -- naming and saving ---------------------------------------------------------------------
    def label(self, today: dt.date | None = None) -> str:
        """What the layer shows, for its name in the Layers panel."""
        parts = [", ".join(self.partners) if self.partners else "all partners"]
        if self.categories:
            names = [taxonomy.category(c).label for c in self.categories[:3]]
            more = len(self.categories) - 3
            parts.append(", ".join(names) + (f" +{more}" if more > 0 else ""))
        else:
            parts.append("all categories")
        dates = self.date_range(today)
        if dates is not None:
            start, end = dates
            parts.append(f"{start:%d %b %Y} – {end - dt.timedelta(days=1):%d %b %Y}")
        if self.area_wkt:
            parts.append(self.area_label or "area")
        if self.text.strip():
            parts.append(f"“{self.text.strip()[:20]}”")
        return "SCRIBE incidents: " + " · ".join(parts)

    def to_json(self) -> str:
        data = asdict(self)
        for key in ("date_from", "date_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IncidentFilter:
        data = json.loads(text)
        for key in ("date_from", "date_to"):
            data[key] = dt.date.fromisoformat(data[key]) if data.get(key) else None
        data["partners"] = tuple(data.get("partners", ()))
        data["categories"] = tuple(data.get("categories", ()))
        return cls(**data)

    def with_area(self, wkt: str | None, label: str = "") -> IncidentFilter:
        return replace(self, area_wkt=wkt, area_label=label if wkt else "")


def expand_categories(codes) -> list[str]:
    """Checked codes and all their sub-categories, sorted."""
    known = {c.code for c in taxonomy.CATEGORIES}
    selected = set()
    for code in codes:
        if code not in known:
            raise FilterError(f"unknown category {code!r}")
        selected |= {k for k in known if k == code or k.startswith(code + ".")}
    return sorted(selected)


_POLYGON_TEXT = re.compile(r"\s*(MULTI)?POLYGON\s*(Z\s*)?[\s\d.,()+\-eE]*\s*", re.IGNORECASE)


def clean_polygon_wkt(wkt: str) -> str:
    """The polygon re-written from its coordinates: only numbers reach the SQL."""
    from shapely import wkt as shapely_wkt
    from shapely.errors import ShapelyError

    # GEOS before 3.12 reads a valid polygon and ignores whatever follows it: only
    # (multi)polygon text with numbers, commas and brackets is read at all
    if not isinstance(wkt, str) or not _POLYGON_TEXT.fullmatch(wkt):
        if isinstance(wkt, str) and wkt.strip().upper().startswith(("POLYGON", "MULTIPOLYGON")):
            raise FilterError("the area is not a valid polygon")
        raise FilterError("the area must be a polygon")
    try:
        geometry = shapely_wkt.loads(wkt)
    except (ShapelyError, ValueError, TypeError):
        raise FilterError("the area is not a valid polygon") from None
    if geometry.geom_type not in ("Polygon", "MultiPolygon") or geometry.is_empty:
        raise FilterError("the area must be a polygon")
    if len(geometry.exterior.coords if geometry.geom_type == "Polygon" else
           [c for g in geometry.geoms for c in g.exterior.coords]) > MAX_AREA_VERTICES:
        geometry = geometry.simplify(1.0)
    if not geometry.is_valid:
        geometry = geometry.buffer(0)
    return shapely_wkt.dumps(geometry, rounding_precision=2)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=LONDON)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
