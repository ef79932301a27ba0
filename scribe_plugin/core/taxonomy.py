"""SCRIBE's incident taxonomy and the crosswalks from partners' labels to it.

The single source of truth: ``server_schema/002_taxonomy.sql`` is generated from this module by
``scripts/gen_taxonomy_sql.py`` and a test proves the database holds exactly what is here.

Categories are hierarchical codes (``domain.group.subtype``) in three domains:

* ``crime``: police.uk's street-level crime types (the 13 that are crimes);
* ``asb``: anti-social behaviour, with the Home Office's three types (personal, nuisance,
  environmental); police.uk's "Anti-social behaviour" maps to ``asb`` itself (type unknown);
* ``fire``: the fire and rescue Incident Recording System groups (primary, secondary and
  chimney fires, false alarms, special services) with sub-types.

A crosswalk maps a label in one partner scheme (e.g. the "Crime type" column of police.uk files,
London Fire Brigade's "StopCodeDescription") to a category. Labels match case-insensitively
after trimming and collapsing spaces (``label_key``), so "Car " and "car" are the same label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOMAINS = ("crime", "asb", "fire")


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    description: str = ""

    @property
    def domain(self) -> str:
        return self.code.split(".")[0]

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


@dataclass(frozen=True)
class Crosswalk:
    scheme: str
    label: str
    category: str

    @property
    def key(self) -> str:
        return label_key(self.label)


def label_key(label: str) -> str:
    """How labels are compared: trimmed, inner spaces collapsed, case-folded."""
    return re.sub(r"\s+", " ", label).strip().casefold()


CATEGORIES: tuple[Category, ...] = (
    Category("crime", "Crime"),
    Category("crime.violence_sexual", "Violence and sexual offences"),
    Category("crime.burglary", "Burglary"),
    Category("crime.robbery", "Robbery"),
    Category("crime.vehicle", "Vehicle crime"),
    Category("crime.theft_from_person", "Theft from the person"),
    Category("crime.bicycle_theft", "Bicycle theft"),
    Category("crime.shoplifting", "Shoplifting"),
    Category("crime.other_theft", "Other theft"),
    Category("crime.criminal_damage_arson", "Criminal damage and arson"),
    Category("crime.drugs", "Drugs"),
    Category("crime.weapons", "Possession of weapons"),
    Category("crime.public_order", "Public order"),
    Category("crime.other", "Other crime"),
    Category("asb", "Anti-social behaviour",
             "type not recorded (police.uk publishes ASB without its type)"),
    Category("asb.personal", "Personal ASB",
             "targeted at an individual or group rather than the community at large"),
    Category("asb.nuisance", "Nuisance ASB",
             "causes trouble, annoyance or suffering to a community"),
    Category("asb.environmental", "Environmental ASB",
             "affects the wider environment: public spaces, buildings, litter, fly-tipping"),
    Category("fire", "Fire and rescue incident"),
    Category("fire.primary", "Primary fire",
             "fires in buildings, vehicles and outdoor structures, or with casualties, "
             "rescues or five or more appliances"),
    Category("fire.primary.dwelling", "Primary fire: dwelling"),
    Category("fire.primary.other_building", "Primary fire: other building"),
    Category("fire.primary.road_vehicle", "Primary fire: road vehicle"),
    Category("fire.primary.outdoor", "Primary fire: outdoor"),
    Category("fire.secondary", "Secondary fire",
             "outdoor fires not in structures or vehicles, without casualties or rescues"),
    Category("fire.secondary.grassland", "Secondary fire: grassland, woodland and crops"),
    Category("fire.secondary.refuse", "Secondary fire: refuse and rubbish"),
    Category("fire.secondary.derelict", "Secondary fire: derelict building or vehicle"),
    Category("fire.secondary.other", "Secondary fire: other outdoor"),
    Category("fire.chimney", "Chimney fire"),
    Category("fire.false_alarm", "False alarm"),
    Category("fire.false_alarm.apparatus", "False alarm: due to apparatus (AFA)"),
    Category("fire.false_alarm.good_intent", "False alarm: good intent"),
    Category("fire.false_alarm.malicious", "False alarm: malicious"),
    Category("fire.special_service", "Special service"),
    Category("fire.special_service.rtc", "Special service: road traffic collision"),
    Category("fire.special_service.flooding", "Special service: flooding"),
    Category("fire.special_service.animal", "Special service: animal assistance"),
    Category("fire.special_service.lift_release", "Special service: lift release"),
    Category("fire.special_service.effecting_entry", "Special service: effecting entry/exit"),
    Category("fire.special_service.medical", "Special service: medical incident"),
    Category("fire.special_service.assist_agencies", "Special service: assist other agencies"),
    Category("fire.special_service.hazmat", "Special service: hazardous materials"),
    Category("fire.special_service.other", "Special service: other"),
)

_POLICE_UK = {
    "Anti-social behaviour": "asb",
    "Bicycle theft": "crime.bicycle_theft",
    "Burglary": "crime.burglary",
    "Criminal damage and arson": "crime.criminal_damage_arson",
    "Drugs": "crime.drugs",
    "Other crime": "crime.other",
    "Other theft": "crime.other_theft",
    "Possession of weapons": "crime.weapons",
    "Public order": "crime.public_order",
    "Robbery": "crime.robbery",
    "Shoplifting": "crime.shoplifting",
    "Theft from the person": "crime.theft_from_person",
    "Vehicle crime": "crime.vehicle",
    "Violence and sexual offences": "crime.violence_sexual",
}
# London Fire Brigade exports: StopCodeDescription, then SpecialServiceType to refine.
_FIRE_STOP_CODE = {
    "Primary Fire": "fire.primary",
    "Secondary Fire": "fire.secondary",
    "Chimney Fire": "fire.chimney",
    "Late Call": "fire.primary",
    "AFA": "fire.false_alarm.apparatus",
    "False alarm - Good intent": "fire.false_alarm.good_intent",
    "False alarm - Malicious": "fire.false_alarm.malicious",
    "Special Service": "fire.special_service",
}
_FIRE_SPECIAL_SERVICE = {
    "RTC": "fire.special_service.rtc",
    "Flooding": "fire.special_service.flooding",
    "Animal assistance incidents": "fire.special_service.animal",
    "Lift Release": "fire.special_service.lift_release",
    "Effecting entry/exit": "fire.special_service.effecting_entry",
    "Medical Incident": "fire.special_service.medical",
    "Medical Incident - Co-responder": "fire.special_service.medical",
    "Assist other agencies": "fire.special_service.assist_agencies",
    "Hazardous Materials incident": "fire.special_service.hazmat",
    "Spills and Leaks (not RTC)": "fire.special_service.hazmat",
    "No action (not false alarm)": "fire.special_service.other",
    "Other rescue/release of persons": "fire.special_service.other",
    "Other Transport incident": "fire.special_service.other",
    "Removal of objects from people": "fire.special_service.other",
    "Making Safe (not RTC)": "fire.special_service.other",
    "Suicide/attempts": "fire.special_service.other",
    "Water provision": "fire.special_service.other",
    "Rescue or evacuation from water": "fire.special_service.other",
    "Stand By": "fire.special_service.other",
    "Evacuation (no fire)": "fire.special_service.other",
    "Water rescue": "fire.special_service.other",
}
# Primary fires refined by LFB's PropertyCategory.
_FIRE_PRIMARY_PROPERTY = {
    "Dwelling": "fire.primary.dwelling",
    "Non Residential": "fire.primary.other_building",
    "Other Residential": "fire.primary.other_building",
    "Road Vehicle": "fire.primary.road_vehicle",
    "Outdoor": "fire.primary.outdoor",
    "Outdoor Structure": "fire.primary.outdoor",
    "Boat": "fire.primary.outdoor",
    "Aircraft": "fire.primary.outdoor",
    "Rail Vehicle": "fire.primary.road_vehicle",
}
# Council ASB logs: the three Home Office types and the labels councils commonly record.
_ASB_TYPE = {
    "Personal": "asb.personal",
    "Nuisance": "asb.nuisance",
    "Environmental": "asb.environmental",
    "Harassment": "asb.personal",
    "Intimidation": "asb.personal",
    "Hate incident": "asb.personal",
    "Threatening behaviour": "asb.personal",
    "Noise": "asb.nuisance",
    "Rowdy behaviour": "asb.nuisance",
    "Nuisance neighbours": "asb.nuisance",
    "Street drinking": "asb.nuisance",
    "Begging": "asb.nuisance",
    "Drug related": "asb.nuisance",
    "Vehicle nuisance": "asb.nuisance",
    "Fly-tipping": "asb.environmental",
    "Fly tipping": "asb.environmental",
    "Graffiti": "asb.environmental",
    "Litter": "asb.environmental",
    "Abandoned vehicle": "asb.environmental",
    "Dog fouling": "asb.environmental",
    "Vandalism": "asb.environmental",
}
SCHEMES = {
    "police_uk_crime_type": _POLICE_UK,
    "fire_stop_code": _FIRE_STOP_CODE,
    "fire_special_service_type": _FIRE_SPECIAL_SERVICE,
    "fire_primary_property_category": _FIRE_PRIMARY_PROPERTY,
    "asb_type": _ASB_TYPE,
}
CROSSWALKS: tuple[Crosswalk, ...] = tuple(
    Crosswalk(scheme, label, code) for scheme, table in SCHEMES.items()
    for label, code in table.items())

_BY_CODE = {c.code: c for c in CATEGORIES}
_LOOKUP = {(x.scheme, x.key): x.category for x in CROSSWALKS}


def category(code: str) -> Category:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown SCRIBE category {code!r}") from None


def map_label(scheme: str, label: str) -> str | None:
    """The category for ``label`` in ``scheme``, or None when the crosswalk lacks it (the
    importer quarantines such rows with the label in the reason)."""
    if scheme not in SCHEMES:
        raise KeyError(f"unknown crosswalk scheme {scheme!r}; known: {sorted(SCHEMES)}")
    return _LOOKUP.get((scheme, label_key(label)))


def validate() -> list[str]:
    """Internal consistency: unique codes, parents exist, crosswalks point at categories and
    no scheme maps one label two ways."""
    problems = []
    codes = [c.code for c in CATEGORIES]
    if len(codes) != len(set(codes)):
        problems.append("duplicate category codes")
    for c in CATEGORIES:
        if c.domain not in DOMAINS:
            problems.append(f"{c.code}: unknown domain")
        if c.parent and c.parent not in _BY_CODE:
            problems.append(f"{c.code}: parent {c.parent} missing")
        if not re.fullmatch(r"[a-z]+(\.[a-z_]+)*", c.code):
            problems.append(f"{c.code}: codes are lower-case words joined by dots")
    seen: dict[tuple[str, str], str] = {}
    for x in CROSSWALKS:
        if x.category not in _BY_CODE:
            problems.append(f"{x.scheme}/{x.label}: unknown category {x.category}")
        previous = seen.setdefault((x.scheme, x.key), x.category)
        if previous != x.category:
            problems.append(f"{x.scheme}/{x.label}: maps to {previous} and {x.category}")
    return problems
