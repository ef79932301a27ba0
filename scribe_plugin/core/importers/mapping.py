"""Apply a profile to a chunk of rows: valid rows become incident records, every other row a
quarantine entry naming the column and the reason (the first problem found in the row).

State that spans chunks (ids seen so far, derived-id counters, swapped-column decisions,
warnings) lives in ``MappingState``, so a file is judged as a whole while it streams.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from zoneinfo import ZoneInfo

import numpy as np

from .. import gil_slices, taxonomy
from ..exports import FORMULA_STARTS
from ..store_load import IncidentRecords, QuarantineEntry
from . import coords
from .arrow_text import ArrowChunk, cleaned_cells
from .dates import DateParser, period_end
from .profiles import TEXT_FIELDS, Profile
from .readers import Chunk, Source
from .seen_ids import SeenIds

MAX_ID_LENGTH = 200
# Cells a spreadsheet would run as a formula (CSV injection): refused, so that nobody who
# opens an export of the store in Excel runs them.
_FORMULA = re.compile(r"^[=@\t\r]|^[+\-].*[A-Za-z(|!=]", re.S)

_FORMULA_STARTS = frozenset(FORMULA_STARTS)  # the characters exports neutralise

Lookup = Callable[[str, str], "str | None"]


def taxonomy_lookup(scheme: str, key: str) -> str | None:
    return taxonomy.map_label(scheme, key)


@dataclass
class MappingState:
    profile: Profile
    source: Source
    lookup: Lookup = taxonomy_lookup          # (scheme, label_key) -> category code
    area: coords.AreaFilter | None = None
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    seen_ids: SeenIds = field(default_factory=SeenIds)
    derived: dict[str, int] = field(default_factory=dict)
    swapped: dict[int, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    no_location: int = 0
    unknown_labels: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.index = {h.casefold(): i for i, h in enumerate(self.source.header)}
        # each null marker -> None: tested for membership, and its get() replaces markers
        self.nulls = dict.fromkeys(self.profile.null_values)
        epoch = self.source.excel_epoch
        p = self.profile
        self.parsers = {key: DateParser(spec, epoch) for key, spec in (
            ("occurred", p.occurred), ("occurred_to", p.occurred_to), ("reported", p.reported))
            if spec is not None}
        self.zone = ZoneInfo(p.occurred.timezone)
        self.earliest = dt.datetime.fromisoformat(p.earliest).replace(tzinfo=self.zone)
        self.latest = self.now + dt.timedelta(days=1)
        self._period_end: dict = {}


def map_chunk(chunk: Chunk, state: MappingState) -> tuple[IncidentRecords, list[QuarantineEntry]]:
    n = len(chunk.row_numbers)
    header = state.source.header
    profile = state.profile
    reasons: list[tuple[str | None, str] | None] = [None] * n

    def reject(i: int, column: str | None, reason: str) -> None:
        if reasons[i] is None:
            reasons[i] = (column, reason)

    arrow = isinstance(chunk, ArrowChunk)
    transposed = None if arrow else list(zip(*chunk.rows)) if n else [()] * len(header)
    cleaned: dict[str, list] = {}
    all_text = state.source.kind == "text"

    def column(name: str) -> list:
        """The column's cells, trimmed, with the profile's null markers as None (cached)."""
        if name not in cleaned:
            nulls = state.nulls
            j = state.index[name.casefold()]
            if arrow:  # the same, done in Arrow
                cleaned[name] = cleaned_cells(chunk.table.column(j), nulls)
                return cleaned[name]
            cells = transposed[j]
            if all_text:  # every cell a str: the quick way (most columns hold no null)
                stripped = gil_slices.mapped(str.strip, cells)
                # a null marker becomes None, any other cell stays
                cleaned[name] = stripped if gil_slices.disjoint(nulls.keys(), stripped) else [
                    None if v in nulls else v for v in stripped]
            else:
                cleaned[name] = [_clean(v, nulls) for v in cells]
        return cleaned[name]

    # text fields first: a formula-looking cell rejects the row whatever else is wrong
    texts = {key: column(col) if all_text else [_text(v) for v in column(col)]
             for key, col in profile.fields.items()}
    for key, values in texts.items():
        col = profile.fields[key]
        if not _may_hold_formula(values):
            continue
        for i, v in enumerate(values):
            if v is not None and _FORMULA.match(v):
                reject(i, col, f"the cell starts like a spreadsheet formula ({v[:20]!r}): "
                       "refused so that exports cannot run it in Excel")

    categories = _categories(column, state, reject, n)
    occurred = _dates(column, state, "occurred", reject, n, required=True)
    occurred_to = _dates(column, state, "occurred_to", reject, n, required=False)
    if profile.period:  # one period end per distinct start (a month file has one)
        ends = {t: _end(state, t) for t in gil_slices.distinct(occurred) if t is not None}
        occurred_to = gil_slices.mapped(ends.get, occurred)
    for i, (start, end) in enumerate(zip(occurred, occurred_to) if not profile.period else ()):
        if start is not None and end is not None and end < start:
            reject(i, profile.occurred_to.column if profile.occurred_to else None,
                   f"the incident ends ({end:%Y-%m-%d %H:%M}) before it starts "
                   f"({start:%Y-%m-%d %H:%M})")
    reported = _dates(column, state, "reported", reject, n, required=False)
    points = _locate(chunk, column, state, reject, n)
    ids = _source_ids(column, state, reject, n, chunk.row_numbers)

    keep = list(range(n)) if reasons.count(None) == n else [
        i for i in range(n) if reasons[i] is None]
    kept = _first_of_each_id(keep, ids, chunk.row_numbers, state, reasons)

    x, y, ox, oy, ocrs, precision = points
    state.no_location += int(np.isnan(x[kept]).sum())

    def take(values) -> list:
        if isinstance(values, np.ndarray):
            return gil_slices.floats_or_none(values[kept])
        return values if len(kept) == n else [values[i] for i in kept]

    records = IncidentRecords(
        source_record_id=take(ids), category_code=take(categories),
        occurred_from=take(occurred), occurred_to=take(occurred_to), reported_at=take(reported),
        x=take(x), y=take(y), original_x=take(ox), original_y=take(oy),
        original_crs=take(ocrs), location_precision_m=take(precision),
        sensitivity=[profile.sensitivity] * len(kept),
        **{key: take(texts[key]) if key in texts else [] for key in TEXT_FIELDS})
    refused = [i for i in range(n) if reasons[i] is not None] if len(kept) < n else []
    quarantine = [QuarantineEntry(chunk.row_numbers[i], reasons[i][0], reasons[i][1],
                                  raw_row(header, row))
                  for i, row in zip(refused, chunk.rows_at(refused))]
    quarantine += [QuarantineEntry(number, col, why, raw)
                   for number, col, why, raw in chunk.rejected]
    return records, quarantine


def _first_of_each_id(keep: list[int], ids: list, numbers: list[int], state: MappingState,
                      reasons: list) -> list[int]:
    """Duplicates last, among rows otherwise valid: the first valid one is imported, later
    ones are rejected naming its row. A chunk of ids all new (the usual case) is checked
    set-wise."""
    seen = state.seen_ids
    every_row = len(keep) == len(ids)
    chunk_ids = ids if every_row else [ids[i] for i in keep]
    if seen.add_if_all_new(chunk_ids, numbers if every_row else [numbers[i] for i in keep]):
        return keep
    kept = []
    for i in keep:
        rid = ids[i]
        first = seen.first_row(rid)
        if first is not None:
            reasons[i] = (state.profile.source_id, f"duplicate record id {rid[:80]!r} (first "
                          f"at row {first}): only the first is imported")
        else:
            seen.add(rid, numbers[i])
            kept.append(i)
    return kept


def _clean(v, nulls):
    if v.__class__ is str:
        v = v.strip()
        return None if v in nulls else v
    return v


def _may_hold_formula(values: list) -> bool:
    """A quick screen (the first characters, gathered in C a slice at a time) before the
    per-cell check."""
    step = gil_slices.SLICE
    return any(not _FORMULA_STARTS.isdisjoint(map(itemgetter(0), filter(None, values[a:a + step])))
               for a in gil_slices.starts(len(values)))


def raw_row(header: list[str], row: list) -> dict:
    """The row as it was, JSON-ready, for the quarantine table."""
    return {h: _json(v) for h, v in zip(header, row)}


def _json(v):
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # numbers from Excel or GeoPackage, e.g. an incident number
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _categories(column, state: MappingState, reject, n: int) -> list[str | None]:
    spec = state.profile.category
    if spec.constant:
        return [spec.constant] * n
    cache: dict = {}

    def code_of(scheme: str, label) -> str | None:
        try:
            return cache[(scheme, label)]
        except KeyError:
            key = taxonomy.label_key(str(label))
            code = cache[(scheme, label)] = spec.labels.get(key) or state.lookup(scheme, key)
            return code

    labels = column(spec.column)
    # each distinct label is looked up once; only rows left without a code are visited
    codes = {label: code_of(spec.scheme, label) for label in gil_slices.distinct(labels)
             if label is not None}
    out: list[str | None] = gil_slices.mapped(codes.get, labels)
    for i in ([] if None not in out else [i for i, code in enumerate(out) if code is None]):
        label = labels[i]
        if label is None:
            reject(i, spec.column, f"no category: the {spec.column!r} cell is empty")
            continue
        text = _text(label)
        state.unknown_labels[text] = state.unknown_labels.get(text, 0) + 1
        reject(i, spec.column, f"unknown category label {text[:80]!r} (scheme "
               f"{spec.scheme}): map it to a SCRIBE category in the import dialog")
    for refinement in spec.refine:
        finer = column(refinement.column)
        for i, code in enumerate(out):
            if code == refinement.when and finer[i] is not None:
                out[i] = code_of(refinement.scheme, finer[i]) or code
    return out


def _dates(column, state: MappingState, key: str, reject, n: int, required: bool) -> list:
    """Each row's instant (None when blank or rejected), judged once per distinct cell value:
    real files repeat their dates a great deal."""
    parser = state.parsers.get(key)
    if parser is None:
        return [None] * n
    spec = parser.spec
    days = column(spec.column)
    cells = list(zip(days, column(spec.time_column))) if spec.time_column else days
    judged = {}
    for cell in gil_slices.distinct(cells):
        judged[cell] = _judge_date(state, parser, *(cell if spec.time_column else (cell, None)),
                                   required)
    out = gil_slices.mapped(judged.__getitem__, cells)
    if any(when.__class__ is str for when in judged.values()):  # some cell was refused
        for i, when in enumerate(out):
            if when.__class__ is str:
                reject(i, spec.column, when)
                out[i] = None
    return out


def _judge_date(state: MappingState, parser: DateParser, day, time_of_day, required: bool):
    """The instant, None (blank and optional), or the reason (a str) the cell is refused."""
    spec = parser.spec
    if day is None:
        return f"no date: the {spec.column!r} cell is empty" if required else None
    when = parser.parse(day, time_of_day)
    if isinstance(when, str):
        return when
    if when < state.earliest:
        return (f"{when:%Y-%m-%d} is before {state.profile.earliest}, the earliest date this "
                "profile accepts")
    if when > state.latest:
        return f"{when:%Y-%m-%d %H:%M} is in the future"
    return when


def _end(state: MappingState, start: dt.datetime) -> dt.datetime:
    end = state._period_end.get(start)
    if end is None:
        end = state._period_end[start] = period_end(start, state.profile.period, state.zone)
    return end


def _numbers(values: list) -> tuple[np.ndarray, list[str | None]]:
    """Floats (NaN for blanks) and, per cell, why it is not a number (None when it is).
    Each distinct cell is converted once: coordinates repeat (police.uk snap points)."""
    distinct = list(gil_slices.distinct(values) - {None})
    try:
        parsed = np.array(distinct, dtype=float)
        # "nan" or "inf" text parses too: such cells take the careful path below
        if np.isfinite(parsed).all():
            number_of = dict(zip(distinct, parsed.tolist()))
            number_of[None] = np.nan
            return (gil_slices.floats_mapped(number_of.__getitem__, values),
                    [None] * len(values))
    except (ValueError, TypeError):
        pass
    out = np.full(len(values), np.nan)
    why: list[str | None] = [None] * len(values)
    for i, v in enumerate(values):
        if v is None:
            continue
        number = coords.to_number(v)
        if isinstance(number, str):
            why[i] = number
        else:
            out[i] = number
    return out, why


def _locate(chunk: Chunk, column, state: MappingState, reject, n: int):
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    ox = np.full(n, np.nan)
    oy = np.full(n, np.nan)
    ocrs = np.full(n, None, dtype=object)
    precision = np.full(n, None, dtype=object)
    todo = np.ones(n, dtype=bool)
    for j, spec in enumerate(state.profile.points):
        crs = state.source.crs if spec.geometry else spec.crs
        if spec.geometry:
            if chunk.x is None:
                continue
            sx, sy = np.asarray(chunk.x, float), np.asarray(chunk.y, float)
        elif spec.latlon_text:
            sx, sy = np.full(n, np.nan), np.full(n, np.nan)
            for i, v in enumerate(column(spec.latlon_text)):
                if v is None or not todo[i]:
                    continue
                pair = coords.parse_latlon_text(v)
                if isinstance(pair, str):
                    reject(i, spec.latlon_text, pair)
                else:
                    sx[i], sy[i] = pair
        else:
            sx, why_x = _numbers(column(spec.x))
            sy, why_y = _numbers(column(spec.y))
            refused = range(n) if any(why_x) or any(why_y) else ()
            for i in refused:
                if todo[i] and (why_x[i] or why_y[i]):
                    reject(i, spec.x if why_x[i] else spec.y,
                           f"{why_x[i] or why_y[i]} (column "
                           f"{spec.x if why_x[i] else spec.y!r} holds coordinates)")
                    todo[i] = False
        here = todo & np.isfinite(sx) & np.isfinite(sy)
        if not here.any():
            continue
        if j not in state.swapped:
            swapped = coords.looks_swapped(sx[here], sy[here], spec.is_degrees)
            if not swapped and state.area is not None and not spec.is_degrees \
                    and crs and crs.upper() == coords.BNG:
                swapped = coords.swapped_in_area(sx[here], sy[here], state.area)
            state.swapped[j] = swapped
            if swapped:
                state.warnings.append(
                    f"columns {spec.x!r} and {spec.y!r} hold each other's values in most rows: "
                    "they were read the other way round")
        if state.swapped[j]:
            sx, sy = sy, sx
        suspect = here & coords.maybe_wrong_kind(sx, sy, spec)
        for i in np.flatnonzero(suspect):
            why = coords.wrong_kind_reason(float(sx[i]), float(sy[i]), spec)
            if why:
                reject(i, spec.y or spec.latlon_text or "geometry", why)
                here[i] = False
        idx = np.flatnonzero(here)
        if crs is None:
            for i in idx:
                reject(i, "geometry", "the file has no coordinate reference system: set one "
                       "in QGIS (Layer Properties > Source) and save it again")
            todo[idx] = False
            continue
        if crs.upper() == coords.BNG:
            bx, by = sx[idx], sy[idx]
        else:
            bx, by = coords.transform_unique(crs, sx[idx], sy[idx])
        x[idx], y[idx], ox[idx], oy[idx] = bx, by, sx[idx], sy[idx]
        ocrs[idx], precision[idx] = crs, spec.precision_m
        todo[idx] = False
    _check_area(x, y, state, reject)
    if state.profile.require_location:
        cols = ", ".join(repr(c) for p in state.profile.points for c in p.columns) or "geometry"
        for i in np.flatnonzero(~np.isfinite(x)):
            reject(int(i), None, f"no location: {cols} empty, and this profile needs one")
    return x, y, ox, oy, ocrs.tolist(), precision.tolist()


def _check_area(x: np.ndarray, y: np.ndarray, state: MappingState, reject) -> None:
    located = np.isfinite(x) & np.isfinite(y)
    grid = located & (x >= coords.GRID_X[0]) & (x <= coords.GRID_X[1]) \
        & (y >= coords.GRID_Y[0]) & (y <= coords.GRID_Y[1])
    for i in np.flatnonzero(located & ~grid):
        reject(int(i), None, f"the point ({x[i]:.0f}, {y[i]:.0f}) in British National Grid is "
               "outside Great Britain")
    if state.area is not None:
        inside = np.zeros(len(x), dtype=bool)
        inside[grid] = state.area.contains(x[grid], y[grid])
        for i in np.flatnonzero(grid & ~inside):
            reject(int(i), None, f"the point ({x[i]:.0f}, {y[i]:.0f}) is outside "
                   f"{state.area.name}")


def _source_ids(column, state: MappingState, reject, n: int, numbers: list[int]) -> list:
    profile = state.profile
    if profile.source_id:
        given = column(profile.source_id)
        if state.source.kind != "text":
            given = [_text(v) for v in given]
    else:
        given = [None] * n
    derive_cols = [column(c) for c in profile.derive_id]
    out: list[str | None] = list(given)
    # the common case, a present id of a sane length, is kept as it is; only the rest (and
    # every row, if any id may be a formula) is looked at one by one
    todo = range(n) if _may_hold_formula(given) else _blank_or_long(given)
    derived = _derived_ids(derive_cols, [i for i in todo if given[i] is None], state) \
        if derive_cols else {}
    for i in todo:
        rid = given[i]
        if rid is None:
            rid = derived.get(i)
        if rid is None:
            reject(i, profile.source_id, f"no record id: the {profile.source_id!r} cell is "
                   "empty")
        elif len(rid) > MAX_ID_LENGTH:
            reject(i, profile.source_id, f"the record id is {len(rid)} characters long (at "
                   f"most {MAX_ID_LENGTH})")
        elif _FORMULA.match(rid):
            reject(i, profile.source_id, f"the record id starts like a spreadsheet formula "
                   f"({rid[:20]!r})")
        out[i] = rid
    return out


def _blank_or_long(given: list) -> list[int]:
    """The rows whose id is missing or too long (none, usually: checked in C first)."""
    if None not in given and max(map(len, given), default=0) <= MAX_ID_LENGTH:
        return []
    return [i for i, rid in enumerate(given) if rid is None or len(rid) > MAX_ID_LENGTH]


def _derived_ids(columns: list[list], rows: list[int], state: MappingState) -> dict[int, str]:
    """Ids for rows that have none (police.uk ASB): a digest of the profile's derive columns,
    numbered per digest in file order, so identical rows stay distinct records."""
    if state.source.kind == "text":  # cells are str or None
        parts = [[c[i] or "" for i in rows] for c in columns]
    else:
        parts = [["" if c[i] is None else str(_json(c[i])) for i in rows] for c in columns]
    counts = state.derived
    sha256 = hashlib.sha256
    out: dict[int, str] = {}
    for i, key in zip(rows, map("\x1f".join, zip(*parts))):
        digest = sha256(key.encode("utf-8")).hexdigest()[:24]
        k = counts[digest] = counts.get(digest, 0) + 1
        out[i] = f"row:{digest}:{k}"
    return out
