"""Mapping profiles: small declarative definitions of how a partner's layout maps to SCRIBE's
incident record (JSON, no code per file).

Built-in profiles ship in ``resources/import_profiles``; a data manager saves a partner's own
(made in the dialog from the generic profile) to a profile folder, so next month's file is
detected from its header and imports in one click. A profile says which columns identify the
layout (``detect``), where the record id, category, dates and location are, and which other
columns fill the record's text fields.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import taxonomy
from .coords import PointSpec
from .dates import DateSpec

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "resources" / "import_profiles"
TEXT_FIELDS = ("location_description", "lsoa_code", "ward_code", "outcome", "free_text",
               "exact_address")
PERIODS = ("month", "day")
_KEYS = {"name", "title", "description", "detect", "source_id", "category", "occurred",
         "occurred_to", "period", "reported", "points", "fields", "null_values", "sensitivity",
         "require_location", "partner", "encoding", "delimiter", "earliest"}


class ProfileError(ValueError):
    """A profile definition is not valid; the message names the profile and the key."""


@dataclass(frozen=True)
class Refinement:
    """When the category so far is ``when``, look ``column`` up in ``scheme`` for a finer
    category; an unknown or empty label keeps the coarser one."""
    when: str
    column: str
    scheme: str


@dataclass(frozen=True)
class CategorySpec:
    column: str | None = None
    scheme: str | None = None
    constant: str | None = None
    refine: tuple[Refinement, ...] = ()
    labels: dict = field(default_factory=dict)  # this partner's own label -> category code

    @classmethod
    def from_dict(cls, data: dict) -> CategorySpec:
        return cls(data.get("column"), data.get("scheme"), data.get("constant"),
                   tuple(Refinement(r["when"], r["column"], r["scheme"])
                         for r in data.get("refine", ())),
                   {taxonomy.label_key(k): v for k, v in data.get("labels", {}).items()})

    def to_dict(self) -> dict:
        out: dict = {}
        for key in ("column", "scheme", "constant"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.refine:
            out["refine"] = [r.__dict__ for r in self.refine]
        if self.labels:
            out["labels"] = dict(self.labels)
        return out

    @property
    def columns(self) -> list[str]:
        return ([self.column] if self.column else []) + [r.column for r in self.refine]


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    category: CategorySpec
    occurred: DateSpec
    detect: tuple[str, ...] = ()
    description: str = ""
    source_id: str | None = None            # the id column
    derive_id: tuple[str, ...] = ()         # columns hashed into an id when it is blank
    occurred_to: DateSpec | None = None
    period: str | None = None               # "month": occurred_to is the end of the month
    reported: DateSpec | None = None
    points: tuple[PointSpec, ...] = ()
    fields: dict = field(default_factory=dict)  # record text field -> column
    null_values: tuple[str, ...] = ("",)
    sensitivity: int = 1
    require_location: bool = False
    earliest: str = "1990-01-01"            # dates before this are rejected
    partner: str | None = None
    encoding: str | None = None
    delimiter: str | None = None

    # -- (de)serialisation ---------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        name = data.get("name", "?")
        unknown = set(data) - _KEYS
        if unknown:
            raise ProfileError(f"profile {name}: unknown keys {sorted(unknown)}")
        try:
            ident = data.get("source_id") or {}
            profile = cls(
                name=data["name"], title=data.get("title", data["name"]),
                description=data.get("description", ""),
                detect=tuple(data.get("detect", ())),
                source_id=ident.get("column"), derive_id=tuple(ident.get("derive", ())),
                category=CategorySpec.from_dict(data["category"]),
                occurred=DateSpec.from_dict(data["occurred"]),
                occurred_to=DateSpec.from_dict(data["occurred_to"])
                if data.get("occurred_to") else None,
                period=data.get("period"),
                reported=DateSpec.from_dict(data["reported"]) if data.get("reported") else None,
                points=tuple(PointSpec.from_dict(p) for p in data.get("points", ())),
                fields=dict(data.get("fields", {})),
                null_values=tuple(data.get("null_values", ("",))),
                sensitivity=int(data.get("sensitivity", 1)),
                require_location=bool(data.get("require_location", False)),
                earliest=data.get("earliest", "1990-01-01"),
                partner=data.get("partner"), encoding=data.get("encoding"),
                delimiter=data.get("delimiter"))
        except (KeyError, TypeError) as e:
            raise ProfileError(f"profile {name}: missing or malformed {e}") from None
        problems = profile.problems()
        if problems:
            raise ProfileError(f"profile {name}: " + "; ".join(problems))
        return profile

    def to_dict(self) -> dict:
        out: dict = {"name": self.name, "title": self.title}
        if self.description:
            out["description"] = self.description
        if self.partner:
            out["partner"] = self.partner
        out["detect"] = list(self.detect)
        if self.source_id or self.derive_id:
            out["source_id"] = {k: v for k, v in (("column", self.source_id),
                                                  ("derive", list(self.derive_id))) if v}
        out["category"] = self.category.to_dict()
        out["occurred"] = self.occurred.to_dict()
        for key in ("occurred_to", "reported"):
            if getattr(self, key):
                out[key] = getattr(self, key).to_dict()
        if self.period:
            out["period"] = self.period
        out["points"] = [p.to_dict() for p in self.points]
        out["fields"] = dict(self.fields)
        out["null_values"] = list(self.null_values)
        out["sensitivity"] = self.sensitivity
        out["require_location"] = self.require_location
        out["earliest"] = self.earliest
        for key in ("encoding", "delimiter"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def problems(self) -> list[str]:
        out = []
        if not re.fullmatch(r"[a-z0-9_]{1,60}", self.name):
            out.append("name: lower-case letters, digits and _ only")
        c = self.category
        if bool(c.constant) == bool(c.column):
            out.append("category: give either a column (with a scheme) or a constant")
        if c.column and c.scheme not in taxonomy.SCHEMES:
            out.append(f"category: unknown scheme {c.scheme!r}; known: "
                       f"{sorted(taxonomy.SCHEMES)}")
        codes = {x.code for x in taxonomy.CATEGORIES}
        for code in [c.constant] * bool(c.constant) + list(c.labels.values()) + \
                [r.when for r in c.refine]:
            if code not in codes:
                out.append(f"category: unknown SCRIBE category {code!r}")
        for r in c.refine:
            if r.scheme not in taxonomy.SCHEMES:
                out.append(f"category refine: unknown scheme {r.scheme!r}")
        if not (self.source_id or self.derive_id):
            out.append("source_id: give the id column, columns to derive an id from, or both")
        if self.period and self.period not in PERIODS:
            out.append(f"period: one of {PERIODS}")
        if self.period and self.occurred_to:
            out.append("give either period or occurred_to, not both")
        for key in self.fields:
            if key not in TEXT_FIELDS:
                out.append(f"fields: {key!r} is not a record field; known: {TEXT_FIELDS}")
        if not 0 <= self.sensitivity <= 3:
            out.append("sensitivity: 0 to 3")
        return out

    # -- columns -------------------------------------------------------------------------------
    def columns(self) -> list[str]:
        """Every column the profile reads."""
        cols = [self.source_id] if self.source_id else []
        cols += list(self.derive_id) + self.category.columns + self.occurred.columns
        for spec in (self.occurred_to, self.reported):
            cols += spec.columns if spec else []
        for p in self.points:
            cols += p.columns
        cols += list(self.fields.values())
        return list(dict.fromkeys(cols))

    def missing_columns(self, header: list[str]) -> list[str]:
        present = {h.casefold() for h in header}
        return [c for c in self.columns() if c.casefold() not in present]

    def matches(self, header: list[str]) -> bool:
        present = {h.strip().casefold() for h in header}
        return bool(self.detect) and all(d.casefold() in present for d in self.detect) \
            and not self.missing_columns(header)


def load_profile(path: Path) -> Profile:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ProfileError(f"{Path(path).name}: not a readable profile ({e})") from None
    return Profile.from_dict(data)


def builtin_profiles() -> list[Profile]:
    return [load_profile(p) for p in sorted(BUILTIN_DIR.glob("*.json"))]


def saved_profiles(folder: Path | None) -> list[Profile]:
    if folder is None or not Path(folder).is_dir():
        return []
    return [load_profile(p) for p in sorted(Path(folder).glob("*.json"))]


def save_profile(profile: Profile, folder: Path) -> Path:
    """Write a partner's profile as ``<name>.json`` (it is checked first)."""
    problems = profile.problems()
    if problems:
        raise ProfileError(f"profile {profile.name}: " + "; ".join(problems))
    if profile.name in {p.name for p in builtin_profiles()}:
        raise ProfileError(f"profile {profile.name}: that name belongs to a built-in profile")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{profile.name}.json"
    path.write_text(json.dumps(profile.to_dict(), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def all_profiles(saved_folder: Path | None = None) -> list[Profile]:
    """Saved (partner) profiles first: they are more specific than the built-in ones."""
    return saved_profiles(saved_folder) + builtin_profiles()


def detect_profile(header: list[str], profiles: list[Profile]) -> Profile | None:
    """The profile whose identifying columns are all in the header (the most specific one if
    several are), or None: the user maps the columns with the generic profile."""
    matching = [p for p in profiles if p.matches(header)]
    if not matching:
        return None
    return max(matching, key=lambda p: (len(p.detect), p.partner is not None))


def get_profile(name: str, saved_folder: Path | None = None) -> Profile:
    for profile in all_profiles(saved_folder):
        if profile.name == name:
            return profile
    raise ProfileError(f"no import profile named {name!r}")
